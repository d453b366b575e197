import Foundation
import XCTest

/// Certificates end to end: the expired TLS Secret of `examples/insecure` is reported from the
/// manifests and from a snapshot of them, and no private key or Secret value reaches any output.
final class CertificateCommandTests: XCTestCase {
    private let now = "--now=2026-11-29T00:00:00Z"

    /// Pieces of values planted in the inputs below that must never be printed or stored.
    private func plantedValues() throws -> [String] {
        let example = try String(contentsOf: BulwarkProcess.packageRoot.appendingPathComponent("examples/insecure/tls-secret.yaml"), encoding: .utf8)
        let keyLine = try XCTUnwrap(example.split(separator: "\n").first { $0.contains("tls.key:") })
        let encodedKey = String(keyLine.split(separator: " ").last ?? "")
        let key = String(decoding: try XCTUnwrap(Data(base64Encoded: encodedKey)), as: UTF8.self)
        let keyBody = String(key.split(separator: "\n")[2])
        return [String(encodedKey.prefix(60)), String(encodedKey.suffix(40)), keyBody, "PRIVATE KEY", "RkFLRS1ub3QtYS1yZWFsLXBhc3N3b3JkLTAwMDA=", "FAKE-not-a-real-password"]
    }

    private func kubeconfigWithKey(in dir: URL) throws -> String {
        let example = try String(contentsOf: BulwarkProcess.packageRoot.appendingPathComponent("examples/insecure/tls-secret.yaml"), encoding: .utf8)
        func value(_ key: String) -> String {
            String(example.split(separator: "\n").first { $0.contains("\(key):") }?.split(separator: " ").last ?? "")
        }
        let path = dir.appendingPathComponent("admin.conf").path
        try """
        apiVersion: v1
        kind: Config
        clusters:
        - name: shop
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: \(value("tls.crt"))
        users:
        - name: admin
          user:
            client-certificate-data: \(value("tls.crt"))
            client-key-data: \(value("tls.key"))
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testExpiredCertificateFromManifestsAndSnapshot() throws {
        let scan = try BulwarkProcess.run(["scan", "examples/insecure", "-o", "json", now])
        let findings = try scan.json()["findings"] as? [[String: Any]] ?? []
        let expired = try XCTUnwrap(findings.first { $0["control"] as? String == "BW-S14-101" }, scan.stdout.prefix(400).description)
        XCTAssertEqual(expired["severity"] as? String, "critical")
        XCTAssertEqual(expired["path"] as? String, "data[\"tls.crt\"]")
        XCTAssertEqual(expired["value"] as? String, "notAfter 2026-01-01T00:00:00Z")
        XCTAssertEqual((expired["object"] as? [String: Any])?["name"] as? String, "shop-frontend-tls")

        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = dir.appendingPathComponent("snap.json").path
        let made = try BulwarkProcess.run(["snapshot", "--from-dump", "examples/insecure/tls-secret.yaml", "--output-file", snapshot])
        XCTAssertEqual(made.code, 0, made.stderr)
        let stored = try String(contentsOfFile: snapshot, encoding: .utf8)
        XCTAssertTrue(stored.contains("bulwark.io/certificates"))
        XCTAssertTrue(stored.contains("CN=shop.example.com"))
        for planted in try plantedValues() { XCTAssertFalse(stored.contains(planted), "the snapshot stores \(planted.prefix(12))…") }
        let fromSnapshot = try BulwarkProcess.run(["scan", "--snapshot", snapshot, "-o", "json", now])
        let again = (try fromSnapshot.json()["findings"] as? [[String: Any]] ?? []).first { $0["control"] as? String == "BW-S14-101" }
        XCTAssertEqual(again?["path"] as? String, "data[\"tls.crt\"]")
        XCTAssertEqual(again?["value"] as? String, "notAfter 2026-01-01T00:00:00Z")
        XCTAssertEqual(again?["message"] as? String, expired["message"] as? String)
    }

    func testNoPrivateKeyOrSecretValueInAnyFormat() throws {
        let dir = try BulwarkProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let kubeconfig = try kubeconfigWithKey(in: dir)
        let planted = try plantedValues()
        for format in ["table", "json", "yaml", "sarif", "junit", "markdown"] {
            let r = try BulwarkProcess.run(["scan", "examples/insecure", kubeconfig, "-o", format, now])
            XCTAssertEqual(r.code, 1, "\(format): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("BW-S14-101"), format)
            for value in planted {
                XCTAssertFalse(r.stdout.contains(value) || r.stderr.contains(value), "\(format) shows \(value.prefix(12))…")
            }
        }
    }
}
