/// What describes a control, apart from how it is evaluated: ID (`BW-S<section>-<NNN>`), guide
/// section, severity, title, remediation and equivalent IDs elsewhere.
public struct ControlInfo: Sendable, Hashable, Codable {
    public var id: String
    public var section: GuideSection
    public var severity: Severity
    public var title: String
    public var remediation: String
    /// Equivalent IDs in other frameworks: keys `cis`, `kubescape`, `pss`, `checkov`; keys without
    /// entries are left out.
    public var references: [String: [String]]

    public init(id: String, section: GuideSection, severity: Severity, title: String,
                remediation: String, references: [String: [String]] = [:]) {
        self.id = id; self.section = section; self.severity = severity; self.title = title
        self.remediation = remediation; self.references = references.filter { !$0.value.isEmpty }
    }
}
