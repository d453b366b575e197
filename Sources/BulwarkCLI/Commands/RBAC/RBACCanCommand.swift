import ArgumentParser
import BulwarkRBAC

struct RBACCanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can",
        abstract: "Whether SUBJECT may VERB RESOURCE: exit 0 yes, 1 no (RBAC's SubjectAccessReview answer).",
        discussion: """
        SUBJECT: user:NAME, group:NAME or sa:NAMESPACE/NAME. The implicit groups (system:authenticated, \
        system:serviceaccounts[:NS], system:unauthenticated for system:anonymous) are added; --group \
        adds a user's other groups.

        Examples:
          bulwark rbac can sa:ci/deployer create deployments -n kube-system k8s/
          bulwark rbac can user:zoe get nodes --subresource proxy --group monitoring-team k8s/
          bulwark rbac can sa:shop/web list secrets -n shop --context prod -o json
          bulwark rbac can user:system:anonymous get /healthz --snapshot cluster.json.gz
        """)

    @Argument(help: "user:NAME, group:NAME or sa:NAMESPACE/NAME.") var subject: String
    @Argument(help: "The verb.") var verb: String
    @Argument(help: "RESOURCE or non-resource URL.") var resource: String
    @OptionGroup var input: InputOptions
    @Option(name: .shortAndLong, help: "Namespace of the request (omit: cluster-wide).") var namespace: String?
    @Option(help: "Object name.") var name: String = ""
    @Option(help: "Subresource.") var subresource: String = ""
    @Option(name: .customLong("group"), help: "A group the user is in (repeatable).") var groups: [String] = []
    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.") var format: RBACFormat = .table

    func run() async throws {
        let who = try RBACInput.subject(subject)
        let index = try await RBACInput.load(input)
        let spec = RBACInput.resource(resource, subresource: subresource)
        let request = spec.request(verb: verb, name: name)
        let filter: ScopeFilter = namespace.map { .namespace($0) } ?? .clusterWide
        let grants = index.grants(for: who, groups: groups, allowing: request, in: filter).sorted(by: RBACJSON.grantOrder)
        let allowed = !grants.isEmpty
        switch format {
        case .json:
            struct Output: Encodable {
                var allowed: Bool
                var subject: RBACJSON.Subject
                var groups: [String]
                var request: String
                var namespace: String
                var grants: [RBACJSON.GrantJSON]
            }
            let groupsUsed = RBACIndex.identities(of: who, groups: groups).dropFirst().map(\.name)
            print(try RBACJSON.encode(Output(allowed: allowed, subject: .init(who), groups: Array(groupsUsed), request: request.description,
                                             namespace: namespace ?? "", grants: grants.map { RBACJSON.GrantJSON($0, for: who) })))
        case .table:
            let place = namespace.map { " in namespace \($0)" } ?? " cluster-wide"
            print("\(allowed ? "yes" : "no"): \(who.description) \(allowed ? "can" : "cannot") \(request.description)\(place)")
            for g in grants {
                let via = g.subject == who ? "" : " (via \(g.subject.description))"
                print("  \(g.binding.description) → \(g.role.description) [\(g.scope.name)]: \(g.rule.summary)\(via)")
            }
        }
        if !allowed { throw ExitCode(1) }
    }
}
