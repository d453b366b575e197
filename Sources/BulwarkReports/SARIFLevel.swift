import BulwarkModel

/// How severities map onto SARIF: `level` for every consumer, `security-severity` (a 0–10 score as
/// a string) for GitHub, which buckets it into critical/high/medium/low.
enum SARIFLevel {
    static func of(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return "1.0"
        }
    }
}
