import Foundation
import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkControls

/// Both sides of BW-S13-007: alpha/beta group versions the API server serves, from discovery.
@Suite struct S13ServedVersionsTests {
    let control = S13APIVersions.servedAlphaBetaGroupVersions

    func outcome(_ served: [String]?) -> ControlOutcome {
        var inventory = Inventory()
        if let served { inventory.add(servedGroupVersions: served) }
        return control.evaluate(ScanContext(inventory: inventory))
    }

    @Test func alphaAndBetaGroupVersionsFailWithTheirSeverity() {
        let v = outcome(["v1", "apps/v1", "flowcontrol.apiserver.k8s.io/v1beta3", "resource.k8s.io/v1alpha3",
                         "stable.example.com/v1beta1", "networking.k8s.io/v1"]).violations
        #expect(v.map(\.value) == ["flowcontrol.apiserver.k8s.io/v1beta3", "resource.k8s.io/v1alpha3", "stable.example.com/v1beta1"])
        #expect(v.map { $0.effectiveSeverity(control) } == [.low, .medium, .info])
        #expect(v[1].message.contains("--runtime-config"))
        #expect(v[2].message.contains("not a built-in group"))
        #expect(v.allSatisfy { $0.object == nil && $0.path == "discovery /apis" })
    }

    /// Issue 10: `""` and `"/"` trapped (`parts[0]` of an empty split). Malformed group versions
    /// are now info findings naming the value, and the well-formed ones are still judged.
    @Test func malformedGroupVersionsAreFindingsNotTraps() {
        let v = outcome(["", "/", "apps/", "/v1beta1", "a/b/c", "v1", "batch/v1beta1"]).violations
        #expect(v.map(\.value) == ["", "/", "apps/", "/v1beta1", "a/b/c", "batch/v1beta1"])
        #expect(v.prefix(5).allSatisfy { $0.severity == .info && $0.message.contains("malformed group version") })
        #expect(v.last?.effectiveSeverity(control) == .low)
    }

    @Test func onlyGAVersionsPassAndNoDiscoveryIsNotAssessed() {
        #expect(outcome(["v1", "apps/v1", "rbac.authorization.k8s.io/v1"]).passReason == "all 3 served group versions are GA")
        #expect(outcome(nil).notAssessedReason?.hasPrefix("no API discovery") == true)
    }

    @Test func discoveryInASnapshotReachesTheInventory() throws {
        let discovery: Value = [
            "api": ["kind": "APIVersions", "versions": ["v1"]],
            "apis": ["kind": "APIGroupList", "groups": [
                ["name": "apps", "versions": [["groupVersion": "apps/v1", "version": "v1"]]],
                ["name": "flowcontrol.apiserver.k8s.io", "versions": [
                    ["groupVersion": "flowcontrol.apiserver.k8s.io/v1", "version": "v1"],
                    ["groupVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "version": "v1beta3"]]],
            ]],
            "resources": [],
        ]
        let snapshot = Snapshot(createdAt: Date(timeIntervalSince1970: 0), source: .init(kind: "live", description: "t"),
                                discovery: discovery, objects: [])
        let back = try SnapshotFile.decode(Array(SnapshotFile.encode(snapshot).utf8), file: "s")
        let inventory = SnapshotFile.inventory(of: back, file: "s")
        #expect(inventory.servedGroupVersions == ["v1", "apps/v1", "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta3"])
        let result = control.evaluate(ScanContext(inventory: inventory))
        #expect(result.violations.map(\.value) == ["flowcontrol.apiserver.k8s.io/v1beta3"])
        // A dump carries no discovery.
        let dump = Snapshot(createdAt: Date(timeIntervalSince1970: 0), source: .init(kind: "dump", description: "d"), objects: [])
        #expect(SnapshotFile.inventory(of: dump, file: "d").servedGroupVersions == nil)
    }
}
