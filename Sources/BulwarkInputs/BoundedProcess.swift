import Foundation

/// Runs a child program bounded in time and output: killed when it runs past `timeout` or prints
/// more than `maxOutputBytes` on standard output. Renderers (`kubectl kustomize`, `helm template`)
/// and kubeconfig credential plugins run through it, so neither can hang or flood a scan.
public struct BoundedProcess: Sendable {
    public var executable: String
    public var arguments: [String]
    public var timeout: Duration
    public var maxOutputBytes: Int
    /// Pass standard error through to ours (a credential plugin's prompts) instead of keeping it
    /// for the failure message.
    public var inheritsStandardError = false
    /// Give the child our standard input (an interactive plugin), else /dev/null.
    public var inheritsStandardInput = false

    public init(executable: String, arguments: [String], timeout: Duration, maxOutputBytes: Int) {
        self.executable = executable; self.arguments = arguments; self.timeout = timeout; self.maxOutputBytes = maxOutputBytes
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotStart(String)
        case timedOut(Duration)
        case outputTooLarge(Int)
        case exited(Int32, String)

        public var description: String {
            switch self {
            case .cannotStart(let why): return "could not be started (\(why))"
            case .timedOut(let limit): return "did not finish within \(limit.components.seconds) s and was stopped"
            case .outputTooLarge(let limit): return "printed more than \(limit) bytes and was stopped"
            case .exited(let code, let message): return message.isEmpty ? "exited with status \(code)" : "exited with status \(code): \(message)"
            }
        }
    }

    /// The environment a renderer runs in: none of the user's variables (no credentials, no
    /// kubeconfig), the search path it was found on, a throw-away HOME, and network access closed
    /// (proxies to 127.0.0.1:9, git limited to local files, no ssh), so that nothing a
    /// kustomization names is fetched.
    static func rendererEnvironment(searchPath: String) -> [String: String] {
        let closed = "http://127.0.0.1:9"
        return [
            "PATH": searchPath,
            "HOME": FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-render-home").path,
            "LANG": "C",
            "HTTP_PROXY": closed, "HTTPS_PROXY": closed, "http_proxy": closed, "https_proxy": closed,
            "ALL_PROXY": closed, "NO_PROXY": "", "no_proxy": "",
            "GIT_ALLOW_PROTOCOL": "file", "GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "false",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
        ]
    }

    /// What the child printed on standard output, when it exited 0 in time.
    public func run(environment: [String: String]) -> Result<[UInt8], Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = inheritsStandardError ? FileHandle.standardError : err
        process.standardInput = inheritsStandardInput ? FileHandle.standardInput : FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { return .failure(.cannotStart(error.localizedDescription)) }

        let collected = Collected()
        let readers = DispatchGroup()
        let limit = maxOutputBytes
        readers.enter()
        DispatchQueue.global().async {
            let handle = out.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                if !collected.appendOutput(chunk, limit: limit) {
                    // Over the limit: stop the child now rather than read what it goes on printing.
                    process.terminate()
                    break
                }
            }
            readers.leave()
        }
        if !inheritsStandardError {
            readers.enter()
            DispatchQueue.global().async {
                let handle = err.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    collected.appendError(chunk)
                }
                readers.leave()
            }
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            collected.markTimedOut()
            process.terminate()
            // A child that ignores SIGTERM is killed.
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        // The pipes close when the child is gone (unless it left grandchildren holding them: do not wait forever).
        _ = readers.wait(timeout: .now() + 5)
        let state = collected.snapshot()
        if state.timedOut { return .failure(.timedOut(timeout)) }
        if state.overLimit { return .failure(.outputTooLarge(maxOutputBytes)) }
        if process.terminationReason == .uncaughtSignal || process.terminationStatus != 0 {
            return .failure(.exited(process.terminationStatus, Self.firstLines(of: state.error)))
        }
        return .success(state.output)
    }

    /// The first two non-empty lines of what the child said, at most 300 characters: enough to
    /// name the error without pouring its whole output (or a manifest's content) into a report.
    /// Deprecation warnings (`# Warning: 'commonLabels' is deprecated`) are left out, and klog's
    /// `E1207 13:33:09.906403 17157 run.go:72] ` prefix dropped, so that the error itself shows.
    public static func firstLines(of bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline)
            .map { line -> String in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if let first = trimmed.first, "EWIF".contains(first), trimmed.dropFirst().prefix(4).allSatisfy(\.isNumber),
                   let end = trimmed.range(of: "] ") {
                    return String(trimmed[end.upperBound...])
                }
                return trimmed
            }
            .filter { !$0.isEmpty && !$0.hasPrefix("# Warning") && !$0.hasPrefix("Warning:") }
        let joined = lines.prefix(2).joined(separator: " ")
        return joined.count > 300 ? String(joined.prefix(300)) + "…" : joined
    }

    /// Output and error bytes gathered by the reader threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var output: [UInt8] = []
        private var error: [UInt8] = []
        private var overLimit = false
        private var timedOut = false

        /// false once the output is over `limit` (the bytes past it are dropped).
        func appendOutput(_ data: Data, limit: Int) -> Bool {
            lock.lock(); defer { lock.unlock() }
            if output.count + data.count > limit { overLimit = true; return false }
            output.append(contentsOf: data)
            return true
        }

        func appendError(_ data: Data) {
            lock.lock(); defer { lock.unlock() }
            if error.count < 65_536 { error.append(contentsOf: data.prefix(65_536 - error.count)) }
        }

        func markTimedOut() { lock.lock(); timedOut = true; lock.unlock() }

        func snapshot() -> (output: [UInt8], error: [UInt8], overLimit: Bool, timedOut: Bool) {
            lock.lock(); defer { lock.unlock() }
            return (output, error, overLimit, timedOut)
        }
    }
}
