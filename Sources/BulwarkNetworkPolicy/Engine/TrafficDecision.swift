/// The answer to "may SRC open a connection to DST on PORT/PROTO?": both the egress side of the
/// source and the ingress side of the destination must allow it; an external address has no side.
public struct TrafficDecision: Sendable {
    public var egress: SideDecision?
    public var ingress: SideDecision?
    public var allowed: Bool { (egress?.allowed ?? true) && (ingress?.allowed ?? true) }
}
