/// One `contexts[].context`: which cluster, which user, which default namespace.
public struct ContextEntry: Sendable, Equatable {
    public var cluster: String
    public var user: String
    public var namespace: String?
    public var file: String
    public init(cluster: String, user: String, namespace: String? = nil, file: String) {
        self.cluster = cluster; self.user = user; self.namespace = namespace; self.file = file
    }
}
