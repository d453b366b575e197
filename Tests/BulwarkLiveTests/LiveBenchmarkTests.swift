import Foundation
import XCTest

/// The issue-4 benchmark: collect and scan a generated 100,000-object cluster from the test API
/// server, then scan its snapshot. Runs only with BULWARK_LIVE_BENCH=SCALE (1 = 100k objects);
/// BULWARK_BINARY picks the binary (scripts/bench-live.sh passes the release build). Wall time
/// and peak RSS are the bulwark process's own (`/usr/bin/time -v`), not the test server's.
final class LiveBenchmarkTests: XCTestCase {
    func testCollectAndScanAGeneratedCluster() throws {
        guard let scaleText = ProcessInfo.processInfo.environment["BULWARK_LIVE_BENCH"], let scale = Double(scaleText) else {
            throw XCTSkip("set BULWARK_LIVE_BENCH=1 to run the live benchmark")
        }
        let binary = ProcessInfo.processInfo.environment["BULWARK_BINARY"]
            ?? BulwarkBinary.packageRoot.appendingPathComponent(".build/debug/bulwark").path
        let h = try LiveHarness(fixture: false)
        defer { h.stop() }
        var total = 0
        for part in GeneratedCluster.make(scale: scale) {
            h.cluster.add(kind: part.kind, apiVersion: part.apiVersion, items: part.items)
            total += part.items.count
        }
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser())
        let snapshot = ProcessInfo.processInfo.environment["BULWARK_LIVE_BENCH_SNAPSHOT"] ?? h.dir + "/big.json.gz"
        func timed(_ label: String, _ arguments: [String]) throws -> (seconds: Double, rssMiB: Double, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = ["-v", binary] + arguments
            process.environment = ["HOME": h.dir, "PATH": "/usr/bin:/bin"]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            func field(_ name: String) -> String? {
                text.split(separator: "\n").first { $0.contains(name) }.map { String($0.split(separator: ": ").last ?? "") }
            }
            let wall = field("Elapsed (wall clock)") ?? "0:0"
            let parts = wall.split(separator: ":").compactMap { Double($0) }
            let seconds = parts.reversed().enumerated().reduce(0) { $0 + $1.element * pow(60, Double($1.offset)) }
            let rss = (Double(field("Maximum resident set size") ?? "0") ?? 0) / 1024
            print(String(format: "live-bench %@: %.2f s, %.0f MiB peak RSS", label, seconds, rss), text.split(separator: "\n").first { $0.hasPrefix("timings:") } ?? "")
            return (seconds, rss, text)
        }
        let scan = try timed("scan live (\(total) objects)", ["scan", "--kubeconfig", config, "-o", "json", "--output-file", h.dir + "/r.json", "--timings"])
        XCTAssertTrue(scan.stderr.contains("objects=\(total)"), scan.stderr.suffix(500).description)
        let snap = try timed("snapshot live", ["snapshot", "--kubeconfig", config, "--output-file", snapshot])
        let offline = try timed("scan snapshot", ["scan", "--snapshot", snapshot, "-o", "json", "--output-file", h.dir + "/s.json", "--timings"])
        XCTAssertTrue(offline.stderr.contains("objects=\(total)"))
        if scale >= 1 && binary.contains("release") {
            XCTAssertLessThan(scan.seconds, 60); XCTAssertLessThan(scan.rssMiB, 1024)
            XCTAssertLessThan(offline.seconds, 10)
        }
        _ = snap
    }
}
