/// The pod a workload object runs, found in one place for every workload kind: Pod, Deployment,
/// ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController, PodTemplate, and any
/// unknown kind whose `spec.template.spec` holds containers (Argo Rollouts and the like).
public struct PodTemplate: Sendable, Equatable {
    /// The pod's `metadata` (annotations matter to some checks); `.null` when absent.
    public var metadata: Value
    /// The pod's `spec`.
    public var spec: Value
    /// Where the pod (its `metadata` and `spec`) sits in the object: empty for a Pod,
    /// `spec.template` for a Deployment, `spec.jobTemplate.spec.template` for a CronJob.
    public var basePath: FieldPath

    public init(metadata: Value, spec: Value, basePath: FieldPath) {
        self.metadata = metadata; self.spec = spec; self.basePath = basePath
    }

    /// The full path of a field given relative to the pod, e.g. `spec.hostPID`.
    public func path(_ relative: FieldPath) -> FieldPath { basePath + relative }

    public static let templateKinds: Set<String> = [
        "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController",
    ]

    /// Where the pod sits in objects of a built-in workload kind; nil for other kinds.
    public static func basePath(ofKind kind: String) -> FieldPath? {
        switch kind {
        case "Pod": return FieldPath()
        case "CronJob": return "spec.jobTemplate.spec.template"
        case "PodTemplate": return "template"
        case let k where templateKinds.contains(k): return "spec.template"
        default: return nil
        }
    }

    public init?(of object: KubeObject) {
        let root = object.value
        let base: FieldPath
        if let known = Self.basePath(ofKind: object.kind) {
            base = known
        } else {
            // Unknown kinds count only when they clearly embed a pod template.
            guard case .array = root.value(at: "spec.template.spec.containers") else { return nil }
            base = "spec.template"
        }
        guard let pod = root.value(at: base), case .mapping = pod,
              let spec = pod["spec"], case .mapping = spec else { return nil }
        self.init(metadata: pod["metadata"] ?? .null, spec: spec, basePath: base)
    }

    /// Every container of the pod with its path relative to the pod: `spec.containers`,
    /// `spec.initContainers` and `spec.ephemeralContainers`.
    public var containers: [(container: Value, path: FieldPath)] {
        var out: [(Value, FieldPath)] = []
        for field in ["initContainers", "containers", "ephemeralContainers"] {
            guard let list = spec[field]?.array else { continue }
            for (i, c) in list.enumerated() {
                out.append((c, FieldPath([.key("spec"), .key(field), .index(i)])))
            }
        }
        return out
    }
}
