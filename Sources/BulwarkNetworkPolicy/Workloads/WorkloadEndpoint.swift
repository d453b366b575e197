/// A workload named as `NAMESPACE/KIND/NAME`.
public struct WorkloadEndpoint: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: String
    public var namespace: String
    public var name: String

    public init(kind: String, namespace: String, name: String) {
        self.kind = kind; self.namespace = namespace; self.name = name
    }

    public static func < (a: WorkloadEndpoint, b: WorkloadEndpoint) -> Bool {
        (a.namespace, a.name, a.kind) < (b.namespace, b.name, b.kind)
    }

    public var description: String { "\(namespace)/\(kind)/\(name)" }
}
