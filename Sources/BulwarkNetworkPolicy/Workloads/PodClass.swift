/// Workloads that no policy can tell apart: same namespace, labels, named ports and host-network
/// setting. Reachability is computed per class, so its cost grows with classes, not pods.
public struct PodClass: Sendable {
    public var namespace: String
    public var labels: [String: String]
    public var namedPorts: [NamedPort: Int]
    public var hostNetwork: Bool
    /// Indices into the analysis' workloads.
    public var members: [Int]

    struct Key: Hashable {
        var namespace: String
        var labels: [String: String]
        var namedPorts: [NamedPort: Int]
        var hostNetwork: Bool
    }
}
