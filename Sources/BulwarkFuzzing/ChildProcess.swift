import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program with a wall-clock limit and a resident-memory limit, and reports how it ended:
/// exit code or signal, peak resident size (wait4's ru_maxrss), and its standard output.
public struct ChildProcess: Sendable {
    public struct Result: Sendable {
        public var exitCode: Int32?
        public var signal: Int32?
        public var timedOut: Bool
        public var overMemory: Bool
        public var maxResidentBytes: Int
        public var seconds: Double
        public var stdout: [UInt8]
        public var stderr: [UInt8]
    }

    public var timeout: Double
    public var memoryLimitBytes: Int

    public init(timeout: Double = 60, memoryLimitBytes: Int = 2 << 30) {
        self.timeout = timeout
        self.memoryLimitBytes = memoryLimitBytes
    }

    /// `stdoutPath`/`stderrPath`: where the child's output goes (read back into the result).
    public func run(_ executable: String, _ arguments: [String], stdoutPath: String, stderrPath: String,
                    stdinPath: String = "/dev/null", stalled: (() -> Bool)? = nil) -> Result {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // A trap is seen by its signal; the Swift backtracer would spend seconds on every one.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in envp { free(p) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            return Result(exitCode: 127, signal: nil, timedOut: false, overMemory: false, maxResidentBytes: 0, seconds: 0,
                          stdout: [], stderr: Array("spawn failed: \(spawned)".utf8))
        }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false, overMemory = false
        var pollInterval: useconds_t = 1000
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            let elapsed = Date().timeIntervalSince(start)
            if !timedOut && !overMemory {
                if elapsed > timeout { timedOut = true; kill(pid, SIGKILL) }
                else if Self.residentBytes(pid) > memoryLimitBytes { overMemory = true; kill(pid, SIGKILL) }
                else if let stalled, stalled() { timedOut = true; kill(pid, SIGKILL) }
            }
            usleep(pollInterval)
            pollInterval = min(pollInterval * 2, 20_000)
        }
        let seconds = Date().timeIntervalSince(start)
        // Linux reports ru_maxrss in KiB.
        let maxRSS = Int(usage.ru_maxrss) * 1024
        let exited = (status & 0x7f) == 0
        let out = FileManager.default.contents(atPath: stdoutPath).map(Array.init) ?? []
        let err = FileManager.default.contents(atPath: stderrPath).map(Array.init) ?? []
        return Result(exitCode: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f,
                      timedOut: timedOut, overMemory: overMemory || maxRSS > memoryLimitBytes,
                      maxResidentBytes: maxRSS, seconds: seconds, stdout: out, stderr: err)
    }

    /// Current resident size from /proc (0 where there is no /proc).
    static func residentBytes(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
