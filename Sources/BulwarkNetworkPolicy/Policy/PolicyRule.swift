import BulwarkModel

/// One ingress or egress rule: peers AND ports. `peers == nil` (absent or empty list) matches every
/// source/destination, external addresses included; `ports == nil` (absent or empty) every port and protocol.
public struct PolicyRule: Sendable, Hashable {
    public var direction: PolicyDirection
    public var index: Int
    public var peers: [PolicyPeer]?
    public var ports: [PolicyPort]?

    init(direction: PolicyDirection, index: Int, decoding v: Value) {
        self.direction = direction
        self.index = index
        let peerList = v[direction.peerField]?.array ?? []
        peers = peerList.isEmpty ? nil : peerList.map(PolicyPeer.init(decoding:))
        let portList = v["ports"]?.array ?? []
        ports = portList.isEmpty ? nil : portList.map(PolicyPort.init(decoding:))
    }

    /// `ingress[0]`.
    public var label: String { "\(direction.field)[\(index)]" }

    /// True when the rule allows everything: no peers and no ports (`{}`).
    public var allowsEverything: Bool { peers == nil && ports == nil }

    public var hasNamedPorts: Bool {
        ports?.contains { if case .name? = $0.port { return true }; return false } ?? false
    }

    /// The connections this rule's ports open toward a destination (see `PolicyPort.connections`).
    public func connections(namedPorts: [NamedPort: Int]?) -> ConnectionSet {
        guard let ports else { return .all }
        var result = ConnectionSet.none
        for p in ports { result = result.union(p.connections(namedPorts: namedPorts)) }
        return result
    }
}
