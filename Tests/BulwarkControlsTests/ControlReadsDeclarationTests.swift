import Foundation
import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkControls

/// What a control declares it reads is what it reads: with every object of a kind the control
/// does not declare removed, its verdict, reason and findings stay the same. (A kind it reads but
/// did not declare would not turn it "not assessed" when a cluster refuses that kind, and it would
/// be judged on missing objects.)
@Suite struct ControlReadsDeclarationTests {
    static let inventory: Inventory = {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples").standardized
        let dirs = ["insecure", "hardened", "control-plane", "netpol"].map { examples.appendingPathComponent($0).path }
            + ["madhuakula__kubernetes-goat", "kubernetes__ingress-nginx", "prometheus-operator__kube-prometheus", "linkerd__linkerd2"]
            .map { CorpusSanityTests.corpus.appendingPathComponent($0).path }
        return ManifestReader().read(dirs)
    }()

    struct Verdict: Equatable, CustomStringConvertible {
        var status: ResultStatus
        var reason: String
        var findings: [String]
        var description: String { "\(status.rawValue) (\(reason)), \(findings.count) findings" }
    }

    static func verdicts(_ inventory: Inventory) -> [String: Verdict] {
        let outcome = ControlRunner.run(ControlCatalog.all, context: ScanContext(inventory: inventory))
        var findings: [String: [String]] = [:]
        for f in outcome.findings {
            findings[f.control, default: []].append("\(f.object.map { "\($0.kind)/\($0.namespace)/\($0.name)" } ?? "-") \(f.path) \(f.message)")
        }
        return Dictionary(uniqueKeysWithValues: outcome.results.map {
            ($0.control, Verdict(status: $0.status, reason: $0.reason, findings: (findings[$0.control] ?? []).sorted()))
        })
    }

    @Test func removingAKindAControlDoesNotReadLeavesItsVerdict() {
        let full = Self.inventory
        let kinds = Set(full.objects.map(\.kind)).sorted()
        #expect(kinds.count > 15, "the examples hold \(kinds)")
        let before = Self.verdicts(full)
        // The test can fail: some control changes when each of these kinds goes.
        var changedByAnyKind = 0
        var undeclared: [String] = []
        for kind in kinds {
            let without = Inventory(objects: full.objects.filter { $0.kind != kind }, issues: full.issues)
            let after = Self.verdicts(without)
            for control in ControlCatalog.all {
                guard let was = before[control.id], let now = after[control.id], was != now else { continue }
                changedByAnyKind += 1
                if !control.reads.contains(kind) && !control.tolerates.contains(kind) && !control.tolerates.contains("*") {
                    undeclared.append("\(control.id) reads \(kind) undeclared: \(was) → \(now)")
                }
            }
        }
        #expect(changedByAnyKind > 50)
        #expect(undeclared.isEmpty, "\(undeclared.count):\n\(undeclared.joined(separator: "\n"))")
    }
}
