import Testing
import BulwarkModel
@testable import BulwarkControls
import BulwarkComponentConfig

/// Both sides of every flag and configuration control: all pass on the hardened control plane,
/// all fail on the insecure one, all are not assessed without the component or document.
@Suite struct ControlPlaneSweepTests {
    static let controls: [Control] = S1TLS.controls + S2Authentication.controls + S3AuthorizationFlags.controls
        + S4KubeletAccess.controls + S11Etcd.controls + S12AuditLogging.controls + S13FeatureGates.controls + S16EncryptionAtRest.controls

    @Test func everyControlPassesOnTheHardenedControlPlane() {
        let context = ControlPlaneFixtures.context(ControlPlaneVariants.hardened)
        for control in Self.controls {
            let outcome = control.evaluate(context)
            #expect(outcome.isPass, "\(control.id): \(outcome.violations.map(\.message)) \(outcome.notAssessedReason ?? "")")
        }
    }

    @Test func everyControlFailsOnTheInsecureControlPlane() {
        let context = ControlPlaneFixtures.context(ControlPlaneVariants.insecure, k3s: [ControlPlaneVariants.insecureK3s])
        for control in Self.controls {
            let outcome = control.evaluate(context)
            #expect(outcome.isFail, "\(control.id): \(outcome.passReason ?? outcome.notAssessedReason ?? "")")
        }
    }

    @Test func everyControlIsNotAssessedWithoutControlPlaneInput() {
        let context = ControlPlaneFixtures.context([("app.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n")])
        for control in Self.controls {
            let outcome = control.evaluate(context)
            #expect(outcome.notAssessedReason != nil, "\(control.id) must not pass without the component")
        }
    }

    @Test func noFindingPrintsKeyMaterial() {
        let context = ControlPlaneFixtures.context(ControlPlaneVariants.insecure + ControlPlaneVariants.hardened)
        for control in Self.controls {
            for v in control.evaluate(context).violations {
                for secret in [ControlPlaneVariants.key10, ControlPlaneVariants.key32, "short-key1", "Q0VSVA==", "S0VZ"] {
                    #expect(!(v.value ?? "").contains(secret) && !v.message.contains(secret), "\(control.id) leaks key material")
                }
            }
        }
    }
}
