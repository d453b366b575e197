/// The name a workload goes by in every report (SPEC §4): a pod's workload is its top-most
/// controller known to the scan (Pod → ReplicaSet → Deployment, Job → CronJob), else the
/// controller its ownerReferences name when that is a workload kind (a `kubectl get pods -A`
/// dump names each pod's ReplicaSet though the ReplicaSet is absent), else the object itself;
/// a mirror pod, owned by its Node, is its own workload.
public struct WorkloadName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: String
    public var namespace: String
    public var name: String

    public init(kind: String, namespace: String, name: String) {
        self.kind = kind; self.namespace = namespace; self.name = name
    }

    /// `shop/Deployment/web`, the form reports already use for objects.
    public var description: String { "\(namespace)/\(kind)/\(name)" }

    public static func < (a: WorkloadName, b: WorkloadName) -> Bool {
        (a.namespace, a.name, a.kind) < (b.namespace, b.name, b.kind)
    }

    /// Kinds that create and own pods (directly or through another of these).
    public static let controllerKinds: Set<String> = [
        "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController",
    ]
}

/// Names workloads over one inventory; the index of objects present is built once.
public struct WorkloadNamer: Sendable {
    private let controllers: [WorkloadName: KubeObject]
    /// The owner chain is followed this many steps at most, so owner loops in bad input end.
    static let maxDepth = 8

    public init(_ inventory: Inventory) {
        var controllers: [WorkloadName: KubeObject] = [:]
        for o in inventory.objects where WorkloadName.controllerKinds.contains(o.kind) {
            let key = WorkloadName(kind: o.kind, namespace: Self.namespace(o), name: o.name)
            if controllers[key] == nil { controllers[key] = o }
        }
        self.controllers = controllers
    }

    static func namespace(_ o: KubeObject) -> String { o.namespace.isEmpty ? "default" : o.namespace }

    /// The controlling owner an object names: the reference with `controller: true`, else the
    /// only workload-kind reference. Node owners (mirror pods) and other kinds are no workload.
    static func controller(of object: KubeObject) -> (kind: String, name: String)? {
        let refs = (object.metadata?["ownerReferences"]?.array ?? []).compactMap { ref -> (String, String, Bool)? in
            guard let kind = ref["kind"]?.string, let name = ref["name"]?.string, !kind.isEmpty, !name.isEmpty else { return nil }
            return (kind, name, ref["controller"]?.bool == true)
        }
        let chosen = refs.first { $0.2 } ?? (refs.filter { WorkloadName.controllerKinds.contains($0.0) }.count == 1
            ? refs.first { WorkloadName.controllerKinds.contains($0.0) } : nil)
        guard let chosen, WorkloadName.controllerKinds.contains(chosen.0) else { return nil }
        return (chosen.0, chosen.1)
    }

    public func name(of object: KubeObject) -> WorkloadName {
        let namespace = Self.namespace(object)
        var current = WorkloadName(kind: object.kind, namespace: namespace, name: object.name)
        var object = object
        var seen: Set<WorkloadName> = [current]
        for _ in 0..<Self.maxDepth {
            guard let owner = Self.controller(of: object) else { return current }
            let next = WorkloadName(kind: owner.kind, namespace: namespace, name: owner.name)
            guard seen.insert(next).inserted else { return current }
            // An owner absent from the input still names the workload, and ends the walk.
            guard let ownerObject = controllers[next] else { return next }
            current = next
            object = ownerObject
        }
        return current
    }
}
