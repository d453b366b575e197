/// A rule named by its policy: `NetworkPolicy shop/api-from-frontend ingress[0]`.
public struct RuleReference: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String
    public var policy: String
    /// `ingress[0]`.
    public var rule: String
    public var description: String { "\(namespace)/\(policy) \(rule)" }
}
