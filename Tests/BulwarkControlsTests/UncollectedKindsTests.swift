import Foundation
import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkControls

/// A kind a cluster input could not collect turns exactly the controls that read it into
/// "not assessed"; every other control keeps its verdict.
@Suite struct UncollectedKindsTests {
    static func insecureExample() -> Inventory {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../examples/insecure").standardized.path
        return ManifestReader().read([dir])
    }

    static func statuses(_ inventory: Inventory) -> [String: (ResultStatus, String)] {
        let outcome = ControlRunner.run(ControlCatalog.all, context: ScanContext(inventory: inventory))
        return Dictionary(uniqueKeysWithValues: outcome.results.map { ($0.control, ($0.status, $0.reason)) })
    }

    /// The compiler makes every declaration state its reads; a few of them, pinned.
    @Test func controlsReadWhatTheirDeclarationsSay() {
        #expect(ControlCatalog.all.first { $0.id == "BW-S14-001" }?.reads == ["Secret"])
        #expect(ControlCatalog.all.first { $0.id == "BW-S15-101" }?.reads.contains("ClusterRoleBinding") == true)
        #expect(ControlCatalog.all.first { $0.id == "BW-S10-004" }?.reads == ["Node"])
    }

    @Test func onlyTheControlsReadingAForbiddenKindFlip() {
        let full = Self.insecureExample()
        #expect(full.objects.count > 5)
        var denied = full
        denied.add(uncollected: UncollectedResource(kind: "NetworkPolicy", resource: "networkpolicies.networking.k8s.io",
                                                    detail: "list not allowed by SelfSubjectAccessReview"))
        let before = Self.statuses(full), after = Self.statuses(denied)
        let readers = Set(ControlCatalog.all.filter { $0.reads.contains("NetworkPolicy") }.map(\.id))
        #expect(readers.contains("BW-S8-001") && readers.contains("BW-S9-002"))
        #expect(!readers.contains("BW-S6-101"))
        for (id, (status, reason)) in after {
            if readers.contains(id) {
                #expect(status == .notAssessed, "\(id)")
                #expect(reason == "forbidden: list networkpolicies.networking.k8s.io (list not allowed by SelfSubjectAccessReview)")
            } else {
                #expect(status == before[id]?.0, "\(id) changed although it does not read NetworkPolicies")
                #expect(reason == before[id]?.1)
            }
        }
        // The readers had real verdicts before: the flip is the forbidden kind's doing.
        #expect(readers.contains { before[$0]?.0 == .fail })
    }

    @Test func aFailedListSaysNotCollectedAndSeveralReasonsAreJoined() {
        var inventory = Self.insecureExample()
        inventory.add(uncollected: UncollectedResource(kind: "Role", resource: "roles.rbac.authorization.k8s.io", namespace: "shop",
                                                       detail: "list not allowed by SelfSubjectAccessReview"))
        inventory.add(uncollected: UncollectedResource(kind: "ServiceAccount", resource: "serviceaccounts", forbidden: false,
                                                       detail: "HTTP 500"))
        let s = Self.statuses(inventory)
        #expect(s["BW-S3-113"]?.0 == .notAssessed)
        #expect(s["BW-S3-113"]?.1 == "forbidden: list roles.rbac.authorization.k8s.io in namespace shop (list not allowed by SelfSubjectAccessReview); not collected: list serviceaccounts (HTTP 500)")
        #expect(s["BW-S6-103"]?.0 != .notAssessed)
    }

    @Test func aSnapshotsForbiddenEntriesReachTheInventoryWithTheirKind() {
        let snapshot = Snapshot(createdAt: Date(timeIntervalSince1970: 0), source: .init(kind: "live", description: "t"),
                                forbidden: [.init(group: "rbac.authorization.k8s.io", resource: "roles", reason: "denied"),
                                            .init(group: "", resource: "pods", namespace: "a", reason: "HTTP 503", failed: true)],
                                objects: [])
        let back = try? SnapshotFile.decode(Array(SnapshotFile.encode(snapshot).utf8), file: "s")
        #expect(back?.forbidden == snapshot.forbidden)
        let uncollected = SnapshotFile.inventory(of: snapshot, file: "s").uncollected
        #expect(uncollected.map(\.kind) == ["Role", "Pod"])
        #expect(uncollected.map(\.reason) == ["forbidden: list roles.rbac.authorization.k8s.io (denied)",
                                              "not collected: list pods in namespace a (HTTP 503)"])
    }
}
