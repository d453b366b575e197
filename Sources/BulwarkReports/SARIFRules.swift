import BulwarkModel

/// The run's rule list: every catalogue control, in ID order, plus any control that has findings or
/// results but is missing from the catalogue (so every result's `ruleIndex` points at its rule).
struct SARIFRules: Sendable {
    let descriptors: [JSONValue]
    private let indexByID: [String: Int]

    init(report: ScanReport, controls: [ControlInfo]) {
        var infos: [String: ControlInfo] = [:]
        for control in controls where infos[control.id] == nil { infos[control.id] = control }
        for result in report.results where infos[result.control] == nil {
            let remediation = report.findings.first { $0.control == result.control }?.remediation ?? ""
            infos[result.control] = ControlInfo(id: result.control, section: result.section, severity: result.severity,
                                                title: result.title, remediation: remediation)
        }
        for finding in report.findings where infos[finding.control] == nil {
            infos[finding.control] = ControlInfo(id: finding.control, section: finding.section, severity: finding.severity,
                                                 title: finding.control, remediation: finding.remediation)
        }
        let ordered = infos.values.sorted { ControlOrder.precedes($0.id, $1.id) }
        self.descriptors = ordered.map(Self.descriptor)
        self.indexByID = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, $0) })
    }

    func index(of control: String) -> Int? { indexByID[control] }

    private static func descriptor(_ control: ControlInfo) -> JSONValue {
        let title = control.title.isEmpty ? control.id : control.title
        let remediation = control.remediation.isEmpty ? "See guide section \(control.section.id)." : control.remediation
        var tags = ["security", "kubernetes", control.section.id]
        for key in control.references.keys.sorted() {
            tags += (control.references[key] ?? []).map { "\(key):\($0)" }
        }
        return .object([
            "id": .string(control.id),
            "name": .string(ruleName(title)),
            "shortDescription": .object(["text": .string(title)]),
            "fullDescription": .object([
                "text": .string("\(title) (guide \"Securing a Cluster\", \(control.section.id) \(control.section.title))."),
            ]),
            "help": .object(["text": .string(remediation)]),
            "defaultConfiguration": .object(["level": .string(SARIFLevel.of(control.severity))]),
            "properties": .object([
                "section": .string(control.section.id),
                "severity": .string(control.severity.rawValue),
                "security-severity": .string(SARIFLevel.securitySeverity(control.severity)),
                "tags": .array(tags.map(JSONValue.string)),
            ]),
        ])
    }

    /// `name` is meant to be an identifier-like label: the title in UpperCamelCase, ASCII letters
    /// and digits only.
    static func ruleName(_ title: String) -> String {
        let words = title.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.isEmpty ? "Control" : name
    }
}
