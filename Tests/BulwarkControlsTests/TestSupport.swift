import Testing
import BulwarkModel
@testable import BulwarkControls

/// Builders and accessors shared by the section tests.

func deployment(_ name: String, namespace: String? = "apps", pod spec: Value) -> KubeObject {
    var metadata: Value = ["name": .string(name)]
    if let namespace, case .mapping(var m) = metadata { m.set("namespace", .string(namespace)); metadata = .mapping(m) }
    return KubeObject([
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata,
        "spec": ["template": ["metadata": ["labels": ["app": .string(name)]], "spec": spec]],
    ])
}

func pod(_ name: String, namespace: String = "apps", spec: Value, extra: [(String, Value)] = []) -> KubeObject {
    var root: Mapping = Mapping()
    root.set("apiVersion", "v1")
    root.set("kind", "Pod")
    root.set("metadata", ["name": .string(name), "namespace": .string(namespace)])
    root.set("spec", spec)
    for (k, v) in extra { root.set(k, v) }
    return KubeObject(.mapping(root))
}

func namespace(_ name: String, labels: Value = [:], annotations: Value = [:]) -> KubeObject {
    KubeObject(["apiVersion": "v1", "kind": "Namespace",
                "metadata": ["name": .string(name), "labels": labels, "annotations": annotations]])
}

func container(_ name: String = "app", _ extra: [(String, Value)] = []) -> Value {
    var m = Mapping()
    m.set("name", .string(name))
    m.set("image", "registry.example/app:1.0")
    for (k, v) in extra { m.set(k, v) }
    return .mapping(m)
}

func evaluate(_ control: Control, _ objects: [KubeObject], settings: ScanSettings = ScanSettings()) -> ControlOutcome {
    control.evaluate(ScanContext(inventory: Inventory(objects: objects), settings: settings))
}

extension ControlOutcome {
    var violations: [Violation] { if case .fail(let v) = self { return v }; return [] }
    var isPass: Bool { if case .pass = self { return true }; return false }
    var isFail: Bool { if case .fail = self { return true }; return false }
    var notAssessedReason: String? {
        switch self {
        case .notAssessed(let r), .unreadable(let r): return r
        default: return nil
        }
    }
    var passReason: String? { if case .pass(let r) = self { return r }; return nil }
}

extension Violation {
    /// The severity a finding gets: the override, else the control's.
    func effectiveSeverity(_ control: Control) -> Severity { severity ?? control.info.severity }
}
