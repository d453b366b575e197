/// One question to the authorizer: a verb on a resource (with group, subresource, name) or on a
/// non-resource URL. The namespace is not part of the request here: the scope a grant applies to
/// is decided by the binding (see `GrantScope`).
public struct AccessRequest: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case resource(group: String, resource: String, subresource: String, name: String)
        case nonResource(url: String)
    }

    public var verb: String
    public var target: Target

    public init(verb: String, target: Target) { self.verb = verb; self.target = target }

    public static func resource(_ verb: String, _ resource: String, group: String = "", subresource: String = "",
                                name: String = "") -> AccessRequest {
        AccessRequest(verb: verb, target: .resource(group: group, resource: resource, subresource: subresource, name: name))
    }

    public static func nonResource(_ verb: String, _ url: String) -> AccessRequest {
        AccessRequest(verb: verb, target: .nonResource(url: url))
    }

    public var isNonResource: Bool { if case .nonResource = target { return true }; return false }

    /// `create deployments.apps`, `get /healthz`, `create pods/exec`.
    public var description: String {
        switch target {
        case .nonResource(let url): return "\(verb) \(url)"
        case .resource(let group, let resource, let sub, let name):
            var text = "\(verb) \(resource)\(sub.isEmpty ? "" : "/" + sub)\(group.isEmpty ? "" : "." + group)"
            if !name.isEmpty { text += " \"\(name)\"" }
            return text
        }
    }
}
