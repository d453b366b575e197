/// A kind of object a cluster input could not deliver: listing it was forbidden (or not asked for,
/// as Secrets without `--read-secrets`), or the list failed. Controls that read the kind are
/// "not assessed" with `reason`, never judged on the missing objects.
public struct UncollectedResource: Sendable, Hashable {
    /// The object kind, e.g. `Secret`, as controls declare what they read.
    public var kind: String
    /// How kubectl names the resource: `secrets`, `roles.rbac.authorization.k8s.io`.
    public var resource: String
    /// The namespace the collection was narrowed to; empty for all namespaces.
    public var namespace: String
    /// True when listing was refused (403, an access review, or an opt-in not given); false when
    /// the list failed for another reason.
    public var forbidden: Bool
    public var detail: String

    public init(kind: String, resource: String, namespace: String = "", forbidden: Bool = true, detail: String) {
        self.kind = kind; self.resource = resource; self.namespace = namespace; self.forbidden = forbidden; self.detail = detail
    }

    /// `forbidden: list secrets (not read without --read-secrets)`.
    public var reason: String {
        let scope = namespace.isEmpty ? "" : " in namespace \(namespace)"
        let what = forbidden ? "forbidden" : "not collected"
        return "\(what): list \(resource)\(scope) (\(detail))"
    }
}
