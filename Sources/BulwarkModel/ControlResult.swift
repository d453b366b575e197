/// The outcome of one control over one scan.
public enum ResultStatus: String, Sendable, Codable, CaseIterable {
    case pass
    case fail
    case notAssessed = "not_assessed"
}

/// Why a control is not assessed, as `--strict` judges it: input of its kind was not given
/// (a manifest scan has no node, no probe) — never strict-failing — or something that was given
/// could not be read, was refused or did not answer — strict-failing — or the control met facts it
/// could not judge (an inconsistency it detected in an object) — strict-failing.
public enum NotAssessedCause: String, Sendable, Codable, CaseIterable {
    case inputNotGiven = "input_not_given"
    case inputUnreadable = "input_unreadable"
    case controlError = "control_error"
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
    /// For not-assessed results only.
    public var cause: NotAssessedCause?

    public init(control: String, section: GuideSection, severity: Severity, title: String,
                status: ResultStatus, reason: String, findings: Int, cause: NotAssessedCause? = nil) {
        self.control = control; self.section = section; self.severity = severity; self.title = title
        self.status = status; self.reason = reason; self.findings = findings
        self.cause = status == .notAssessed ? (cause ?? .inputNotGiven) : nil
    }
}
