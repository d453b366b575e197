import Foundation
import BulwarkInputs
import BulwarkModel

/// Runs an exec credential plugin as kubectl does: its args, the process environment plus the
/// kubeconfig's env, `KUBERNETES_EXEC_INFO` describing the request, standard input only when
/// interactive, its standard error passed through to ours.
public struct ExecPlugin: Sendable {
    public var config: ExecConfig
    /// The cluster, passed to the plugin when the kubeconfig sets `provideClusterInfo`.
    public var server: String
    public var stdinIsTerminal: Bool
    /// How long a non-interactive plugin may take (a token from a cloud CLI takes seconds); an
    /// interactive login, which waits for the user, gets `interactiveTimeout`.
    public var timeout: Duration = .seconds(60)

    public init(config: ExecConfig, server: String, stdinIsTerminal: Bool = isatty(0) == 1) {
        self.config = config; self.server = server; self.stdinIsTerminal = stdinIsTerminal
    }

    var interactive: Bool {
        switch config.interactiveMode {
        case .never: return false
        case .ifAvailable, .always: return stdinIsTerminal
        }
    }

    static let interactiveTimeout: Duration = .seconds(600)
    /// An ExecCredential is a few kilobytes, client certificate included.
    static let maxOutputBytes = 1 << 20

    public func run() throws(KubeconfigError) -> ExecCredential {
        let field = "exec \(config.command)"
        if config.interactiveMode == .always && !stdinIsTerminal {
            throw KubeconfigError(file: config.file, field: field, message: "interactiveMode is Always but standard input is not a terminal")
        }
        var env = ProcessInfo.processInfo.environment
        for e in config.env { env[e.name] = e.value }
        env["KUBERNETES_EXEC_INFO"] = execInfo()
        // Bounded like every other input: a plugin that hangs or floods stops the run with an
        // error naming it, not forever. An interactive login (a browser, a code) gets longer.
        var process = BoundedProcess(executable: "/usr/bin/env", arguments: [config.command] + config.args,
                                     timeout: interactive ? Self.interactiveTimeout : timeout, maxOutputBytes: Self.maxOutputBytes)
        process.inheritsStandardError = true
        process.inheritsStandardInput = interactive
        let data: [UInt8]
        switch process.run(environment: env) {
        case .success(let output):
            data = output
        case .failure(.cannotStart(let why)):
            var message = "cannot run the credential plugin: \(why)"
            if let hint = config.installHint { message += " (\(hint))" }
            throw KubeconfigError(file: config.file, field: field, message: message)
        case .failure(.exited(let status, _)):
            var message = "the credential plugin exited with status \(status)"
            if status == 127, let hint = config.installHint { message += " (\(hint))" }
            throw KubeconfigError(file: config.file, field: field, message: message)
        case .failure(let failure):
            throw KubeconfigError(file: config.file, field: field, message: "the credential plugin \(failure)")
        }
        return try ExecCredential.parse(data, config: config)
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
