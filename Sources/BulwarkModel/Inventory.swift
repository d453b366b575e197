/// Every object a scan read, from any input, plus the problems met while reading. Indexes are
/// built once here; controls and engines query them.
public struct Inventory: Sendable {
    public private(set) var objects: [KubeObject]
    public private(set) var issues: [InputIssue]
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

    public mutating func merge(_ other: Inventory) {
        for o in other.objects { add(o) }
        issues.append(contentsOf: other.issues)
    }

    public func objects(ofKind kind: String) -> [KubeObject] {
        (indexByKind[kind] ?? []).map { objects[$0] }
    }

    public func contains(kind: String) -> Bool { indexByKind[kind] != nil }

    /// Objects that run pods, with their pod template.
    public var workloads: [(object: KubeObject, pod: PodTemplate)] {
        objects.compactMap { o in PodTemplate(of: o).map { (o, $0) } }
    }

    /// Namespaces named anywhere: Namespace objects and the namespaces of namespaced objects.
    public var namespaceNames: Set<String> {
        var names = Set(objects(ofKind: "Namespace").map(\.name))
        for o in objects where !o.namespace.isEmpty { names.insert(o.namespace) }
        return names
    }
}
