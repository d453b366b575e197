/// RESOURCE as `kubectl auth can-i` takes it: `pods`, `deployments.apps`, `pods/exec`, `*`,
/// a bare built-in name resolved through `APIResourceTable`, or a non-resource URL (`/healthz`).
public struct ResourceSpec: Sendable, Hashable {
    public var group: String
    public var resource: String
    public var subresource: String
    public var nonResourceURL: String?
    /// True when a bare name was not in the table and was taken as a core-group resource.
    public var guessedGroup: Bool

    public init(parsing text: String, subresource extra: String = "") {
        if text.hasPrefix("/") {
            self.group = ""; self.resource = ""; self.subresource = ""; self.nonResourceURL = text; self.guessedGroup = false
            return
        }
        var main = Substring(text)
        var sub = extra
        if let slash = main.firstIndex(of: "/") {
            if sub.isEmpty { sub = String(main[main.index(after: slash)...]) }
            main = main[..<slash]
        }
        var resource = String(main)
        var group = ""
        var guessed = false
        if resource == "*" {
            group = "*"
        } else if let dot = resource.firstIndex(of: ".") {
            group = String(resource[resource.index(after: dot)...])
            resource = String(resource[..<dot])
        } else if let known = APIResourceTable.group(of: resource) {
            group = known
        } else {
            guessed = true
        }
        self.group = group; self.resource = resource; self.subresource = sub
        self.nonResourceURL = nil; self.guessedGroup = guessed
    }

    public func request(verb: String, name: String = "") -> AccessRequest {
        if let url = nonResourceURL { return .nonResource(verb, url) }
        return .resource(verb, resource, group: group, subresource: subresource, name: name)
    }

    /// False for non-resource URLs and cluster-scoped built-ins: RoleBindings never grant those.
    public var isNamespaced: Bool {
        nonResourceURL == nil && APIResourceTable.isNamespaced(resource, group: group)
    }
}
