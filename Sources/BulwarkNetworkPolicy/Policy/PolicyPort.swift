import BulwarkModel

/// One entry of a rule's `ports`: protocol (default TCP), a number or named port (absent = every
/// port of the protocol), and an optional `endPort` making `port…endPort` a range.
public struct PolicyPort: Sendable, Hashable {
    public enum Port: Sendable, Hashable {
        case number(Int)
        case name(String)
    }

    public var proto: NetworkProtocol
    public var port: Port?
    public var endPort: Int?
    /// Why the API server would reject this entry; an invalid entry matches nothing.
    public var invalidReason: String?

    public init(proto: NetworkProtocol = .tcp, port: Port? = nil, endPort: Int? = nil, invalidReason: String? = nil) {
        self.proto = proto; self.port = port; self.endPort = endPort; self.invalidReason = invalidReason
    }

    init(decoding v: Value) {
        self.init()
        guard case .mapping = v else { invalidReason = "port entry is not an object"; return }
        if let p = v["protocol"], !p.isNull {
            guard let text = p.string, let parsed = NetworkProtocol(rawValue: text) else {
                invalidReason = "protocol \(p.summary()) is not TCP, UDP or SCTP"; return
            }
            proto = parsed
        }
        switch v["port"] {
        case .int(let n)?:
            guard PortSet.validPorts.contains(n) else { invalidReason = "port \(n) is outside 1-65535"; return }
            port = .number(n)
        case .string(let s)?:
            // An int-or-string field: a string is a port name, and a port name needs a letter
            // (the API server rejects `port: "80"`).
            guard s.contains(where: \.isLetter) else { invalidReason = "port \"\(s)\" is a string without a letter: not a valid port name (write the number unquoted)"; return }
            port = .name(s)
        case nil, .null?: port = nil
        case let other?: invalidReason = "port is \(other.typeNameWithArticle)"; return
        }
        if let e = v["endPort"], !e.isNull {
            guard let end = e.int else { invalidReason = "endPort is not a number"; return }
            switch port {
            case .number(let start)?:
                guard end >= start, end <= 65535 else { invalidReason = "endPort \(end) must be between port \(start) and 65535"; return }
                endPort = end
            case .name?: invalidReason = "endPort cannot be used with a named port"; return
            case nil: invalidReason = "endPort needs a numeric port"; return
            }
        }
    }

    /// The ports this entry opens toward a destination with the given named ports (name/protocol →
    /// number); `namedPorts == nil` means the destination is an IP address, where names match nothing.
    public func connections(namedPorts: [NamedPort: Int]?) -> ConnectionSet {
        if invalidReason != nil { return .none }
        switch port {
        case nil: return ConnectionSet(proto, .full)
        case .number(let n)?: return ConnectionSet(proto, PortSet(n...(endPort ?? n)))
        case .name(let name)?:
            guard let number = namedPorts?[NamedPort(name: name, proto: proto)] else { return .none }
            return ConnectionSet(proto, PortSet(number...number))
        }
    }

    public var summary: String {
        switch port {
        case nil: return "\(proto.rawValue) (all ports)"
        case .number(let n)?: return endPort.map { "\(proto.rawValue) \(n)-\($0)" } ?? "\(proto.rawValue) \(n)"
        case .name(let s)?: return "\(proto.rawValue) \(s)"
        }
    }
}

/// A container port's name with its protocol: a named port in a policy resolves through both.
public struct NamedPort: Sendable, Hashable, Comparable {
    public var name: String
    public var proto: NetworkProtocol
    public init(name: String, proto: NetworkProtocol) { self.name = name; self.proto = proto }
    public static func < (a: NamedPort, b: NamedPort) -> Bool { (a.name, a.proto) < (b.name, b.proto) }
}
