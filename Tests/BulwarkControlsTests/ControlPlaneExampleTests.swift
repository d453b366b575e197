import Testing
import Foundation
import BulwarkModel
import BulwarkInputs
@testable import BulwarkControls

/// examples/control-plane shows what its README says: one finding per planted mistake.
@Suite struct ControlPlaneExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func plantedMistakesAreFoundAndNothingElseInTheseSections() {
        let inventory = ManifestReader().read([Self.root.appendingPathComponent("examples/control-plane").path])
        #expect(inventory.issues.isEmpty)
        let context = ScanContext(inventory: inventory)
        var failed: [String: [String]] = [:]
        for control in ControlPlaneSweepTests.controls {
            let v = control.evaluate(context).violations
            if !v.isEmpty { failed[control.id] = v.map(\.path) }
        }
        #expect(failed == [
            "BW-S1-006": ["readOnlyPort"],
            "BW-S1-010": ["--bind-address"],
            "BW-S2-001": ["--anonymous-auth"],
            "BW-S2-005": ["--oidc-issuer-url"],
            "BW-S4-005": ["protectKernelDefaults"],
            "BW-S4-011": ["--kubelet-certificate-authority"],
            "BW-S11-003": ["--peer-client-cert-auth"],
            "BW-S12-003": ["--audit-log-maxage"],
            "BW-S12-005": ["rules[0].level", "rules[0].level"],
            "BW-S13-004": ["--feature-gates"],
            "BW-S16-003": ["resources[0].providers[0].identity"],
        ])
    }
}
