import Foundation
import BulwarkModel

/// Runs an exec credential plugin as kubectl does: its args, the process environment plus the
/// kubeconfig's env, `KUBERNETES_EXEC_INFO` describing the request, standard input only when
/// interactive, its standard error passed through to ours.
public struct ExecPlugin: Sendable {
    public var config: ExecConfig
    /// The cluster, passed to the plugin when the kubeconfig sets `provideClusterInfo`.
    public var server: String
    public var stdinIsTerminal: Bool

    public init(config: ExecConfig, server: String, stdinIsTerminal: Bool = isatty(0) == 1) {
        self.config = config; self.server = server; self.stdinIsTerminal = stdinIsTerminal
    }

    var interactive: Bool {
        switch config.interactiveMode {
        case .never: return false
        case .ifAvailable, .always: return stdinIsTerminal
        }
    }

    public func run() throws(KubeconfigError) -> ExecCredential {
        let field = "exec \(config.command)"
        if config.interactiveMode == .always && !stdinIsTerminal {
            throw KubeconfigError(file: config.file, field: field, message: "interactiveMode is Always but standard input is not a terminal")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [config.command] + config.args
        var env = ProcessInfo.processInfo.environment
        for e in config.env { env[e.name] = e.value }
        env["KUBERNETES_EXEC_INFO"] = execInfo()
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        if !interactive { process.standardInput = FileHandle.nullDevice }
        do { try process.run() } catch {
            var message = "cannot run the credential plugin: \(error.localizedDescription)"
            if let hint = config.installHint { message += " (\(hint))" }
            throw KubeconfigError(file: config.file, field: field, message: message)
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            var message = "the credential plugin exited with status \(process.terminationStatus)"
            if process.terminationStatus == 127, let hint = config.installHint { message += " (\(hint))" }
            throw KubeconfigError(file: config.file, field: field, message: message)
        }
        return try ExecCredential.parse(Array(data), config: config)
    }

    /// The ExecCredential request the plugin reads from `KUBERNETES_EXEC_INFO`.
    func execInfo() -> String {
        var spec = Mapping()
        spec.set("interactive", .bool(interactive))
        if config.provideClusterInfo { spec.set("cluster", ["server": .string(server)]) }
        let root: Value = ["apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": .mapping(spec)]
        return root.jsonText
    }
}
