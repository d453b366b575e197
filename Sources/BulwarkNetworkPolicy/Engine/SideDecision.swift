/// The verdict of one side of a connection: the source's egress or the destination's ingress.
public struct SideDecision: Sendable {
    public enum Reason: String, Sendable {
        /// No policy selects the pod for this direction: everything is allowed.
        case notIsolated = "not-isolated"
        /// The pod runs on the host network: NetworkPolicy does not apply to it.
        case hostNetwork = "host-network"
        /// Isolated, and at least one rule allows the traffic.
        case allowedByRule = "allowed-by-rule"
        /// Isolated, and no rule allows the traffic.
        case noRuleAllows = "no-rule-allows"
    }
    public var direction: PolicyDirection
    public var subject: String
    public var reason: Reason
    /// Policies selecting the subject for this direction (`namespace/name`).
    public var isolatingPolicies: [String]
    /// Rules that allow the traffic.
    public var allowingRules: [RuleReference]

    public var allowed: Bool { reason != .noRuleAllows }
}
