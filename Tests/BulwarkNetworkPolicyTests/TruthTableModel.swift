import BulwarkModel
import BulwarkInputs
@testable import BulwarkNetworkPolicy

/// The upstream e2e model (test/e2e/network/netpol): namespaces x, y, z, pods a, b, c labelled
/// `pod=<name>`, each serving 80 and 81 on TCP, UDP and SCTP with named ports `serve-80-tcp` ….
enum TruthTableModel {
    static let namespaces = ["x", "y", "z"]
    static let podNames = ["a", "b", "c"]
    static let pods: [String] = namespaces.flatMap { ns in podNames.map { "\(ns)/\($0)" } }

    static func objects(namespaceLabels: [String: [String: String]] = [:], podLabels: [String: [String: String]] = [:],
                        hostNetwork: Set<String> = []) -> [KubeObject] {
        var out: [KubeObject] = []
        for ns in namespaces {
            var labels = Mapping()
            for (k, v) in (namespaceLabels[ns] ?? [:]).sorted(by: { $0.key < $1.key }) { labels.set(k, .string(v)) }
            // No kubernetes.io/metadata.name here: the engine must synthesise it.
            out.append(KubeObject(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(ns), "labels": .mapping(labels)]]))
            for p in podNames {
                var podLabelMap = Mapping()
                podLabelMap.set("pod", .string(p))
                for (k, v) in (podLabels["\(ns)/\(p)"] ?? [:]).sorted(by: { $0.key < $1.key }) { podLabelMap.set(k, .string(v)) }
                var ports: [Value] = []
                for port in [80, 81] {
                    for proto in ["TCP", "UDP", "SCTP"] {
                        ports.append(["containerPort": .int(port), "protocol": .string(proto), "name": .string("serve-\(port)-\(proto.lowercased())")])
                    }
                }
                var spec = Mapping()
                spec.set("containers", [["name": "cont", "image": "agnhost", "ports": .array(ports)]])
                if hostNetwork.contains("\(ns)/\(p)") { spec.set("hostNetwork", true) }
                out.append(KubeObject(["apiVersion": "v1", "kind": "Pod",
                                       "metadata": ["name": .string(p), "namespace": .string(ns), "labels": .mapping(podLabelMap)],
                                       "spec": .mapping(spec)]))
            }
        }
        return out
    }

    static func parse(_ yaml: String) -> [KubeObject] {
        let result = ManifestReader().parse(Array(yaml.utf8), file: "test.yaml")
        precondition(result.issues.isEmpty, "test YAML does not parse: \(result.issues)")
        return result.objects
    }

    static func analysis(_ policies: String, namespaceLabels: [String: [String: String]] = [:],
                         podLabels: [String: [String: String]] = [:], hostNetwork: Set<String> = []) -> NetworkAnalysis {
        NetworkAnalysis(inventory: Inventory(objects: objects(namespaceLabels: namespaceLabels, podLabels: podLabels, hostNetwork: hostNetwork) + parse(policies)))
    }

    static func endpoint(_ pod: String, in analysis: NetworkAnalysis) -> TrafficEndpoint {
        let parts = pod.split(separator: "/").map(String.init)
        guard let i = analysis.workloadIndex(WorkloadEndpoint(kind: "Pod", namespace: parts[0], name: parts[1])) else {
            fatalError("no pod \(pod)")
        }
        return .workload(i)
    }
}

/// An expected reachability matrix, built like upstream's: a default, then overrides.
struct Truth {
    private var cells: [String: Bool] = [:]
    let defaultValue: Bool
    init(_ defaultValue: Bool) { self.defaultValue = defaultValue }

    subscript(from: String, to: String) -> Bool {
        get { cells["\(from)>\(to)"] ?? defaultValue }
        set { cells["\(from)>\(to)"] = newValue }
    }
    mutating func setTo(_ to: String, _ value: Bool) { for from in TruthTableModel.pods { self[from, to] = value } }
    mutating func setFrom(_ from: String, _ value: Bool) { for to in TruthTableModel.pods { self[from, to] = value } }
    mutating func setNamespaceTo(_ ns: String, _ value: Bool) { for p in TruthTableModel.podNames { setTo("\(ns)/\(p)", value) } }
    mutating func setNamespaceFrom(_ ns: String, _ value: Bool) { for p in TruthTableModel.podNames { setFrom("\(ns)/\(p)", value) } }
}

/// Every off-diagonal cell where the engine disagrees with `expected`, checked both through the
/// single-question path (`decide`) and the precomputed class reachability: the two must agree.
func mismatches(_ analysis: NetworkAnalysis, port: Int, proto: NetworkProtocol = .tcp, expected: Truth) -> [String] {
    let reach = Reachability(analysis)
    var out: [String] = []
    for from in TruthTableModel.pods {
        for to in TruthTableModel.pods where from != to {
            let src = TruthTableModel.endpoint(from, in: analysis), dst = TruthTableModel.endpoint(to, in: analysis)
            let decided = analysis.decide(from: src, to: dst, proto: proto, port: port).allowed
            guard case .workload(let s) = src, case .workload(let d) = dst else { continue }
            let reached = reach.connection(fromClass: analysis.classOfWorkload[s], toClass: analysis.classOfWorkload[d]).allows(proto, port: port)
            if decided != expected[from, to] { out.append("decide \(from)->\(to) \(port)/\(proto.rawValue): got \(decided)") }
            if reached != decided { out.append("reach disagrees with decide on \(from)->\(to) \(port)/\(proto.rawValue)") }
        }
    }
    return out
}
