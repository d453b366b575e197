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
        reading. Without SUBJECT: every subject with a path (system identities too with --include-system).
        """)

    @Argument(help: ArgumentHelp("[SUBJECT] PATH…: an optional user:NAME, group:NAME or sa:NAMESPACE/NAME, then manifest files or folders ('-' for standard input).", valueName: "subject-or-path"))
    var arguments: [String] = []
    @Flag(name: .customLong("include-system"), help: "Also list system: users and groups and kube-system service accounts.") var includeSystem = false
    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.") var format: RBACFormat = .table

    @Option(help: ArgumentHelp("A snapshot written by `bulwark snapshot`, scanned offline.", valueName: "file"))
    var snapshot: String?

    /// The first argument is the subject when it parses as one (`paths sa:ci/x dir/`); else all are paths.
    var subject: String? { arguments.first.flatMap { RBACSubject(parsing: $0) != nil ? $0 : nil } }
    var pathArguments: [String] { subject == nil ? arguments : Array(arguments.dropFirst()) }

    func validate() throws {
        if pathArguments.isEmpty && snapshot == nil {
            throw ValidationError("Give at least one manifest file or folder, '-' for standard input, or --snapshot FILE.")
        }
    }

    func run() async throws {
        // The shared input options, parsed the way every other command takes them.
        let input = try InputOptions.parse(pathArguments + (snapshot.map { ["--snapshot", $0] } ?? []))
        let index = try await RBACInput.load(input)
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
