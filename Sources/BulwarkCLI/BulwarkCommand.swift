import ArgumentParser
import Foundation
import BulwarkModel

/// The `bulwark` command. Exit codes: 0 clean, 1 findings at or above `--fail-on` (or pods a PSS
/// level does not allow), 2 usage errors, unreadable input, or (with `--strict`) an incomplete scan.
public struct BulwarkCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "bulwark",
        abstract: "Audit a Kubernetes cluster against the guide \"Securing a Cluster\".",
        discussion: """
        Bulwark reads manifests (files, folders, `-` for stdin, `kubectl kustomize` or `helm template` \
        output), a live cluster or a snapshot of one, a node's filesystem, and the components' network \
        endpoints; checks them against every recommendation of the Kubernetes guide "Securing a \
        Cluster" (sections S1–S17); and reports each control as pass, fail or not assessed.

        Examples:
          bulwark scan examples/insecure
          bulwark scan --context prod -o json          (a live cluster)
          sudo bulwark node --probe                    (this node, and its endpoints)
          kubectl kustomize overlays/prod | bulwark scan - -o sarif > bulwark.sarif
          bulwark pss deploy/ --level restricted --version v1.30
          bulwark controls -o json
          bulwark explain BW-S6-002

        Exit codes:
          0  no finding at or above --fail-on
          1  findings at or above --fail-on (pss: a pod the level does not allow)
          2  usage error, no input could be read, or --strict and the scan was incomplete

        `bulwark --version` prints the version. Installed as `kubectl-bulwark` on your PATH, it also \
        runs as `kubectl bulwark ...`.
        """,
        // No `version:` here: ArgumentParser would then add its own --version to every subcommand,
        // listed twice beside `pss --version` and `cve list --version`; `runMain` answers
        // `bulwark --version` itself.
        subcommands: [
            ScanCommand.self,
            NodeCommand.self,
            ProbeCommand.self,
            PSSCommand.self,
            RBACCommand.self,
            NetpolCommand.self,
            ControlsCommand.self,
            ExplainCommand.self,
            DiffCommand.self,
            SnapshotCommand.self,
            CVECommand.self,
            ScannerRoleCommand.self,
            AuditLogCommand.self,
        ])

    public init() {}

    /// Like ArgumentParser's `main()`, but usage errors exit 2 (not 64), as the README documents.
    /// Every failing run (exit 2) leaves here: with a machine format (`-o json`, yaml, sarif,
    /// junit) standard output then still gets one complete document, `errors` filled in.
    public static func runMain(_ arguments: [String]? = nil) async -> Int32 {
        var parsed: ParsableCommand.Type?
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        if given == ["--version"] {
            print(version)
            return 0
        }
        do {
            var command = try parseAsRoot(arguments)
            parsed = type(of: command)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let reported as ReportedExit {
            return reported.code
        } catch {
            let code = exitCode(for: error)
            var message = fullMessage(for: error)
            // A validation error thrown while running: ArgumentParser would show the root's usage
            // (`bulwark <subcommand>`); show the subcommand's, as for errors found while parsing.
            if let parsed, let validation = error as? ValidationError {
                message = usageMessage(validation.message, for: parsed)
            }
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            // Errors quote input (a kubeconfig's server URL, a flag): credentials never reach them.
            if let exit = error as? ExitCode, exit.rawValue == 1 { return 1 }
            // Everything else is a failed run: exit 2, whatever ArgumentParser would have returned.
            var issues: [InputIssue]
            if let unreadable = error as? UnreadableInput {
                issues = unreadable.issues
            } else {
                if !message.isEmpty { FileHandle.standardError.write(Data((CredentialRedaction.redact(text: message) + "\n").utf8)) }
                issues = [InputIssue(file: "-", message: CredentialRedaction.redact(text: Self.plainMessage(message.isEmpty ? "\(error)" : message)))]
            }
            if issues.isEmpty { issues = [InputIssue(file: "-", message: "bulwark failed (exit 2)")] }
            FailureDocument.write(arguments: given, issues: issues)
            return 2
        }
    }

    /// ArgumentParser's message without the usage lines and "Error: " prefix.
    static func plainMessage(_ message: String) -> String {
        let first = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
        return first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
    }

    /// `Error: …`, the subcommand's usage and where its help is.
    static func usageMessage(_ text: String, for subcommand: ParsableCommand.Type) -> String {
        let usage = usageString(for: subcommand)
        let path = usage.split(separator: " ").prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") && !$0.hasPrefix("-") }
        return "Error: \(text)\nUsage: \(usage)\n  See '\(path.joined(separator: " ")) --help' for more information."
    }
}
