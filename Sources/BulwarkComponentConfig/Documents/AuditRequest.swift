/// A representative request to ask an audit Policy about.
public struct AuditRequest: Sendable {
    public var user: String
    public var groups: [String]
    public var verb: String
    /// API group ("" for core) and resource, with subresource as `pods/exec`.
    public var group: String
    public var resource: String
    public var namespace: String

    public init(user: String = "jane", groups: [String] = ["system:authenticated"], verb: String, group: String = "",
                resource: String, namespace: String = "default") {
        self.user = user; self.groups = groups; self.verb = verb; self.group = group
        self.resource = resource; self.namespace = namespace
    }

    public var description: String {
        let gr = group.isEmpty ? resource : "\(resource).\(group)"
        return "\(verb) \(gr)"
    }
}
