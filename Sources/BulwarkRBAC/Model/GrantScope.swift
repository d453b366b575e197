/// Where a grant applies: everywhere (ClusterRoleBinding) or inside one namespace (RoleBinding,
/// which never grants cluster-scoped resources or non-resource URLs).
public enum GrantScope: Sendable, Hashable, Comparable {
    case cluster
    case namespace(String)

    /// `cluster` or the namespace name, as the JSON output writes it.
    public var name: String {
        switch self {
        case .cluster: return "cluster"
        case .namespace(let ns): return ns
        }
    }

    /// `cluster-wide` or `in NS`, for sentences.
    public var phrase: String {
        switch self {
        case .cluster: return "cluster-wide"
        case .namespace(let ns): return "in \(ns)"
        }
    }

    public var namespace: String? { if case .namespace(let ns) = self { return ns }; return nil }

    public static func < (a: GrantScope, b: GrantScope) -> Bool {
        switch (a, b) {
        case (.cluster, .namespace): return true
        case (.namespace(let x), .namespace(let y)): return x < y
        default: return false
        }
    }
}
