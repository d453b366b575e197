import Foundation
import XCTest

/// `--help` that teaches and errors that say what is wrong where (issue 11's help defects).
final class HelpAndValidationTests: XCTestCase {
    func testHelpTextsHaveNoLiteralContinuationsNoDuplicateFlagsAndExamples() throws {
        let role = try BulwarkProcess.run(["scanner-role", "--help"]).stdout
        XCTAssertFalse(role.contains("returns \\\n"), role)
        XCTAssertFalse(role.contains("saying \\\n"), role)
        for command in [["pss"], ["cve", "list"]] {
            let help = try BulwarkProcess.run(command + ["--help"]).stdout
            let versionOptions = help.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--version") }
            XCTAssertEqual(versionOptions.count, 1, "\(command): \(versionOptions)")
        }
        XCTAssertEqual(try BulwarkProcess.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
        let probe = try BulwarkProcess.run(["probe", "--help"]).stdout
        XCTAssertFalse(probe.contains("--pss-level") || probe.contains("--kube-version"), "probe judges ports, not pods")
        for command in [["rbac", "who-can"], ["rbac", "can"], ["rbac", "subject"]] {
            let help = try BulwarkProcess.run(command + ["--help"]).stdout
            XCTAssertTrue(help.contains("Examples:\n  bulwark rbac \(command[1])"), "\(command)")
        }
        XCTAssertTrue(try BulwarkProcess.run(["rbac", "who-can", "--help"]).stdout.contains("-A, --all-namespaces"))
    }

    func testNoHelpTextShowsALiteralLineContinuation() throws {
        let commands: [[String]] = [["scan"], ["pss"], ["rbac", "who-can"], ["rbac", "can"], ["rbac", "subject"], ["rbac", "paths"],
                                    ["netpol", "reach"], ["netpol", "can"], ["netpol", "diff"], ["cve", "update"], ["cve", "list"],
                                    ["controls"], ["explain"], ["snapshot"], ["scanner-role"], ["node"], ["probe"], ["audit-log"], ["diff"]]
        for command in commands {
            let help = try BulwarkProcess.run(command + ["--help"]).stdout
            XCTAssertTrue(help.hasPrefix("OVERVIEW:"), "\(command)")
            // Prose starts at column 0; only indented example commands may continue a line with `\`.
            let literal = help.split(separator: "\n").filter { !$0.hasPrefix(" ") && $0.hasSuffix("\\") }
            XCTAssertEqual(literal, [], "\(command)")
        }
    }

    func testLiveCollectionOptInsOnlyWhereSomethingUsesThem() throws {
        for command in [["scan"], ["snapshot"]] {
            let help = try BulwarkProcess.run(command + ["--help"]).stdout
            XCTAssertTrue(help.contains("--read-secrets") && help.contains("--kubelet-configz"), "\(command)")
        }
        for command in [["pss"], ["netpol", "reach"], ["netpol", "can"], ["rbac", "who-can"], ["rbac", "paths"]] {
            let help = try BulwarkProcess.run(command + ["--help"]).stdout
            XCTAssertTrue(help.contains("--kubeconfig"), "\(command) still reads live clusters")
            XCTAssertFalse(help.contains("--read-secrets") || help.contains("--kubelet-configz"), "\(command) ignores them")
        }
        let refused = try BulwarkProcess.run(["pss", "examples/hardened", "--read-secrets"])
        XCTAssertEqual(refused.code, 2)
        XCTAssertTrue(refused.stderr.contains("--read-secrets"), refused.stderr)
    }

    func testValidationErrorsShowTheSubcommandsUsage() throws {
        let r = try BulwarkProcess.run(["scan", "examples", "--now", "yesterday"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.stderr.contains("Usage: bulwark scan "), r.stderr)
        XCTAssertTrue(r.stderr.contains("See 'bulwark scan --help'"), r.stderr)
        XCTAssertFalse(r.stderr.contains("bulwark <subcommand>"), r.stderr)
    }

    func testImpossibleVersionsAndUnknownExceptionControlsAreRefused() throws {
        let pss = try BulwarkProcess.run(["scan", "examples/hardened", "--pss-version", "v1.99"])
        XCTAssertEqual(pss.code, 2)
        XCTAssertTrue(pss.stderr.contains("newer than the newest policy version"), pss.stderr)
        XCTAssertEqual(try BulwarkProcess.run(["pss", "examples/hardened", "--version", "v1.99"]).code, 2)
        XCTAssertEqual(try BulwarkProcess.run(["scan", "examples/hardened", "--pss-version", "v1.30"]).code, 0)
        let kube = try BulwarkProcess.run(["scan", "examples/hardened", "--kube-version", "2.0"])
        XCTAssertEqual(kube.code, 2)
        XCTAssertTrue(kube.stderr.contains("--kube-version 2.0"), kube.stderr)
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let typo = dir.appendingPathComponent("exceptions.yaml")
        try Data("- control: BW-S99-001\n  reason: typo\n".utf8).write(to: typo)
        let ex = try BulwarkProcess.run(["scan", "examples/insecure", "--exceptions", typo.path])
        XCTAssertEqual(ex.code, 2)
        XCTAssertTrue(ex.stderr.contains("exceptions.yaml:1: BW-S99-001 names no control"), ex.stderr)
        let glob = dir.appendingPathComponent("glob.yaml")
        try Data("- control: BW-S5-*\n  reason: old\n  expires: 2020-01-01\n".utf8).write(to: glob)
        let expired = try BulwarkProcess.run(["scan", "examples/insecure", "--exceptions", glob.path])
        XCTAssertEqual(expired.code, 1)
        XCTAssertTrue(expired.stdout.contains("expired (no longer hiding findings):\n  BW-S5-001 on Deployment/shop/shop-api"), expired.stdout)
    }

    /// `-n` means one thing for every input: only that namespace's objects are judged.
    func testNamespaceLimitsManifestsAndSnapshots() throws {
        let r = try BulwarkProcess.run(["scan", "examples/insecure", "-n", "ci", "-o", "json"])
        let json = try r.json()
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        let namespaces = Set(findings.compactMap { ($0["object"] as? [String: Any])?["namespace"] as? String })
        XCTAssertTrue(namespaces.isSubset(of: ["", "ci"]), "\(namespaces)")
        let all = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json"]).json()
        XCTAssertLessThan((json["summary"] as? [String: Any])?["objects"] as? Int ?? 0, (all["summary"] as? [String: Any])?["objects"] as? Int ?? 0)
        let shop = try BulwarkProcess.run(["scan", "examples/insecure", "-n", "shop", "-o", "json"]).json()
        let shopNamespaces = Set((shop["findings"] as? [[String: Any]] ?? []).compactMap { ($0["object"] as? [String: Any])?["namespace"] as? String })
        XCTAssertTrue(shopNamespaces.contains("shop"))
        XCTAssertTrue(shopNamespaces.isSubset(of: ["", "shop"]), "\(shopNamespaces)")
    }
}
