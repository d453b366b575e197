/// Failures while rendering; in practice only an encoder refusing a value.
public enum ReportRenderError: Error, Sendable, CustomStringConvertible {
    case notUTF8(format: String)

    public var description: String {
        switch self {
        case .notUTF8(let format): return "the \(format) encoder produced bytes that are not UTF-8"
        }
    }
}
