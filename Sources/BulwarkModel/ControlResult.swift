/// The outcome of one control over one scan.
public enum ResultStatus: String, Sendable, Codable, CaseIterable {
    case pass
    case fail
    case notAssessed = "not_assessed"
}

public struct ControlResult: Sendable, Hashable, Codable {
    public var control: String
    public var section: GuideSection
    public var severity: Severity
    public var title: String
    public var status: ResultStatus
    /// Why it is not assessed, or a short account of the pass or failure.
    public var reason: String
    public var findings: Int

    public init(control: String, section: GuideSection, severity: Severity, title: String,
                status: ResultStatus, reason: String, findings: Int) {
        self.control = control; self.section = section; self.severity = severity; self.title = title
        self.status = status; self.reason = reason; self.findings = findings
    }
}
