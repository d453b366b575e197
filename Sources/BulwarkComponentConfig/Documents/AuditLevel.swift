/// How much of a request the audit log keeps.
public enum AuditLevel: String, Sendable, Comparable {
    case none = "None", metadata = "Metadata", request = "Request", requestResponse = "RequestResponse"

    var rank: Int {
        switch self { case .none: return 0; case .metadata: return 1; case .request: return 2; case .requestResponse: return 3 }
    }

    public static func < (a: AuditLevel, b: AuditLevel) -> Bool { a.rank < b.rank }

    /// Request and RequestResponse copy request/response bodies into the log.
    public var recordsBodies: Bool { self >= .request }
}
