/// A resource the API serves, as discovery describes it.
public struct ResourceType: Sendable, Hashable {
    public var group: String
    public var version: String
    /// The plural name in URLs, e.g. `deployments`.
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, resource: String, kind: String, namespaced: Bool) {
        self.group = group; self.version = version; self.resource = resource; self.kind = kind; self.namespaced = namespaced
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// `deployments.apps`, `pods`: how kubectl names a resource.
    public var qualifiedName: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// The list URL, for one namespace or all.
    public func listPath(namespace: String?) -> String {
        let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { return "\(prefix)/namespaces/\(PathEscaping.segment(namespace))/\(resource)" }
        return "\(prefix)/\(resource)"
    }
}
