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
    /// namespace) by a workload that is itself in the input is represented by that owner.
    static func all(in inventory: Inventory) -> [NetworkWorkload] {
        var seen = Set<String>()
        var out: [NetworkWorkload] = []
        for (object, pod) in inventory.topLevelWorkloads(keepingPodsWithEphemeralContainers: false) {
            let w = NetworkWorkload(object: object, pod: pod)
            // The same object given twice (two inputs) is one workload.
            guard seen.insert("\(w.kind)/\(w.namespace)/\(w.name)").inserted else { continue }
            out.append(w)
        }
        return out
    }
}
