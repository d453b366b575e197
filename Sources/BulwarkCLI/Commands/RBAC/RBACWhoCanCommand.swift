import ArgumentParser
import BulwarkRBAC

struct RBACWhoCanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "Every subject that may VERB RESOURCE, with the binding, role and rule that grant it.",
        discussion: """
        Without -n, a namespaced resource is asked about every namespace at once (cluster-wide \
        grants only); with -n NS, ClusterRoleBindings and the RoleBindings of NS count; with -A, \
        every binding counts at its own scope (who can do it in at least one namespace). \
        RESOURCE: pods, deployments.apps, pods/exec, '*', a bare built-in name, or a URL (/healthz).

        Examples:
          bulwark rbac who-can list secrets k8s/
          bulwark rbac who-can create pods -n kube-system k8s/ -o json
          bulwark rbac who-can create deployments.apps -A --context prod
          bulwark rbac who-can get /metrics --snapshot cluster.json.gz
        """)

    @Argument(help: "The verb: get, list, create, update, patch, delete, bind, escalate, impersonate, …") var verb: String
    @Argument(help: "RESOURCE or non-resource URL.") var resource: String
    @OptionGroup var input: InputOptions
    @Option(name: .shortAndLong, help: "Namespace of the question.") var namespace: String?
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Any namespace: RoleBindings of every namespace count, each where it is bound.")
    var allNamespaces = false
    @Option(help: "Object name (rules with resourceNames match only named requests).") var name: String = ""
    @Option(help: "Subresource, as in kubectl auth can-i.") var subresource: String = ""
    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.") var format: RBACFormat = .table

    func validate() throws {
        if namespace != nil && allNamespaces { throw ValidationError("-n/--namespace and -A/--all-namespaces exclude each other.") }
    }

    func run() async throws {
        let index = try await RBACInput.load(input)
        let spec = RBACInput.resource(resource, subresource: subresource)
        let request = spec.request(verb: verb, name: name)
        let filter: ScopeFilter = allNamespaces ? .everywhere : (namespace.map { .namespace($0) } ?? .clusterWide)
        let grouped = RBACInput.time("who-can") { RBACJSON.bySubject(index.grants(allowing: request, in: filter)) }
        switch format {
        case .json:
            struct Output: Encodable { var subjects: [RBACJSON.SubjectGrants] }
            let subjects = grouped.map { s, grants in
                RBACJSON.SubjectGrants(kind: s.kind.rawValue, namespace: s.namespace, name: s.name, grants: grants.map { RBACJSON.GrantJSON($0) })
            }
            print(try RBACJSON.encode(Output(subjects: subjects)))
        case .table:
            let scope = allNamespaces ? "in at least one namespace (every binding at its scope)"
                : (namespace.map { "in namespace \($0)" } ?? "in every namespace (cluster-wide grants)")
            var rows = [["SUBJECT", "BINDING", "ROLE", "SCOPE", "RULE"]]
            for (s, grants) in grouped {
                for g in grants { rows.append([s.description, g.binding.description, g.role.description, g.scope.name, g.rule.summary]) }
            }
            let heading = "Who can \(request.description) \(spec.nonResourceURL == nil ? scope : "(non-resource URL: ClusterRoleBindings only)"): \(grouped.count) subject\(grouped.count == 1 ? "" : "s")"
            print(TextTable.wrap(heading, width: OutputOptions.terminalWidth()).joined(separator: "\n"))
            if grouped.isEmpty { print("nobody, through RBAC (members of system:masters always can)") } else { print(TextTable.render(rows)) }
        }
    }
}
