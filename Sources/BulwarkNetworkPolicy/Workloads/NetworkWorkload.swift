import BulwarkModel

/// A workload as NetworkPolicy sees it: the pods its template makes share namespace, labels,
/// container ports and host-network setting (SPEC §4: a workload stands for its pods).
public struct NetworkWorkload: Sendable {
    public var object: KubeObject
    public var pod: PodTemplate
    public var kind: String
    public var namespace: String
    public var name: String
    public var labels: [String: String]
    public var namedPorts: [NamedPort: Int]
    public var hostNetwork: Bool
    /// The objects (kind/name) this workload stands for when it is named by an absent controller:
    /// its pods, so `netpol can shop/pod/web-7d9-abc …` still finds it.
    public var members: [WorkloadEndpoint] = []

    init(object: KubeObject, pod: PodTemplate) {
        self.object = object
        self.pod = pod
        kind = object.kind
        namespace = object.namespace.isEmpty ? "default" : object.namespace
        name = object.name
        // A bare Pod's labels are its own metadata; a controller's are its template's.
        labels = pod.metadata["labels"]?.stringMap ?? [:]
        hostNetwork = pod.spec["hostNetwork"]?.bool == true
        var ports: [NamedPort: Int] = [:]
        for (container, _) in pod.containers {
            for p in container["ports"]?.array ?? [] {
                guard let portName = p["name"]?.string, let number = p["containerPort"]?.int else { continue }
                let proto = p["protocol"]?.string.flatMap(NetworkProtocol.init(rawValue:)) ?? .tcp
                let key = NamedPort(name: portName, proto: proto)
                if ports[key] == nil { ports[key] = number }
            }
        }
        namedPorts = ports
    }

    public var endpoint: WorkloadEndpoint { WorkloadEndpoint(kind: kind, namespace: namespace, name: name) }

    /// Every workload of the input, each pod template once: an object owned (ownerReferences, same
    /// namespace) by a workload that is itself in the input is represented by that owner, and pods
    /// whose controller is absent (a pod dump) are one workload named by that controller
    /// (`WorkloadNamer`, SPEC §4): the three replicas of a ReplicaSet are one entry, the first pod
    /// standing for the rest.
    static func all(in inventory: Inventory) -> [NetworkWorkload] {
        let namer = WorkloadNamer(inventory)
        var indexByName: [WorkloadName: Int] = [:]
        var out: [NetworkWorkload] = []
        for (object, pod) in inventory.topLevelWorkloads(keepingPodsWithEphemeralContainers: false) {
            var w = NetworkWorkload(object: object, pod: pod)
            let name = namer.name(of: object)
            w.kind = name.kind
            w.name = name.name
            let member = WorkloadEndpoint(kind: object.kind, namespace: w.namespace, name: object.name)
            // The same object given twice (two inputs), or replicas of one controller, are one workload.
            let key = WorkloadName(kind: w.kind, namespace: w.namespace, name: w.name)
            if let i = indexByName[key] {
                if member != out[i].endpoint, !out[i].members.contains(member) { out[i].members.append(member) }
                continue
            }
            if member != w.endpoint { w.members = [member] }
            indexByName[key] = out.count
            out.append(w)
        }
        return out
    }
}
