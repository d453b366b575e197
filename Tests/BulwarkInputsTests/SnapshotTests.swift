import XCTest
import Foundation
import BulwarkModel
@testable import BulwarkInputs

final class SnapshotTests: XCTestCase {
    private let secret: Value = [
        "apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
        "metadata": ["name": "tls", "namespace": "web", "annotations": [
            "kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"tls.key\":\"UExBTlRFRC1LRVk=\"}}",
            "team": "web"],
            "managedFields": [["manager": "kubectl"]]],
        "data": ["tls.crt": "UExBTlRFRC1DRVJU", "tls.key": "UExBTlRFRC1LRVk="],
        "stringData": ["password": "planted-password"],
    ]
    private let deployment: Value = [
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "api", "namespace": "web"],
        "spec": ["template": ["spec": ["containers": [["name": "app", "image": "x", "securityContext": ["privileged": true]]]]]],
    ]

    func testSecretValuesAndLastAppliedNeverEnterASnapshot() {
        let snapshot = Snapshot(createdAt: Date(timeIntervalSince1970: 0), source: .init(kind: "dump", description: "d.json"),
                                objects: [secret, deployment])
        let text = SnapshotFile.encode(snapshot)
        for planted in ["UExBTlRFRC1DRVJU", "UExBTlRFRC1LRVk=", "planted-password", "last-applied", "managedFields"] {
            XCTAssertFalse(text.contains(planted), planted)
        }
        // What a control may still need is kept: the type, metadata and key names.
        let kept = snapshot.objects[0]
        XCTAssertEqual(kept["type"], "kubernetes.io/tls")
        XCTAssertEqual(kept["data"]?.mapping?.keys, ["tls.crt", "tls.key"])
        XCTAssertEqual(kept["metadata"]?["annotations"]?["team"], "web")
    }

    func testRoundTripPlainAndGzip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let snapshot = Snapshot(createdAt: Date(timeIntervalSince1970: 86_400), source: .init(kind: "dump", description: "d.json"),
                                serverVersion: "v1.31.4", forbidden: [.init(group: "", resource: "secrets", reason: "forbidden")],
                                kubeletConfigz: [("node-1", ["readOnlyPort": 0])], objects: [deployment])
        for name in ["s.json", "s.json.gz"] {
            let path = dir.appendingPathComponent(name).path
            try SnapshotFile.write(snapshot, to: path)
            let raw = try XCTUnwrap(FileManager.default.contents(atPath: path))
            XCTAssertEqual(Gzip.isCompressed(Array(raw)), name.hasSuffix(".gz"))
            let back = try SnapshotFile.read(path)
            XCTAssertEqual(back.createdAt, "1970-01-02T00:00:00Z")
            XCTAssertEqual(back.serverVersion, "v1.31.4")
            XCTAssertEqual(back.source, snapshot.source)
            XCTAssertEqual(back.forbidden, snapshot.forbidden)
            XCTAssertEqual(back.kubeletConfigz.first?.node, "node-1")
            XCTAssertEqual(back.objects.map(\.jsonText), [deployment.jsonText])
            let inventory = SnapshotFile.inventory(of: back, file: path)
            XCTAssertEqual(inventory.objects.map(\.name), ["api"])
            XCTAssertNil(inventory.objects.first?.source, "cluster objects carry no file, as in a live scan")
        }
    }

    /// Several MiB of objects go through the streaming writer's buffer flushes; the file holds
    /// exactly the text `encode` builds, plain and gzip (decompressed), and reads back whole.
    func testStreamedWriteOfManyObjectsMatchesTheEncodedText() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let objects: [Value] = (0..<6000).map { i in
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("cm-\(i)"), "namespace": "a"],
             "data": ["blob": .string(String(repeating: "x\(i % 97)", count: 200))]]
        }
        let snapshot = Snapshot(createdAt: Date(timeIntervalSince1970: 0), source: .init(kind: "dump", description: "d"), objects: objects)
        let expected = Array(SnapshotFile.encode(snapshot).utf8)
        XCTAssertGreaterThan(expected.count, 3 << 20)
        for name in ["big.json", "big.json.gz"] {
            let path = dir.appendingPathComponent(name).path
            try SnapshotFile.write(snapshot, to: path)
            var raw = Array(try XCTUnwrap(FileManager.default.contents(atPath: path)))
            if name.hasSuffix(".gz") {
                XCTAssertLessThan(raw.count, expected.count / 4)
                raw = try Gzip.decompress(raw, limit: 64 << 20)
            }
            XCTAssertEqual(raw, expected, name)
            let back = try SnapshotFile.read(path)
            XCTAssertEqual(back.objects.count, 6000)
            XCTAssertEqual(back.objects.last?["metadata"]?["name"], "cm-5999")
        }
        // An empty snapshot streams too.
        let empty = Snapshot(createdAt: Date(timeIntervalSince1970: 0), source: .init(kind: "dump", description: "d"), objects: [])
        let path = dir.appendingPathComponent("empty.json.gz").path
        try SnapshotFile.write(empty, to: path)
        XCTAssertEqual(try SnapshotFile.read(path).objects.count, 0)
        XCTAssertThrowsError(try SnapshotFile.write(empty, to: dir.appendingPathComponent("no/such/dir.json").path))
    }

    func testBadSnapshotsAreClearErrors() throws {
        XCTAssertThrowsError(try SnapshotFile.decode(Array("{\"objects\": []}".utf8), file: "x.json")) {
            XCTAssertTrue(($0 as? SnapshotFile.Failure)?.message.contains("not a Bulwark snapshot") ?? false)
        }
        XCTAssertThrowsError(try SnapshotFile.decode(Array("{\"schemaVersion\": \"bulwark.io/snapshot/v9\", \"objects\": []}".utf8), file: "x.json")) {
            XCTAssertTrue(($0 as? SnapshotFile.Failure)?.message.contains("not supported") ?? false)
        }
        XCTAssertThrowsError(try SnapshotFile.decode(Array("{\"schemaVersion\": \n\n oops".utf8), file: "x.json")) {
            XCTAssertTrue(($0 as? SnapshotFile.Failure)?.message.hasPrefix("line 3") ?? false)
        }
        // Truncated gzip and a gzip bomb are refused, not inflated without end.
        let compressed = try Gzip.compress(Array(repeating: 0x20, count: 1 << 20))
        XCTAssertThrowsError(try Gzip.decompress(Array(compressed.prefix(compressed.count / 2)), limit: 10 << 20))
        XCTAssertThrowsError(try Gzip.decompress(compressed, limit: 1000)) {
            XCTAssertTrue(($0 as? Gzip.Failure)?.description.contains("expands beyond") ?? false)
        }
        XCTAssertEqual(try Gzip.decompress(compressed, limit: 2 << 20).count, 1 << 20)
    }

    /// A kubelet's configz can carry a bearer token in `staticPodURLHeader`: names stay, values go.
    func testKubeletConfigurationHeadersLoseTheirValues() throws {
        let config: Value = ["kind": "KubeletConfiguration", "authentication": ["anonymous": ["enabled": false]],
                             "staticPodURLHeader": ["Authorization": ["Bearer PLANTED-CONFIGZ-TOKEN"]]]
        let redacted = SnapshotRedaction.redactKubeletConfiguration(config)
        XCTAssertFalse(redacted.jsonText.contains("PLANTED-CONFIGZ-TOKEN"))
        XCTAssertEqual(redacted["staticPodURLHeader"]?.mapping?.keys, ["Authorization"])
        XCTAssertEqual(redacted["authentication"]?["anonymous"]?["enabled"], .bool(false))
        let plain: Value = ["kind": "KubeletConfiguration", "readOnlyPort": 0]
        XCTAssertEqual(SnapshotRedaction.redactKubeletConfiguration(plain), plain)
    }
}
