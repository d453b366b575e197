/// What may flow between two endpoints: everything (every protocol, including ones NetworkPolicy
/// cannot name, such as ICMP), or port sets per TCP/UDP/SCTP.
public struct ConnectionSet: Sendable, Hashable, CustomStringConvertible {
    public private(set) var isAll: Bool
    public private(set) var tcp: PortSet
    public private(set) var udp: PortSet
    public private(set) var sctp: PortSet

    public static let all = ConnectionSet(isAll: true, tcp: .full, udp: .full, sctp: .full)
    public static let none = ConnectionSet(isAll: false, tcp: .empty, udp: .empty, sctp: .empty)

    init(isAll: Bool, tcp: PortSet, udp: PortSet, sctp: PortSet) {
        self.isAll = isAll; self.tcp = tcp; self.udp = udp; self.sctp = sctp
    }

    public init(_ proto: NetworkProtocol, _ ports: PortSet) {
        self = .none
        self[proto] = ports
    }

    public subscript(proto: NetworkProtocol) -> PortSet {
        get { switch proto { case .tcp: tcp; case .udp: udp; case .sctp: sctp } }
        set {
            switch proto { case .tcp: tcp = newValue; case .udp: udp = newValue; case .sctp: sctp = newValue }
        }
    }

    public var isEmpty: Bool { !isAll && tcp.isEmpty && udp.isEmpty && sctp.isEmpty }

    public func allows(_ proto: NetworkProtocol, port: Int) -> Bool { isAll || self[proto].contains(port) }

    public func union(_ other: ConnectionSet) -> ConnectionSet {
        if isAll || other.isEmpty { return self }
        if other.isAll || isEmpty { return other }
        return ConnectionSet(isAll: false, tcp: tcp.union(other.tcp), udp: udp.union(other.udp), sctp: sctp.union(other.sctp))
    }

    public func intersection(_ other: ConnectionSet) -> ConnectionSet {
        if isAll { return other }
        if other.isAll { return self }
        return ConnectionSet(isAll: false, tcp: tcp.intersection(other.tcp), udp: udp.intersection(other.udp),
                             sctp: sctp.intersection(other.sctp))
    }

    /// Protocols with at least one port, in TCP, UDP, SCTP order, with their port strings.
    public var protocolPorts: [(NetworkProtocol, [String])] {
        NetworkProtocol.allCases.compactMap { p in self[p].isEmpty ? nil : (p, self[p].strings) }
    }

    /// `All Connections`, or `TCP 80,8000-8080; UDP 53`.
    public var description: String {
        if isAll { return "All Connections" }
        if isEmpty { return "No Connections" }
        return protocolPorts.map { "\($0.0.rawValue) \($0.1.joined(separator: ","))" }.joined(separator: "; ")
    }
}
