import Foundation
import XCTest

/// Issue 10, through the built binary: option values and paths that used to trap, hang or read
/// without bound are input errors (exit 2) naming what was wrong.
final class HostileInputCommandTests: XCTestCase {
    /// `inf` and `1e300` trapped converting to Int64 nanoseconds; negative, zero and nan were
    /// already refused and stay refused, all before any connection is tried.
    func testRequestTimeoutOutOfRangeIsAUsageError() throws {
        for value in ["inf", "1e300", "-5", "0", "nan", "-inf", "1e300ms", "25h", "99999999999999m"] {
            let r = try BulwarkProcess.run(["scan", "--live", "--request-timeout=\(value)", "-o", "json"])
            XCTAssertEqual(r.code, 2, "\(value): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("--request-timeout must be a finite positive duration"), "\(value): \(r.stderr)")
        }
    }

    static func unixSocket(_ path: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path]
        try p.run()
        p.waitUntilExit()
    }

    /// Issue 10: a FIFO given as a path hung every command (open blocks for a writer). A FIFO,
    /// a unix socket or a device in any path argument is now an input error naming the path.
    /// No writer ever opens these FIFOs: a hang would be this test hanging.
    func testFIFOsSocketsAndDevicesGivenAsPathsAreInputErrorsNotHangs() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("in.yaml").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let socket = dir.appendingPathComponent("sock.yaml").path
        try Self.unixSocket(socket)
        let good = "examples/insecure"
        for path in [fifo, socket, "/dev/zero"] {
            let runs: [[String]] = [
                ["scan", path, "-o", "json"],
                ["scan", "--snapshot", path, "-o", "json"],
                ["scan", good, "--exceptions", path, "-o", "json"],
                ["scan", "--kubeconfig", path, "-o", "json"],
                ["snapshot", "--from-dump", path, "--output-file", dir.appendingPathComponent("s.json").path],
                ["pss", path],
                ["rbac", "who-can", "get", "secrets", path],
                ["cve", "update", path],
            ]
            for arguments in runs {
                let r = try BulwarkProcess.run(arguments)
                XCTAssertEqual(r.code, 2, "\(arguments): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains(path), "\(arguments) names the path: \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("not a regular file"), "\(arguments): \(r.stderr)")
            }
        }
    }

    /// Issue 10: `scan - < /dev/zero` read until it aborted at ~4.4 GB. Every input is now read
    /// as a stream against --max-input-bytes (2 GiB by default); a small limit shows the check
    /// happens while reading, for standard input and files alike, and names the input.
    func testInputsOverTheLimitAreInputErrorsNamingThem() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var yaml = ""
        for i in 0..<400 { yaml += "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c\(i), namespace: default}\ndata: {k: v}\n" }
        XCTAssertGreaterThan(yaml.utf8.count, 20_000)
        let file = dir.appendingPathComponent("big.yaml").path
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let stdin = try BulwarkProcess.run(["scan", "-", "--max-input-bytes", "16KiB", "-o", "json"], stdin: yaml)
        XCTAssertEqual(stdin.code, 2, stdin.stderr)
        XCTAssertTrue(stdin.stderr.contains("standard input") && stdin.stderr.contains("over the input limit"), stdin.stderr)
        let onDisk = try BulwarkProcess.run(["scan", file, "--max-input-bytes", "16KiB", "-o", "json"])
        XCTAssertEqual(onDisk.code, 2, onDisk.stderr)
        XCTAssertTrue(onDisk.stderr.contains(file) && onDisk.stderr.contains("16384-byte input limit"), onDisk.stderr)
        // The same input under the limit is read.
        XCTAssertNotEqual(try BulwarkProcess.run(["scan", "-", "--max-input-bytes", "1MiB", "-o", "json"], stdin: yaml).code, 2)
        XCTAssertNotEqual(try BulwarkProcess.run(["scan", file, "-o", "json"]).code, 2)
        // NUL garbage stops at the first chunk, whatever the limit.
        let zeros = try BulwarkProcess.run(["scan", "-", "-o", "json"], stdin: String(repeating: "\0", count: 100_000))
        XCTAssertEqual(zeros.code, 2, zeros.stderr)
        XCTAssertTrue(zeros.stderr.contains("binary data"), zeros.stderr)
        let bad = try BulwarkProcess.run(["scan", file, "--max-input-bytes", "lots"])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("--max-input-bytes must be a positive size"), bad.stderr)
    }
}
