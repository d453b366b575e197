import ArgumentParser
import BulwarkRBAC

struct RBACPathsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Escalation paths to cluster-admin-equivalent power, shortest first, each step named.",
        discussion: """
        Steps: pod creation directly or through Deployments, ReplicaSets, StatefulSets, DaemonSets, \
        Jobs, CronJobs and ReplicationControllers (a pod may run as any service account of its \
        namespace); exec/attach/ephemeral containers/pod updates into running pods; \
        serviceaccounts/token; token Secrets; impersonation; bind and escalate; CSR approval \
        (system:masters client certificates); mutating webhooks; nodes/proxy; cluster-wide Secret \
        reading.

        The first <path> may be a SUBJECT (user:NAME, group:NAME or sa:NAMESPACE/NAME): then only its \
        shortest path is shown; without one, every subject with a path (system identities too with \
        --include-system). With no path and no --snapshot, the live cluster is read.

        Examples:
          bulwark rbac paths sa:ci/deployer examples/insecure
          bulwark rbac paths examples/insecure -o json
          bulwark rbac paths sa:ci/deployer --context prod
        """)

    /// PATH… of the shared input options; its first word is the SUBJECT when it parses as one
    /// (`paths sa:ci/x dir/`), so the command reads like its usage line.
    @OptionGroup var input: InputOptions
    @Flag(name: .customLong("include-system"), help: "Also list system: users and groups and kube-system service accounts.") var includeSystem = false
    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.") var format: RBACFormat = .table

    var subject: String? { input.paths.first.flatMap { RBACSubject(parsing: $0) != nil ? $0 : nil } }

    func run() async throws {
        var options = input
        if subject != nil { options.paths.removeFirst() }
        let index = try await RBACInput.load(options)
        let paths: [EscalationPath] = try RBACInput.time("paths") {
            let graph = EscalationGraph(index: index)
            if let subject { return graph.path(from: try RBACInput.subject(subject)).map { [$0] } ?? [] }
            return graph.allPaths(includeSystem: true).filter { includeSystem || !$0.subject.isSystem }
        }
        switch format {
        case .json:
            struct Step: Encodable {
                var action: String
                var to: String
                var binding: RBACJSON.Ref?
                var role: RBACJSON.Ref?
                var rule: PolicyRule?
                var scope: String?
                var via: RBACJSON.Subject?
            }
            struct PathJSON: Encodable { var subject: RBACJSON.Subject; var length: Int; var text: String; var steps: [Step] }
            struct Output: Encodable { var paths: [PathJSON] }
            let out = paths.map { p in
                PathJSON(subject: .init(p.subject), length: p.length, text: p.text, steps: p.steps.map { s in
                    Step(action: s.action, to: s.to.description, binding: s.grant.map { .init($0.binding) }, role: s.grant.map { .init($0.role) },
                         rule: s.grant?.rule, scope: s.grant?.scope.name,
                         via: s.grant.flatMap { $0.subject.kind == .group ? RBACJSON.Subject($0.subject) : nil })
                })
            }
            print(try RBACJSON.encode(Output(paths: out)))
        case .table:
            if paths.isEmpty {
                print(subject.map { "no escalation path from \($0) to cluster-admin-equivalent power" } ?? "no escalation paths to cluster-admin-equivalent power")
            }
            for (i, p) in paths.enumerated() {
                if i > 0 { print("") }
                print("\(p.text)  [\(p.length) step\(p.length == 1 ? "" : "s")]")
                for line in p.explanation { print("   \(line)") }
            }
        }
    }
}
