/// A NetworkPolicy direction, as `policyTypes` spells it.
public enum PolicyDirection: String, Sendable, Hashable, CaseIterable {
    case ingress = "Ingress", egress = "Egress"

    /// The rule list's field name: `ingress` or `egress`.
    public var field: String { self == .ingress ? "ingress" : "egress" }
    /// The peer list's field name inside a rule: `from` or `to`.
    public var peerField: String { self == .ingress ? "from" : "to" }
}
