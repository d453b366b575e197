import Foundation
import XCTest

/// `-o html` as people open it: in a real browser (Debian's headless chromium), with and without
/// JavaScript, and `-o prometheus` through promtool, both checked against the JSON report.
final class HTMLBrowserTests: XCTestCase {
    static func tool(_ name: String) throws -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        XCTAssertNil(ProcessInfo.processInfo.environment["BULWARK_REQUIRE_TOOLS"], "\(name) missing")
        throw XCTSkip("\(name) not installed (scripts/test.sh installs it)")
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (code: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testInsecureExampleRendersInChromiumWithAndWithoutJavaScript() throws {
        let chromium = try Self.tool("chromium")
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        let scan = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "html", "--output-file", page.path])
        XCTAssertEqual(scan.code, 1, scan.stderr)
        let json = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json"]).json()
        let results = try XCTUnwrap(json["results"] as? [[String: Any]])
        func base(_ profile: String) -> [String] {
            ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir.appendingPathComponent(profile).path)"]
        }
        // Without JavaScript: the page's own scripts are blocked by a Content-Security-Policy, as a
        // CI viewer that strips inline scripts would (chromium's --dump-dom itself needs scripting,
        // so switching JavaScript off in the browser would leave nothing to read).
        let html = try String(contentsOf: page, encoding: .utf8)
        let blocked = dir.appendingPathComponent("report-noscript.html")
        try Data(html.replacingOccurrences(of: "<head>", with: "<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\">").utf8).write(to: blocked)
        for scripts in [true, false] {
            let dom = try Self.run(chromium, base(scripts ? "js" : "nojs") + ["--dump-dom", (scripts ? page : blocked).absoluteString])
            XCTAssertEqual(dom.code, 0)
            XCTAssertTrue(dom.out.contains("</html>"), "chromium printed the page (scripts: \(scripts)): \(dom.out.prefix(200))")
            XCTAssertEqual(dom.out.contains("type=\"search\""), scripts, "the filter box exists only with JavaScript")
            // Every control is named with its status, as the JSON says.
            let missing = results.compactMap { result -> String? in
                let id = result["control"] as? String ?? "?", status = result["status"] as? String ?? "?"
                return dom.out.contains("<div class=\"control \(status)\" data-control=\"\(id)\">") ? nil : "\(id) \(status)"
            }
            XCTAssertEqual(missing, [], "scripts: \(scripts)")
        }
        let shot = dir.appendingPathComponent("shot.png")
        _ = try Self.run(chromium, base("shot") + ["--window-size=1280,1600", "--screenshot=\(shot.path)", page.absoluteString])
        let png = try Data(contentsOf: shot)
        XCTAssertGreaterThan(png.count, 10_000)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
    }

    func testPrometheusPassesPromtoolAndCountsFailedControlsAsTheJSONDoes() throws {
        let promtool = try Self.tool("promtool")
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("metrics.prom")
        let scan = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "prometheus", "--output-file", file.path])
        XCTAssertEqual(scan.code, 1)
        let check = try Self.run("/bin/sh", ["-c", "\(promtool) check metrics < '\(file.path)'"])
        XCTAssertEqual(check.code, 0, check.out)
        let text = try String(contentsOf: file, encoding: .utf8)
        let failSamples = text.split(separator: "\n").filter { $0.hasPrefix("bulwark_control_result{") && $0.contains("status=\"fail\"") }
        let failValue = failSamples.compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
        let json = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json"]).json()
        let failed = ((json["summary"] as? [String: Any])?["results"] as? [String: Any])?["fail"] as? Int
        XCTAssertEqual(Int(failValue), failed)
        XCTAssertTrue(text.contains("bulwark_scan_duration_seconds "))
    }
}
