import ArgumentParser
import BulwarkRBAC

struct RBACSubjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject",
        abstract: "The effective permissions of SUBJECT, by scope (cluster, then each namespace).",
        discussion: """
        SUBJECT: user:NAME, group:NAME or sa:NAMESPACE/NAME; its implicit groups' grants are included.

        Examples:
          bulwark rbac subject sa:ci/deployer k8s/
          bulwark rbac subject group:system:authenticated --context prod
          bulwark rbac subject user:alice@example.com --snapshot cluster.json.gz -o json
        """)

    @Argument(help: "user:NAME, group:NAME or sa:NAMESPACE/NAME.") var subject: String
    @OptionGroup var input: InputOptions
    @Option(name: .customLong("group"), help: "A group the user is in (repeatable).") var groups: [String] = []
    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.") var format: RBACFormat = .table

    func run() async throws {
        let who = try RBACInput.subject(subject)
        let index = try await RBACInput.load(input)
        let grants = index.effectiveGrants(of: who, groups: groups).sorted(by: RBACJSON.grantOrder)
        let byScope = Dictionary(grouping: grants, by: \.scope).sorted { $0.key < $1.key }
        switch format {
        case .json:
            struct Scope: Encodable { var scope: String; var grants: [RBACJSON.GrantJSON] }
            struct Output: Encodable { var subject: RBACJSON.Subject; var groups: [String]; var scopes: [Scope] }
            let groupsUsed = RBACIndex.identities(of: who, groups: groups).dropFirst().map(\.name)
            print(try RBACJSON.encode(Output(subject: .init(who), groups: Array(groupsUsed),
                                             scopes: byScope.map { Scope(scope: $0.key.name, grants: $0.value.map { RBACJSON.GrantJSON($0, for: who) }) })))
        case .table:
            print("\(who.description): \(grants.count) rule\(grants.count == 1 ? "" : "s") in \(byScope.count) scope\(byScope.count == 1 ? "" : "s")")
            for (scope, list) in byScope {
                print("\n\(scope == .cluster ? "cluster-wide" : "namespace \(scope.name)"):")
                var rows = [["RULE", "BINDING", "ROLE", "VIA"]]
                for g in list { rows.append([g.rule.summary, g.binding.description, g.role.description, g.subject == who ? "-" : g.subject.description]) }
                print(TextTable.render(rows, width: OutputOptions.terminalWidth() - 2).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
        }
    }
}
