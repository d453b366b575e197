import Foundation
import Testing
import BulwarkModel
@testable import BulwarkControls
import BulwarkInputs

/// Runs every control over the shared manifest corpus (`../shared/corpus` beside the repository, as
/// on developer machines and CI): no control may crash, and known-bad manifests must be caught.
@Suite struct CorpusSanityTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static func load(_ root: URL) throws -> Inventory {
        try #require(FileManager.default.fileExists(atPath: root.path), "the shared corpus is missing at \(root.path)")
        return ManifestReader().read([root.path])
    }

    @Test
    func everyControlRunsOverTheCorpus() throws {
        let inventory = try Self.load(Self.corpus)
        #expect(inventory.objects.count > 3000)
        let context = ScanContext(inventory: inventory)
        var dangling: [String] = []
        var counts: [String: Int] = [:]
        for control in ControlCatalog.all {
            let outcome = control.evaluate(context)
            counts[control.id] = outcome.violations.count
            for v in outcome.violations {
                #expect(!v.path.isEmpty && !v.message.isEmpty, "\(control.id)")
                // A field path points at something present, unless the finding is about its absence.
                if let object = v.object, let path = v.fieldPath, object.source != nil,
                   !(v.value ?? "").contains("unset"), object.value.value(at: path) == nil {
                    dangling.append("\(control.id) \(object.reference.displayName) \(v.path) = \(v.value ?? "nil")")
                }
            }
        }
        if ProcessInfo.processInfo.environment["BULWARK_CORPUS_REPORT"] != nil {
            for control in ControlCatalog.all {
                let outcome = control.evaluate(context)
                print("CORPUS \(control.id) \(outcome.violations.count) \(outcome.passReason ?? outcome.notAssessedReason ?? "")")
                for v in outcome.violations.prefix(400) {
                    print("CORPUS-F \(control.id) \((v.severity ?? control.info.severity).rawValue) \(v.object?.reference.displayName ?? "-") \(v.path) = \(v.value ?? "") :: \(v.message)")
                }
            }
        }
        #expect(dangling.isEmpty, "\(dangling.prefix(10).joined(separator: "\n"))")
        // Real manifests hold hostPath volumes, removed APIs and missing limits.
        #expect((counts["BW-S6-103"] ?? 0) > 0)
        #expect((counts["BW-S13-001"] ?? 0) > 0)
        #expect((counts["BW-S5-001"] ?? 0) > 0)
    }

    @Test
    func kubernetesGoatIsCaught() throws {
        let inventory = try Self.load(Self.corpus.appendingPathComponent("madhuakula__kubernetes-goat"))
        let context = ScanContext(inventory: inventory)
        let hostPaths = S6ContainerPrivileges.hostPathVolumes.evaluate(context).violations
        let root = hostPaths.first { $0.object?.name == "system-monitor-deployment" }
        #expect(root?.value == "/")
        #expect(root?.severity == .critical)
        let socket = hostPaths.first { $0.value == "/run/containerd/containerd.sock" }
        #expect(socket?.severity == .critical)
        let modules = S7KernelModules.moduleLoadingWorkloads.evaluate(context).violations
        #expect(modules.contains { $0.object?.name == "system-monitor-deployment" && $0.path.hasSuffix("securityContext.privileged") })
    }
}
