/// Every object a scan read, from any input, plus the problems met while reading. Indexes are
/// built once here; controls and engines query them.
public struct Inventory: Sendable {
    public private(set) var objects: [KubeObject]
    public private(set) var issues: [InputIssue]
    /// Kinds a cluster input could not collect; the controls reading them are not assessed.
    public private(set) var uncollected: [UncollectedResource] = []
    /// The group versions a cluster serves (`v1`, `apps/v1`, `flowcontrol.apiserver.k8s.io/v1beta3`),
    /// from API discovery in a live scan or snapshot; nil when no input carried discovery.
    public private(set) var servedGroupVersions: [String]?
    private var indexByKind: [String: [Int]]

    public init(objects: [KubeObject] = [], issues: [InputIssue] = []) {
        self.objects = []
        self.issues = issues
        self.indexByKind = [:]
        for o in objects { add(o) }
    }

    public mutating func add(_ object: KubeObject) {
        indexByKind[object.kind, default: []].append(objects.count)
        objects.append(object)
    }

    public mutating func add(issue: InputIssue) { issues.append(issue) }

    public mutating func add(uncollected resource: UncollectedResource) {
        if !uncollected.contains(resource) { uncollected.append(resource) }
    }

    public mutating func add(servedGroupVersions versions: [String]) {
        var all = servedGroupVersions ?? []
        for v in versions where !all.contains(v) { all.append(v) }
        servedGroupVersions = all
    }

    public mutating func merge(_ other: Inventory) {
        for o in other.objects { add(o) }
        issues.append(contentsOf: other.issues)
        for u in other.uncollected { add(uncollected: u) }
        if let versions = other.servedGroupVersions { add(servedGroupVersions: versions) }
    }

    /// What was not collected among `kinds`, in the order recorded.
    public func uncollected(among kinds: [String]) -> [UncollectedResource] {
        guard !uncollected.isEmpty, !kinds.isEmpty else { return [] }
        return uncollected.filter { kinds.contains($0.kind) }
    }

    public func objects(ofKind kind: String) -> [KubeObject] {
        (indexByKind[kind] ?? []).map { objects[$0] }
    }

    public func contains(kind: String) -> Bool { indexByKind[kind] != nil }

    /// Objects that run pods, with their pod template.
    public var workloads: [(object: KubeObject, pod: PodTemplate)] {
        objects.compactMap { o in PodTemplate(of: o).map { (o, $0) } }
    }

    /// The workloads, each pod template judged once: an object whose owner (ownerReferences, same
    /// namespace) is itself a workload in the input is left out, since the owner's template holds
    /// the same spec (Pod → ReplicaSet → Deployment, Job → CronJob; SPEC §4). Pods with ephemeral
    /// containers can be kept: those containers exist only on the Pod.
    public func topLevelWorkloads(keepingPodsWithEphemeralContainers: Bool) -> [(object: KubeObject, pod: PodTemplate)] {
        Self.topLevel(workloads, keepingPodsWithEphemeralContainers: keepingPodsWithEphemeralContainers)
    }

    /// The same over workloads already found (so a caller that holds them does not find them twice).
    public static func topLevel(_ all: [(object: KubeObject, pod: PodTemplate)],
                                keepingPodsWithEphemeralContainers: Bool) -> [(object: KubeObject, pod: PodTemplate)] {
        func key(_ kind: String, _ namespace: String, _ name: String) -> String { "\(kind)/\(namespace)/\(name)" }
        let present = Set(all.map { key($0.object.kind, $0.object.namespace, $0.object.name) })
        return all.filter { entry in
            let object = entry.object
            let owners = object.metadata?["ownerReferences"]?.array ?? []
            let ownedByPresent = owners.contains { owner in
                guard let kind = owner["kind"]?.string, let name = owner["name"]?.string else { return false }
                return present.contains(key(kind, object.namespace, name))
            }
            guard ownedByPresent else { return true }
            return keepingPodsWithEphemeralContainers && !(entry.pod.spec["ephemeralContainers"]?.array?.isEmpty ?? true)
        }
    }

    /// Namespaces named anywhere: Namespace objects and the namespaces of namespaced objects.
    public var namespaceNames: Set<String> {
        var names = Set(objects(ofKind: "Namespace").map(\.name))
        for o in objects where !o.namespace.isEmpty { names.insert(o.namespace) }
        return names
    }
}
