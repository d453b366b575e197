/// The layer-4 protocols NetworkPolicy knows. Other protocols (ICMP…) are only covered by "all".
public enum NetworkProtocol: String, Sendable, Hashable, CaseIterable, Comparable {
    case tcp = "TCP", udp = "UDP", sctp = "SCTP"

    public static func < (a: NetworkProtocol, b: NetworkProtocol) -> Bool { a.order < b.order }
    var order: Int { switch self { case .tcp: 0; case .udp: 1; case .sctp: 2 } }

    /// Case-insensitive, as users type it on the command line; manifests must say it in capitals.
    public init?(caseInsensitive text: String) { self.init(rawValue: text.uppercased()) }
}
