/// How a role or binding is named in output: kind, namespace (empty when cluster-scoped), name.
public struct ObjectKey: Sendable, Hashable, Comparable, Codable {
    public var kind: String
    public var namespace: String
    public var name: String

    public init(kind: String, namespace: String = "", name: String) {
        self.kind = kind; self.namespace = namespace; self.name = name
    }

    /// `ClusterRole/edit`, `RoleBinding/ci/deployers`.
    public var description: String { namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)" }

    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.kind, a.namespace, a.name) < (b.kind, b.namespace, b.name)
    }
}
