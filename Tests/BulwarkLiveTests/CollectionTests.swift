import Foundation
import XCTest
import BulwarkModel
import BulwarkInputs
import BulwarkKubeconfig
import BulwarkLive

/// Pagination, expired continue tokens, retries, forbidden resources and configz, against the
/// test API server over mutual TLS.
final class CollectionTests: XCTestCase {
    func testPagesAreFollowedAndAnExpiredContinueTokenRestartsTheList() async throws {
        let h = try LiveHarness(faults: .init(expireContinueOnce: ["pods"]))
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()),
                                             options: .init(readSecrets: true, pageSize: 1))
        let pods = collection.snapshot.objects.filter { $0["kind"]?.string == "Pod" }.compactMap { $0["metadata"]?["name"]?.string }
        XCTAssertEqual(pods, ["debug", "tools", "batch-a"], "each pod once, in server order, after a restart")
        let podRequests = h.cluster.requestLog.filter { $0.hasPrefix("/api/v1/pods") }
        // page 1, page 2 (410), restart: page 1, 2, 3
        XCTAssertEqual(podRequests.count, 5, "\(podRequests)")
        XCTAssertEqual(podRequests.filter { !$0.contains("continue") }.count, 2)
    }

    func testARepeatedContinueTokenIsNotFollowedInALoop() async throws {
        let h = try LiveHarness(faults: .init(repeatedContinue: ["pods"]))
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()),
                                             options: .init(readSecrets: true, pageSize: 1))
        XCTAssertNil(collection.kinds["Pod"], "a list that loops is not taken as complete")
        XCTAssertEqual(collection.snapshot.forbidden.filter(\.failed).map(\.kind), ["Pod"])
        XCTAssertTrue(collection.snapshot.forbidden.first { $0.kind == "Pod" }?.reason.contains("repeated a continue token") ?? false,
                      "\(collection.snapshot.forbidden)")
        XCTAssertEqual(h.cluster.requestLog.filter { $0.hasPrefix("/api/v1/pods") }.count, 2, "first page, then the token once")
        XCTAssertEqual(collection.kinds["Deployment"], 1, "other resources are still collected")
    }

    func testAListThatNeverEndsStopsAtThePageLimit() async throws {
        let h = try LiveHarness(faults: .init(endlessContinue: ["services"]))
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()),
                                             options: .init(readSecrets: true, pageSize: 1, maxPagesPerList: 25))
        XCTAssertNil(collection.kinds["Service"])
        XCTAssertTrue(collection.snapshot.forbidden.first { $0.kind == "Service" }?.reason.contains("did not end after 25 pages") ?? false,
                      "\(collection.snapshot.forbidden)")
        XCTAssertEqual(h.cluster.requestLog.filter { $0.hasPrefix("/api/v1/services") }.count, 25)
    }

    func testABodyThatTricklesInIsBoundedByTheRequestTimeout() async throws {
        // 3 pods serialised are ~2 kB: 4 bytes per 50 ms is ~25 s, each chunk far inside the read timeout.
        let h = try LiveHarness(faults: .init(trickle: ["pods"]))
        defer { h.stop() }
        let clock = ContinuousClock()
        let start = clock.now
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()),
                                             options: .init(readSecrets: true, requestTimeout: 1, retry: .init(maxAttempts: 2, baseDelay: 0.01)))
        let elapsed = clock.now - start
        XCTAssertNil(collection.kinds["Pod"])
        let reason = collection.snapshot.forbidden.first { $0.kind == "Pod" }?.reason ?? ""
        XCTAssertTrue(reason.contains("timed out"), reason)
        // Two attempts of ~1 s, plus up to NIOSSL's 5 s wait for a TLS close the trickling server never answers.
        XCTAssertLessThan(elapsed, .seconds(15), "bounded by the timeout, not the ~25 s the body takes")
        XCTAssertEqual(collection.kinds["Deployment"], 1)
    }

    func testTooManyRequestsUnavailableAndTruncatedResponsesAreRetried() async throws {
        let h = try LiveHarness(faults: .init(tooManyRequestsOnce: ["pods"], unavailableOnce: ["deployments"], truncatedOnce: ["services"]))
        defer { h.stop() }
        let clock = ContinuousClock()
        let start = clock.now
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()))
        XCTAssertGreaterThanOrEqual(clock.now - start, .seconds(1), "Retry-After: 1 was honoured")
        XCTAssertEqual(collection.kinds["Pod"], 3)
        XCTAssertEqual(collection.kinds["Deployment"], 1)
        XCTAssertEqual(collection.kinds["Service"], 1)
        XCTAssertTrue(collection.issues.isEmpty, "\(collection.issues)")
        let log = h.cluster.requestLog
        XCTAssertEqual(log.filter { $0 == "/api/v1/pods" }.count, 2)
        XCTAssertEqual(log.filter { $0 == "/apis/apps/v1/deployments" }.count, 2)
        XCTAssertEqual(log.filter { $0 == "/api/v1/services" }.count, 2)
    }

    func testAPersistentServerErrorBecomesAnInputErrorNamingTheResource() async throws {
        let h = try LiveHarness(faults: .init(truncatedOnce: ["services"]))
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()),
                                             options: .init(readSecrets: true, retry: .init(maxAttempts: 1)))
        XCTAssertNil(collection.kinds["Service"])
        // Recorded in the snapshot (not only reported), so its controls are not assessed offline too.
        let failed = collection.snapshot.forbidden.filter(\.failed)
        XCTAssertEqual(failed.map(\.kind), ["Service"])
        XCTAssertTrue(failed.first?.uncollected.reason.hasPrefix("not collected: list services (") ?? false, "\(failed)")
        XCTAssertEqual(SnapshotFile.inventory(of: collection.snapshot, file: "s").uncollected.map(\.kind), ["Service"])
    }

    func testAGroupWhoseDiscoveryFailsIsAnInputErrorNotAnAbort() async throws {
        let h = try LiveHarness(faults: .init(brokenGroupVersions: ["apps/v1"]))
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()),
                                             options: .init(readSecrets: true, retry: .init(maxAttempts: 2, baseDelay: 0.01)))
        XCTAssertNil(collection.kinds["Deployment"])
        XCTAssertEqual(collection.kinds["Pod"], 3)
        XCTAssertEqual(collection.issues.map(\.level), [.error])
        XCTAssertTrue(collection.issues.first?.message.contains("/apis/apps/v1") ?? false, "\(collection.issues)")
    }

    func testForbiddenResourcesAreRecordedNeverEmpty() async throws {
        let h = try LiveHarness(faults: .init(deniedByReview: ["clusterroles"], forbiddenOnList: ["configmaps"]))
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()), options: .init())
        let forbidden = Set(collection.snapshot.forbidden.map(\.resource))
        XCTAssertEqual(forbidden, ["secrets", "clusterroles", "configmaps"])
        XCTAssertEqual(Set(collection.snapshot.forbidden.map(\.kind)), ["Secret", "ClusterRole", "ConfigMap"])
        XCTAssertFalse(collection.snapshot.forbidden.contains(where: \.failed))
        XCTAssertTrue(collection.snapshot.forbidden.first { $0.resource == "clusterroles" }?.reason.contains("SelfSubjectAccessReview") ?? false)
        XCTAssertTrue(collection.snapshot.forbidden.first { $0.resource == "secrets" }?.reason.contains("--read-secrets") ?? false)
        XCTAssertNil(collection.kinds["ClusterRole"])
        XCTAssertFalse(h.cluster.requestLog.contains("/apis/rbac.authorization.k8s.io/v1/clusterroles"), "a denied resource is not listed")
        XCTAssertFalse(h.cluster.requestLog.contains { $0.hasPrefix("/api/v1/secrets") }, "Secrets are not listed without --read-secrets")
        // The snapshot keeps them, so a scan of it knows too.
        let text = SnapshotFile.encode(collection.snapshot)
        let back = try SnapshotFile.decode(Array(text.utf8), file: "x")
        XCTAssertEqual(back.forbidden, collection.snapshot.forbidden)
    }

    func testOneNamespace() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()),
                                             options: .init(namespace: "kube-system", readSecrets: true))
        XCTAssertEqual(collection.kinds["Secret"], 1)
        XCTAssertNil(collection.kinds["Pod"])
        XCTAssertEqual(collection.kinds["Namespace"], 2, "cluster-scoped objects are always read")
        XCTAssertTrue(h.cluster.requestLog.contains("/api/v1/namespaces/kube-system/secrets"))
    }

    func testKubeletConfigzIsOptIn() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let config = try h.kubeconfig(user: try h.clientCertificateDataUser())
        let without = try await h.collect(config)
        XCTAssertTrue(without.snapshot.kubeletConfigz.isEmpty)
        XCTAssertFalse(h.cluster.requestLog.contains { $0.contains("/proxy/") })
        let with = try await h.collect(config, options: .init(kubeletConfigz: true))
        XCTAssertEqual(with.snapshot.kubeletConfigz.map(\.node), ["cp-1"])
        XCTAssertEqual(with.snapshot.kubeletConfigz.first?.config["authorization"]?["mode"]?.string, "AlwaysAllow")
    }

    func testForbiddenConfigzIsRecorded() async throws {
        let h = try LiveHarness(faults: .init(configzForbidden: true))
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()), options: .init(kubeletConfigz: true))
        XCTAssertTrue(collection.snapshot.kubeletConfigz.isEmpty)
        XCTAssertTrue(collection.snapshot.forbidden.contains { $0.resource == "nodes/proxy" })
    }

    func testSecretValuesAreDroppedOnArrival() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()))
        let text = SnapshotFile.encode(collection.snapshot)
        XCTAssertTrue(text.contains("\"password\""), "key names stay")
        for planted in ["UExBTlRFRC1EQi1QQVNTV09SRC03NzQx", "UExBTlRFRC1TQS1UT0tFTi05OTAy", "last-applied-configuration", "managedFields"] {
            XCTAssertFalse(text.contains(planted), planted)
        }
    }

    /// Writes `examples/snapshots/small-insecure-cluster.json` when BULWARK_WRITE_EXAMPLE is set:
    /// a live snapshot of the fixture cluster, with Secrets (values dropped) and kubelet configz.
    func testWriteTheExampleSnapshot() async throws {
        guard let path = ProcessInfo.processInfo.environment["BULWARK_WRITE_EXAMPLE"] else {
            throw XCTSkip("set BULWARK_WRITE_EXAMPLE=FILE to write the example snapshot")
        }
        let h = try LiveHarness()
        defer { h.stop() }
        var collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()),
                                             options: .init(readSecrets: true, kubeletConfigz: true))
        collection.snapshot.createdAt = "2026-11-29T00:00:00Z"
        collection.snapshot.source.description = "context test (the Bulwark tests' API server on 127.0.0.1)"
        try SnapshotFile.write(collection.snapshot, to: path)
    }

    func testScannerRoleIsReadOnlyAndOptInsAddTheirRules() throws {
        func rules(_ yaml: String) throws -> (resources: [String], verbs: Set<String>) {
            let role = try TreeParser.parse(Array(yaml.utf8))
            XCTAssertEqual(role["kind"]?.string, "ClusterRole")
            let list = role["rules"]?.array ?? []
            return (list.flatMap { $0["resources"]?.array?.compactMap(\.string) ?? [] },
                    Set(list.flatMap { $0["verbs"]?.array?.compactMap(\.string) ?? [] }))
        }
        let plain = try rules(ScannerRole.yaml(readSecrets: false, kubeletConfigz: false))
        XCTAssertFalse(plain.resources.contains("secrets"))
        XCTAssertFalse(plain.resources.contains("nodes/proxy"))
        XCTAssertEqual(plain.verbs, ["get", "list", "create"], "read-only, plus creating access reviews")
        XCTAssertTrue(plain.resources.contains("pods"))
        let fullText = ScannerRole.yaml(readSecrets: true, kubeletConfigz: true)
        let full = try rules(fullText)
        XCTAssertTrue(full.resources.contains("secrets"))
        XCTAssertTrue(full.resources.contains("nodes/proxy"))
        XCTAssertTrue(fullText.contains("# --read-secrets"))
        XCTAssertTrue(fullText.contains("# --kubelet-configz"))
    }
}
