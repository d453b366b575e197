/// The sections of the guide "Securing a Cluster", written S1 … S17 (SPEC §2).
public enum GuideSection: Int, Sendable, CaseIterable, Comparable, Codable {
    case s1 = 1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17

    public var id: String { "S\(rawValue)" }

    public init?(id: String) {
        guard id.first == "S", let n = Int(id.dropFirst()), let s = GuideSection(rawValue: n) else { return nil }
        self = s
    }

    public var title: String {
        switch self {
        case .s1: return "TLS for all API traffic"
        case .s2: return "API authentication"
        case .s3: return "API authorization"
        case .s4: return "Kubelet access"
        case .s5: return "Limiting resource use"
        case .s6: return "Container privileges"
        case .s7: return "Kernel modules"
        case .s8: return "Network access"
        case .s9: return "Cloud metadata API"
        case .s10: return "Where pods may run"
        case .s11: return "etcd"
        case .s12: return "Audit logging"
        case .s13: return "Alpha and beta features"
        case .s14: return "Rotating credentials"
        case .s15: return "Third-party integrations"
        case .s16: return "Secrets encryption at rest"
        case .s17: return "Security updates"
        }
    }

    public static func < (lhs: GuideSection, rhs: GuideSection) -> Bool { lhs.rawValue < rhs.rawValue }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(id)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let s = GuideSection(id: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown section \(text)"))
        }
        self = s
    }
}
