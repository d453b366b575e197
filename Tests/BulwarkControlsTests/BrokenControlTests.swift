import Foundation
import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkControls

/// Issue 10 point 6: a control that cannot judge an object (it throws ControlEvaluationError)
/// reports not assessed with the reason and the object; every other control still reports.
@Suite struct BrokenControlTests {
    /// Throws on the first Deployment it meets, as a control detecting an inconsistency would.
    static let broken = Control(id: "BW-TEST-001", section: .s6, severity: .high, title: "breaks on Deployments",
                                remediation: "none", reads: ["Deployment"]) { context throws(ControlEvaluationError) in
        if let d = context.inventory.objects(ofKind: "Deployment").first {
            throw ControlEvaluationError("replica count and pod template disagree", object: d)
        }
        return .pass("no Deployment")
    }

    @Test func theBrokenControlIsNotAssessedNamingTheObjectAndEveryOtherControlStillReports() throws {
        let inventory = UncollectedKindsTests.insecureExample()
        let context = ScanContext(inventory: inventory)
        let alone = ControlRunner.run(ControlCatalog.all, context: context)
        var controls = ControlCatalog.all
        controls.insert(Self.broken, at: controls.count / 2)
        let withBroken = ControlRunner.run(controls, context: context)

        #expect(withBroken.results.count == ControlCatalog.all.count + 1)
        let result = try #require(withBroken.results.first { $0.control == "BW-TEST-001" })
        #expect(result.status == .notAssessed)
        #expect(result.cause == .controlError)
        #expect(result.reason.contains("replica count and pod template disagree"))
        let deployment = try #require(inventory.objects(ofKind: "Deployment").first)
        #expect(result.reason.contains("Deployment \(deployment.namespace)/\(deployment.name)"))
        // Every other control: the same verdicts and findings as without the broken one.
        #expect(withBroken.results.filter { $0.control != "BW-TEST-001" } == alone.results)
        #expect(withBroken.findings == alone.findings)
    }

    @Test func evaluateTurnsTheThrownErrorIntoBroken() {
        let outcome = Self.broken.evaluate(ScanContext(inventory: Inventory(objects: [deployment("web", pod: ["containers": [container()]])])))
        guard case .broken(let error) = outcome else { Issue.record("expected broken, got \(outcome)"); return }
        #expect(error.object?.name == "web")
        // Without the object it cannot fail to judge: it passes on what it saw.
        guard case .pass = Self.broken.evaluate(ScanContext(inventory: Inventory())) else { Issue.record("expected pass"); return }
    }
}
