import Foundation
import Testing
import BulwarkModel
@testable import BulwarkControls
#if canImport(Yams)
import Yams

/// Runs every control over the public manifest corpus (`/work/shared/corpus`, when present): no
/// control may crash, and known-bad manifests must be caught. Uses a small Yams → Value reader of
/// its own so that it does not depend on BulwarkInputs' reader, which is written elsewhere.
@Suite struct CorpusSanityTests {
    static let corpus = URL(fileURLWithPath: "/work/shared/corpus")

    static func value(_ node: Node) -> Value {
        switch node {
        case .scalar(let s):
            if s.style == .plain || s.style == .any {
                if let b = node.bool { return .bool(b) }
                if let i = node.int { return .int(i) }
                if let d = node.float { return .double(d) }
                if node.null != nil { return .null }
            }
            return .string(s.string)
        case .sequence(let seq): return .array(seq.map(value))
        case .mapping(let m):
            var out = Mapping()
            for (k, v) in m { out.set(k.string ?? "", value(v)) }
            return .mapping(out)
        default: return .null
        }
    }

    static func load(_ root: URL) -> Inventory {
        var inventory = Inventory()
        guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return inventory }
        for case let url as URL in files where ["yaml", "yml"].contains(url.pathExtension) {
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                  let nodes = try? Yams.compose_all(yaml: text) else { continue }
            for (i, node) in nodes.enumerated() {
                let v = value(node)
                guard v["apiVersion"]?.string != nil, let kind = v["kind"]?.string else { continue }
                let source = SourceLocation(file: url.path, document: i, line: 1)
                if kind.hasSuffix("List"), let items = v["items"]?.array {
                    for item in items { inventory.add(KubeObject(item, source: source)) }
                } else {
                    inventory.add(KubeObject(v, source: source))
                }
            }
        }
        return inventory
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path)))
    func everyControlRunsOverTheCorpus() throws {
        let inventory = Self.load(Self.corpus)
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

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path)))
    func kubernetesGoatIsCaught() throws {
        let inventory = Self.load(Self.corpus.appendingPathComponent("madhuakula__kubernetes-goat"))
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
#endif
