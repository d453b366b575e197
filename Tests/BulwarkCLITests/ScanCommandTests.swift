import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `bulwark scan` end to end, through the built binary.
final class ScanCommandTests: XCTestCase {
    private let now = "--now=2026-11-29T00:00:00Z"

    private func findings(_ report: [String: Any]) -> [[String: Any]] { report["findings"] as? [[String: Any]] ?? [] }
    private func results(_ report: [String: Any]) -> [[String: Any]] { report["results"] as? [[String: Any]] ?? [] }

    func testInsecureExampleFailsWithFindingsThatPointAtFileAndLine() throws {
        let r = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json", now])
        XCTAssertEqual(r.code, 1, r.stderr)
        let report = try r.json()
        XCTAssertEqual(report["schemaVersion"] as? String, "bulwark.io/report/v1")
        let summary = try XCTUnwrap(report["summary"] as? [String: Any])
        XCTAssertEqual(summary["objects"] as? Int, 23)  // the List in rbac.json counts by its items; rbac-escalation.yaml adds 10, tls-secret.yaml 1
        XCTAssertEqual(summary["exitCode"] as? Int, 1)
        let privileged = try XCTUnwrap(findings(report).first { $0["control"] as? String == "BW-S6-002" })
        let object = try XCTUnwrap(privileged["object"] as? [String: Any])
        XCTAssertEqual(object["kind"] as? String, "Deployment")
        XCTAssertEqual(object["name"] as? String, "shop-frontend")
        XCTAssertEqual(object["namespace"] as? String, "shop")
        XCTAssertEqual(object["file"] as? String, "examples/insecure/frontend.yaml")
        XCTAssertEqual(object["document"] as? Int, 0)
        XCTAssertEqual(privileged["path"] as? String, "spec.template.spec.containers[0].securityContext.privileged")
        XCTAssertEqual(privileged["value"] as? String, "true")
        XCTAssertEqual(privileged["severity"] as? String, "critical")
        XCTAssertEqual(privileged["section"] as? String, "S6")
        let line = try XCTUnwrap(privileged["line"] as? Int)
        let text = try String(contentsOf: BulwarkProcess.packageRoot.appendingPathComponent("examples/insecure/frontend.yaml"), encoding: .utf8)
        XCTAssertTrue(text.components(separatedBy: "\n")[line - 1].contains("privileged: true"))
        // Facts the manifests do not hold are not assessed, with the reason.
        let psp = try XCTUnwrap(results(report).first { $0["control"] as? String == "BW-S6-105" })
        XCTAssertEqual(psp["status"] as? String, "not_assessed")
        XCTAssertEqual(psp["reason"] as? String, "no PodSecurityPolicy objects in input")
    }

    func testHardenedExamplePasses() throws {
        let r = try BulwarkProcess.run(["scan", "examples/hardened", "-o", "json", now])
        XCTAssertEqual(r.code, 0, r.stdout)
        XCTAssertEqual(findings(try r.json()).count, 0)
    }

    func testSecretValuesNeverAppearInAnyFormat() throws {
        for format in ["table", "json", "yaml", "sarif", "junit", "markdown"] {
            let r = try BulwarkProcess.run(["scan", "examples/insecure", "-o", format, now])
            XCTAssertEqual(r.code, 1, format)
            for secret in ["RkFLRS1ub3QtYS1yZWFsLXBhc3N3b3JkLTAwMDA=", "FAKE-not-a-real-password", "c2hvcA=="] {
                XCTAssertFalse(r.stdout.contains(secret) || r.stderr.contains(secret), "\(format) shows a secret value")
            }
        }
    }

    func testEveryFormatIsWellFormed() throws {
        let json = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json", now])
        XCTAssertNotNil(try json.json()["findings"])
        let sarif = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "sarif", now]).json()
        XCTAssertEqual(sarif["version"] as? String, "2.1.0")
        let junit = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "junit", now])
        let parser = XMLParser(data: Data(junit.stdout.utf8))
        XCTAssertTrue(parser.parse(), "JUnit output is not well-formed XML")
        XCTAssertTrue(junit.stdout.contains("<testsuites"))
        let yaml = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "yaml", now])
        XCTAssertTrue(yaml.stdout.contains("schemaVersion: bulwark.io/report/v1"), String(yaml.stdout.prefix(200)))
        let markdown = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "markdown", now])
        XCTAssertTrue(markdown.stdout.hasPrefix("# "))
        let table = try BulwarkProcess.run(["scan", "examples/insecure", now])
        XCTAssertFalse(table.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        XCTAssertTrue(table.stdout.contains("Security announcements"))
    }

    func testOutputFileWritesTheReport() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.sarif").path
        let r = try BulwarkProcess.run(["scan", "examples/hardened", "-o", "sarif", "--output-file", out, now])
        XCTAssertEqual(r.code, 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).contains("\"2.1.0\""))
    }

    func testFailOnThreshold() throws {
        // The insecure example holds a critical finding (a privileged container)...
        XCTAssertEqual(try BulwarkProcess.run(["scan", "examples/insecure", "--fail-on", "critical", "-o", "json", now]).code, 1)
        // ...while a pod whose worst finding is medium passes at the default threshold (high).
        let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: plain, namespace: team}
        spec:
          containers:
          - name: app
            image: nginx:1.27
            resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 100m, memory: 64Mi}}
        """
        let atHigh = try BulwarkProcess.run(["scan", "-", "-o", "json", now], stdin: pod)
        XCTAssertEqual(atHigh.code, 0, atHigh.stdout)
        let maxSeverity = findings(try atHigh.json()).compactMap { $0["severity"] as? String }
        XCTAssertFalse(maxSeverity.isEmpty)
        XCTAssertFalse(maxSeverity.contains("high") || maxSeverity.contains("critical"))
        XCTAssertEqual(try BulwarkProcess.run(["scan", "-", "-o", "json", "--fail-on", "medium", now], stdin: pod).code, 1)
    }

    /// --strict fails an incomplete scan (input unreadable or refused), not one whose controls
    /// lack a kind of input nobody gave: the clean hardened example passes it.
    func testStrictCountsUnreadableInputNotInputNotGiven() throws {
        let clean = try BulwarkProcess.run(["scan", "examples/hardened", "--strict", "-o", "json", now])
        XCTAssertEqual(clean.code, 0, "controls without their kind of input do not make a scan incomplete")
        let results = try XCTUnwrap(clean.json()["results"] as? [[String: Any]])
        let notAssessed = results.filter { $0["status"] as? String == "not_assessed" }
        XCTAssertFalse(notAssessed.isEmpty)
        XCTAssertTrue(notAssessed.allSatisfy { $0["cause"] as? String == "input_not_given" })
        XCTAssertTrue(results.filter { $0["status"] as? String != "not_assessed" }.allSatisfy { $0["cause"] == nil })
        // A document that cannot be parsed is unreadable input: exit 2 under --strict only.
        let broken = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: broken) }
        try FileManager.default.copyItem(at: BulwarkProcess.packageRoot.appendingPathComponent("examples/hardened"), to: broken.appendingPathComponent("hardened"))
        try Data("kind: [unclosed\n".utf8).write(to: broken.appendingPathComponent("hardened/zz-broken.yaml"))
        XCTAssertEqual(try BulwarkProcess.run(["scan", broken.path, "--strict", "-o", "json", now]).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["scan", broken.path, "-o", "json", now]).code, 0)
    }

    func testUsageErrorsAndUnreadableInputExit2() throws {
        // No path means the live cluster; with no kubeconfig that is a usage error (never a real cluster here).
        XCTAssertEqual(try BulwarkProcess.run(["scan"], environment: ["KUBECONFIG": "/nonexistent/kubeconfig", "KUBERNETES_SERVICE_HOST": ""]).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["scan", "examples", "--pss-level", "strict"]).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["scan", "examples", "--format", "pdf"]).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["scan", "examples", "--now", "yesterday"]).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["frobnicate"]).code, 2)
        let missing = try BulwarkProcess.run(["scan", "does/not/exist.yaml"])
        XCTAssertEqual(missing.code, 2)
        XCTAssertTrue(missing.stderr.contains("does/not/exist.yaml: no such file or directory"), missing.stderr)
        let garbage = try BulwarkProcess.run(["scan", "-"], stdin: "key: [unclosed\n")
        XCTAssertEqual(garbage.code, 2)
        XCTAssertTrue(garbage.stderr.contains("-:"), garbage.stderr)
    }

    func testBrokenDocumentsAreReportedAndTheRestIsScanned() throws {
        let input = """
        apiVersion: v1
        kind: Pod
        metadata: {name: broken
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: priv, namespace: team}
        spec:
          containers: [{name: c, image: x, securityContext: {privileged: true}}]
        """
        let r = try BulwarkProcess.run(["scan", "-", "-o", "json", now], stdin: input)
        XCTAssertEqual(r.code, 1)
        let report = try r.json()
        let errors = try XCTUnwrap(report["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?["file"] as? String, "-")
        XCTAssertEqual(errors.first?["document"] as? Int, 0)
        XCTAssertEqual(errors.first?["level"] as? String, "error")
        XCTAssertTrue(findings(report).contains { ($0["object"] as? [String: Any])?["name"] as? String == "priv" })
    }

    func testExceptionsByAnnotationAndFileWithExpiry() throws {
        let r = try BulwarkProcess.run(["scan", "examples/insecure", "--exceptions", "examples/exceptions.yaml", "-o", "json", now])
        let report = try r.json()
        let uses = try XCTUnwrap(report["exceptions"] as? [[String: Any]])
        func use(_ control: String, _ name: String) -> [String: Any]? {
            uses.first { $0["control"] as? String == control && ($0["object"] as? [String: Any])?["name"] as? String == name }
        }
        // The annotation on the log agent hides its run-as-root finding.
        XCTAssertEqual(use("BW-S6-104", "shop-log-agent")?["status"] as? String, "applied")
        XCTAssertFalse(findings(report).contains { $0["control"] as? String == "BW-S6-104" && ($0["object"] as? [String: Any])?["name"] as? String == "shop-log-agent" })
        // The file's current rule hides the CronJob's removed API; the expired one no longer hides nodeName.
        XCTAssertEqual(use("BW-S13-001", "shop-report")?["status"] as? String, "applied")
        XCTAssertFalse(findings(report).contains { $0["control"] as? String == "BW-S13-001" && ($0["object"] as? [String: Any])?["name"] as? String == "shop-report" })
        XCTAssertEqual(use("BW-S10-002", "shop-debug")?["status"] as? String, "expired")
        XCTAssertTrue(findings(report).contains { $0["control"] as? String == "BW-S10-002" })
        // Before its expiry date the same rule applies.
        let earlier = try BulwarkProcess.run(["scan", "examples/insecure", "--exceptions", "examples/exceptions.yaml", "-o", "json", "--now", "2026-06-30T12:00:00Z"]).json()
        XCTAssertFalse(findings(earlier).contains { $0["control"] as? String == "BW-S10-002" })
        // A broken exceptions file is a usage error naming the line.
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("ex.yaml")
        try Data("- control: BW-S6-002\n  reason: ok\n  expires: next week\n".utf8).write(to: bad)
        let badRun = try BulwarkProcess.run(["scan", "examples/insecure", "--exceptions", bad.path])
        XCTAssertEqual(badRun.code, 2)
        XCTAssertTrue(badRun.stderr.contains("ex.yaml:3"), badRun.stderr)
    }

    func testHelpTeachesWithExamples() throws {
        let root = try BulwarkProcess.run(["--help"])
        XCTAssertEqual(root.code, 0)
        XCTAssertTrue(root.stdout.contains("Exit codes:"))
        for command in ["scan", "pss", "controls"] {
            let help = try BulwarkProcess.run([command, "--help"])
            XCTAssertEqual(help.code, 0)
            XCTAssertTrue(help.stdout.contains("Examples:"), command)
        }
    }
}
