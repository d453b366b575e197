import Foundation
import XCTest

/// `bulwark node` end to end, through the built binary, on fake node trees.
final class NodeCommandTests: XCTestCase {
    private let now = "--now=2026-11-29T00:00:00Z"
    private static let fixtures = BulwarkProcess.packageRoot.appendingPathComponent("Tests/BulwarkNodeTests/Fixtures")

    /// A copy of a node fixture with a kubelet process, a real private key (openssl) and planted tokens.
    private func plantedNode() throws -> (root: URL, secrets: [String]) {
        let dir = try BulwarkProcess.temporaryDirectory()
        let root = dir.appendingPathComponent("node")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("kubeadm"), to: root)
        let pki = root.appendingPathComponent("etc/kubernetes/pki")
        try FileManager.default.createDirectory(at: pki, withIntermediateDirectories: true)
        let key = pki.appendingPathComponent("sa.key")
        try run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.path])
        try run(["openssl", "req", "-x509", "-new", "-key", key.path, "-subj", "/CN=planted", "-days", "30",
                 "-out", pki.appendingPathComponent("ca.crt").path])
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        let keyLines = try String(contentsOf: key, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        let token = "PLANTED-BEARER-TOKEN-\(UUID().uuidString)"
        try """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://10.0.0.10:6443", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: \(token)}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """.write(to: root.appendingPathComponent("etc/kubernetes/admin.conf"), atomically: true, encoding: .utf8)
        let joinToken = "abcdef.PLANTED0123456789"
        let proc = root.appendingPathComponent("proc/4242")
        try FileManager.default.createDirectory(at: proc, withIntermediateDirectories: true)
        let argv = ["/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml", "--anonymous-auth=true", "--token", joinToken]
        try Data(argv.map { $0 + "\0" }.joined().utf8).write(to: proc.appendingPathComponent("cmdline"))
        // The fixture's EncryptionConfiguration key (read for S16) is a secret too.
        let encryptionKey = "RkFLRS1LRVktRk9SLVRFU1RTLU9OTFktMzJCWVRFUyE="
        return (root, [token, joinToken, encryptionKey] + keyLines.prefix(3))
    }

    private func run(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, arguments.joined(separator: " "))
    }

    func testKubeadmNodeReportsNodeFindingsInTheScanSchema() throws {
        let (root, _) = try plantedNode()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let r = try BulwarkProcess.run(["node", "--root", root.path, "-o", "json", now])
        XCTAssertEqual(r.code, 1, r.stderr)
        let report = try r.json()
        XCTAssertEqual(report["schemaVersion"] as? String, "bulwark.io/report/v1")
        let findings = report["findings"] as? [[String: Any]] ?? []
        let controls = Set(findings.compactMap { $0["control"] as? String })
        for id in ["BW-S7-101", "BW-S7-103", "BW-S7-104", "BW-S1-301", "BW-S2-301", "BW-S4-001"] {
            XCTAssertTrue(controls.contains(id), "\(id) missing from \(controls.sorted())")
        }
        let key = try XCTUnwrap(findings.first { $0["control"] as? String == "BW-S1-301" })
        XCTAssertEqual((key["object"] as? [String: Any])?["name"] as? String, "/etc/kubernetes/pki/sa.key")
        XCTAssertEqual(key["value"] as? String, "0644")
    }

    func testPrivateKeysAndTokensNeverAppearInAnyFormat() throws {
        let (root, secrets) = try plantedNode()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        XCTAssertGreaterThanOrEqual(secrets.count, 4)
        for format in ["table", "json", "yaml", "sarif", "junit", "markdown"] {
            let r = try BulwarkProcess.run(["node", "--root", root.path, "-o", format, now])
            XCTAssertEqual(r.code, 1, "\(format): \(r.stderr)")
            XCTAssertFalse(r.stdout.isEmpty)
            for secret in secrets {
                XCTAssertFalse(r.stdout.contains(secret) || r.stderr.contains(secret), "\(format) shows a secret: \(secret.prefix(12))…")
            }
        }
    }

    func testNodeWithNothingKubernetesIsNotAssessedNotPassed() throws {
        let r = try BulwarkProcess.run(["node", "--root", Self.fixtures.appendingPathComponent("minimal").path, "-o", "json", now])
        XCTAssertEqual(r.code, 0, r.stderr)
        let results = try r.json()["results"] as? [[String: Any]] ?? []
        let kubelet = try XCTUnwrap(results.first { $0["control"] as? String == "BW-S4-001" })
        XCTAssertEqual(kubelet["status"] as? String, "not_assessed")
        XCTAssertTrue((kubelet["reason"] as? String ?? "").contains("searched"), "\(kubelet)")
        // Nothing unreadable: a node without a kubelet is input of that kind not given, which
        // --strict does not count (it used to exit 2 on every such scan).
        let strict = try BulwarkProcess.run(["node", "--root", Self.fixtures.appendingPathComponent("minimal").path, "--strict", "-o", "json", now])
        XCTAssertEqual(strict.code, 0, strict.stdout)
        XCTAssertEqual(kubelet["cause"] as? String, "input_not_given")
    }

    func testMissingRootIsAUsageError() throws {
        let r = try BulwarkProcess.run(["node", "--root", "/nonexistent/node/root"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.stderr.contains("--root /nonexistent/node/root is not a directory"), r.stderr)
    }

    /// PKI expiry on a node: the planted CA (openssl, valid 30 days from today) is judged from the
    /// node's own file, at today's date (valid) and a year on (expired), naming the file.
    func testNodePKIExpiryIsJudgedFromTheNodesFiles() throws {
        let (root, _) = try plantedNode()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        func expired(at date: String) throws -> [[String: Any]] {
            let r = try BulwarkProcess.run(["node", "--root", root.path, "-o", "json", "--now=\(date)"])
            let findings = try r.json()["findings"] as? [[String: Any]] ?? []
            return findings.filter { $0["control"] as? String == "BW-S14-101" }
        }
        let today = ISO8601DateFormatter().string(from: Date())
        let nextYear = ISO8601DateFormatter().string(from: Date().addingTimeInterval(366 * 86_400))
        XCTAssertTrue(try expired(at: today).isEmpty)
        let later = try expired(at: nextYear)
        XCTAssertEqual(later.compactMap { ($0["object"] as? [String: Any])?["name"] as? String }, ["/etc/kubernetes/pki/ca.crt"])
    }
}

/// Files the scanning user cannot read: a named error, the mode still judged, never a crash.
final class NodeCommandPermissionTests: XCTestCase {
    func testUnreadableFilesAreNamedErrors() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
            throw XCTSkip("needs root and runuser to scan as an unprivileged user")
        }
        let binary = try BulwarkProcess.binary
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-node-perm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let root = dir.appendingPathComponent("node")
        try FileManager.default.copyItem(at: BulwarkProcess.packageRoot.appendingPathComponent("Tests/BulwarkNodeTests/Fixtures/kubeadm"), to: root)
        for path in ["etc/kubernetes/admin.conf", "var/lib/kubelet/config.yaml"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: root.appendingPathComponent(path).path)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        p.arguments = ["-u", "nobody", "--", binary.path, "node", "--root", root.path, "-o", "json", "--now=2026-11-29T00:00:00Z"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard !data.isEmpty else { throw XCTSkip("the binary is not reachable by user nobody here") }
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let errors = report["errors"] as? [[String: Any]] ?? []
        XCTAssertTrue(errors.contains { $0["file"] as? String == "/var/lib/kubelet/config.yaml" && $0["message"] as? String == "cannot read: permission denied" }, "\(errors)")
        XCTAssertTrue(errors.contains { $0["file"] as? String == "/etc/kubernetes/admin.conf" })
        let results = report["results"] as? [[String: Any]] ?? []
        let kubelet = try XCTUnwrap(results.first { $0["control"] as? String == "BW-S4-001" })
        XCTAssertEqual(kubelet["status"] as? String, "not_assessed")
        XCTAssertTrue((kubelet["reason"] as? String ?? "").contains("/var/lib/kubelet/config.yaml: permission denied"), "\(kubelet)")
        // The mode is still read (stat needs no read permission): 0600 root is fine, the 0644 ones fail.
        let findings = report["findings"] as? [[String: Any]] ?? []
        XCTAssertFalse(findings.contains { ($0["object"] as? [String: Any])?["name"] as? String == "/etc/kubernetes/admin.conf" })
        XCTAssertTrue(findings.contains { ($0["object"] as? [String: Any])?["name"] as? String == "/etc/kubernetes/scheduler.conf" })
    }
}

/// `bulwark node --probe` never probes a mounted node's loopback addresses (they would reach this machine).
final class NodeCommandProbeTests: XCTestCase {
    func testLoopbackEndpointsOfAMountedNodeAreNotProbed() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.appendingPathComponent("node")
        try FileManager.default.copyItem(at: BulwarkProcess.packageRoot.appendingPathComponent("Tests/BulwarkNodeTests/Fixtures/kubeadm"), to: root)
        let manifest = root.appendingPathComponent("etc/kubernetes/manifests/kube-apiserver.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "--advertise-address=10.0.0.10", with: "--advertise-address=127.0.0.1")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let r = try BulwarkProcess.run(["node", "--root", root.path, "--probe", "--probe-timeout", "0.5", "-o", "json", "--now=2026-11-29T00:00:00Z"])
        XCTAssertEqual(r.code, 1, r.stderr)
        let errors = try r.json()["errors"] as? [[String: Any]] ?? []
        XCTAssertTrue(errors.contains { ($0["message"] as? String ?? "").hasPrefix("127.0.0.1:6443 not probed: a loopback address of the node under --root") }, "\(errors)")
        XCTAssertTrue(errors.contains { ($0["message"] as? String ?? "").hasPrefix("no endpoint to probe") })
        let bad = try BulwarkProcess.run(["node", "--root", root.path, "--probe-timeout", "0"])
        XCTAssertEqual(bad.code, 2)
    }
}
