import BulwarkModel

/// SARIF 2.1.0 for code-scanning services (GitHub and others): one run, every control as a rule,
/// one result per finding, input problems as tool execution notifications.
public struct SARIFRenderer: ReportRenderer {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// Where users learn about the tool (`tool.driver.informationUri`); left out when not given,
    /// since the project has no public home page yet.
    public var informationURI: String?

    public init(informationURI: String? = nil) {
        self.informationURI = informationURI
    }

    public func render(_ report: ScanReport, controls: [ControlInfo], style: RenderStyle) throws -> String {
        try JSONRenderer.encode(log(report, controls: controls)) + "\n"
    }

    /// The SARIF log as a JSON value (tests inspect it directly).
    func log(_ report: ScanReport, controls: [ControlInfo]) -> JSONValue {
        let rules = SARIFRules(report: report, controls: controls)
        let run: [String: JSONValue] = [
            "tool": .object(["driver": JSONValue.compact([
                "name": .string(report.tool.name.isEmpty ? "bulwark" : report.tool.name),
                "version": .string(report.tool.version),
                "informationUri": informationURI.map(JSONValue.string) ?? .null,
                "rules": .array(rules.descriptors),
            ])]),
            "results": .array(report.findings.map { result($0, rules: rules) }),
            "invocations": .array([invocation(report)]),
            "columnKind": .string("unicodeCodePoints"),
            "properties": .object([
                "schemaVersion": .string(report.schemaVersion),
                "generatedAt": .string(report.generatedAt),
                "objects": .int(report.summary.objects),
                "notAssessed": .array(report.results.filter { $0.status == .notAssessed }
                    .sorted { ControlOrder.precedes($0.control, $1.control) }.map {
                    .object(["control": .string($0.control), "reason": .string($0.reason)])
                }),
            ]),
        ]
        return .object([
            "$schema": .string(Self.schemaURI),
            "version": .string("2.1.0"),
            "runs": .array([.object(run)]),
        ])
    }

    private func result(_ finding: Finding, rules: SARIFRules) -> JSONValue {
        let location = FindingLocation(finding)
        var members: [String: JSONValue] = [
            "ruleId": .string(finding.control),
            "level": .string(SARIFLevel.of(finding.severity)),
            "message": .object(["text": .string(messageText(finding))]),
            "locations": .array([self.location(finding, location)]),
            "partialFingerprints": .object(["bulwarkFinding/v1": .string(fingerprint(finding))]),
            "properties": JSONValue.compact([
                "section": .string(finding.section.id),
                "severity": .string(finding.severity.rawValue),
                "path": .string(finding.path),
                "value": .optional(finding.value),
                "remediation": .string(finding.remediation),
                "document": finding.object?.document.map(JSONValue.int) ?? .null,
            ]),
        ]
        if let index = rules.index(of: finding.control) { members["ruleIndex"] = .int(index) }
        return .object(members)
    }

    /// The message a code-scanning UI shows first: what is wrong and on which object.
    private func messageText(_ finding: Finding) -> String {
        var text = finding.message.isEmpty ? finding.control : finding.message
        if let name = FindingLocation.objectName(finding) { text += " (\(name))" }
        return text
    }

    /// A physical location when the object came from a file, and always logical ones naming the
    /// object and the field so findings from a live cluster still say where they are.
    private func location(_ finding: Finding, _ location: FindingLocation) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if let file = location.file {
            members["physicalLocation"] = .object([
                "artifactLocation": SARIFArtifact.location(file),
                "region": .object(["startLine": .int(max(1, location.line ?? 1))]),
            ])
        } else if location.fromStandardInput {
            // Read from `scan -`: no file to link, but the line still says where in the stream.
            members["physicalLocation"] = .object([
                "artifactLocation": SARIFArtifact.standardInput,
                "region": .object(["startLine": .int(max(1, location.line ?? 1))]),
            ])
        }
        var logical: [JSONValue] = []
        let objectName = FindingLocation.objectName(finding)
        if let objectName {
            logical.append(.object([
                "name": .string(finding.object?.name ?? objectName),
                "fullyQualifiedName": .string(objectName),
                "kind": .string("resource"),
            ]))
        }
        if !finding.path.isEmpty {
            logical.append(.object([
                "name": .string(finding.path),
                "fullyQualifiedName": .string(objectName.map { "\($0)/\(finding.path)" } ?? finding.path),
                "kind": .string("member"),
            ]))
        }
        if !logical.isEmpty { members["logicalLocations"] = .array(logical) }
        return .object(members)
    }

    /// Stable across runs and line moves, so a code-scanning service keeps one alert per problem.
    private func fingerprint(_ finding: Finding) -> String {
        let object = finding.object
        return [finding.control, object?.apiVersion ?? "", object?.kind ?? "", object?.namespace ?? "",
                object?.name ?? "", finding.path].joined(separator: "|")
    }

    private func invocation(_ report: ScanReport) -> JSONValue {
        let notifications: [JSONValue] = report.errors.map { issue in
            var members: [String: JSONValue] = [
                "level": .string(issue.level == .error ? "error" : "warning"),
                "message": .object(["text": .string(issue.message)]),
            ]
            if let file = FindingLocation.openableFile(issue.file) {
                var physical: [String: JSONValue] = ["artifactLocation": SARIFArtifact.location(file)]
                if let line = issue.line { physical["region"] = .object(["startLine": .int(max(1, line))]) }
                members["locations"] = .array([.object(["physicalLocation": .object(physical)])])
            }
            members["properties"] = JSONValue.compact([
                "file": .string(issue.file),
                "document": issue.document.map(JSONValue.int) ?? .null,
            ])
            return .object(members)
        }
        return .object([
            // An unreadable document does not make the run fail: the rest was still scanned. A run
            // that produced no results at all (exit 2 with nothing read) did fail.
            "executionSuccessful": .bool(report.summary.exitCode != 2 || !report.results.isEmpty),
            "exitCode": .int(report.summary.exitCode),
            "toolExecutionNotifications": .array(notifications),
        ])
    }
}
