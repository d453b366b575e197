import BulwarkModel

/// The audit-log report in each output format. JSON is
/// `{"detections": [...], "summary": {...}, "errors": [...]}`.
public enum AuditReportRendering {
    static func m(_ pairs: [(String, Value)]) -> Value {
        .mapping(Mapping(pairs.map { Mapping.Entry(key: $0.0, value: $0.1) }))
    }

    static func objectRef(_ r: AuditEvent.ObjectRef) -> Value {
        var pairs: [(String, Value)] = []
        for (k, v) in [("resource", r.resource), ("subresource", r.subresource), ("namespace", r.namespace),
                       ("name", r.name), ("apiGroup", r.apiGroup), ("apiVersion", r.apiVersion)] where !v.isEmpty {
            pairs.append((k, .string(v)))
        }
        return m(pairs)
    }

    public static func detectionValue(_ d: AuditDetection) -> Value {
        var pairs: [(String, Value)] = [
            ("rule", .string(d.rule)), ("severity", .string(d.severity.rawValue)), ("section", .string(d.section.id)),
            ("auditID", d.auditID.map(Value.string) ?? .null), ("stageTimestamp", .string(d.stageTimestamp)),
            ("user", .string(d.user)), ("sourceIPs", .array(d.sourceIPs.map(Value.string))), ("verb", .string(d.verb)),
            ("objectRef", objectRef(d.objectRef)), ("responseCode", d.responseCode.map(Value.int) ?? .null),
            ("message", .string(d.message)),
        ]
        if let count = d.count { pairs.append(("count", .int(count))) }
        pairs.append(("file", .string(d.file)))
        pairs.append(("line", .int(d.line)))
        return m(pairs)
    }

    public static func json(_ report: AuditReport, rules: [AuditRule]) -> String {
        var byRule: [String: Int] = [:], bySeverity: [String: Int] = [:]
        for d in report.detections { byRule[d.rule, default: 0] += 1; bySeverity[d.severity.rawValue, default: 0] += 1 }
        let summary = m([
            ("events", .int(report.eventsRead)),
            ("duplicateStages", .int(report.duplicateStages)),
            ("outsideTimeRange", .int(report.outsideTimeRange)),
            ("detections", .int(report.detections.count)),
            ("byRule", m(byRule.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("bySeverity", m(Severity.allCases.reversed().compactMap { s in bySeverity[s.rawValue].map { (s.rawValue, .int($0)) } })),
            ("excepted", m(report.excepted.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("expiredExceptions", .array(report.expiredExceptions.map(Value.string))),
            ("rules", .int(rules.count)),
            ("inputs", .int(report.inputs)),
        ])
        let errors: [Value] = report.errors.map { e in
            m([("file", .string(e.file)), ("line", e.line.map(Value.int) ?? .null), ("message", .string(e.message))])
        }
        return m([("detections", .array(report.detections.map(detectionValue))), ("summary", summary), ("errors", .array(errors))]).jsonText + "\n"
    }

    public static func ruleValue(_ r: AuditRule) -> Value {
        var refs: [(String, Value)] = []
        for (k, v) in r.references.sorted(by: { $0.key < $1.key }) { refs.append((k, .array(v.map(Value.string)))) }
        var pairs: [(String, Value)] = [
            ("id", .string(r.id)), ("title", .string(r.title)), ("severity", .string(r.severity.rawValue)),
            ("section", .string(r.section.id)), ("remediation", .string(r.remediation)), ("references", m(refs)),
            ("excludesKubernetesIdentities", .bool(r.excludesKubernetesIdentities)),
        ]
        if case .burst(let b) = r.judgement {
            pairs.append(("burst", m([("windowSeconds", .int(Int(b.window))), ("threshold", .int(b.threshold))])))
        }
        return m(pairs)
    }

    public static func rulesJSON(_ rules: [AuditRule]) -> String {
        m([("rules", .array(rules.map(ruleValue)))]).jsonText + "\n"
    }

    public static func rulesTable(_ rules: [AuditRule]) -> String {
        var out = ""
        for r in rules {
            out += "\(r.id)  \(r.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(r.title)"
            if r.excludesKubernetesIdentities { out += "  [Kubernetes' own identities excluded]" }
            out += "\n"
        }
        return out
    }

    private static func grouped(_ report: AuditReport, rules: [AuditRule]) -> [(AuditRule, [AuditDetection])] {
        rules.compactMap { rule in
            let ds = report.detections.filter { $0.rule == rule.id }
            return ds.isEmpty ? nil : (rule, ds)
        }.sorted { ($0.0.severity, $1.0.id) > ($1.0.severity, $0.0.id) }
    }

    /// Plain text, grouped by rule (highest severity first).
    public static func table(_ report: AuditReport, rules: [AuditRule], limitPerRule: Int = 20) -> String {
        var out = ""
        for (rule, ds) in grouped(report, rules: rules) {
            out += "\(rule.severity.rawValue.uppercased())  \(rule.id)  \(rule.title)  (\(ds.count))\n"
            for d in ds.prefix(limitPerRule) {
                out += "  \(d.stageTimestamp.isEmpty ? "-" : d.stageTimestamp)  \(d.message)  [\(d.file):\(d.line)]\n"
            }
            if ds.count > limitPerRule { out += "  … and \(ds.count - limitPerRule) more (-o json lists every one)\n" }
            out += "  Fix: \(rule.remediation)\n\n"
        }
        out += summaryLine(report)
        for e in report.errors.prefix(20) { out += "error: \(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.message)\n" }
        if report.errors.count > 20 { out += "… and \(report.errors.count - 20) more errors (-o json lists every one)\n" }
        return out
    }

    static func summaryLine(_ report: AuditReport) -> String {
        var s = "\(report.eventsRead) events read, \(report.detections.count) detections"
        if report.duplicateStages > 0 { s += ", \(report.duplicateStages) repeated stages counted once" }
        if report.outsideTimeRange > 0 { s += ", \(report.outsideTimeRange) outside --since/--until" }
        let excepted = report.excepted.values.reduce(0, +)
        if excepted > 0 { s += ", \(excepted) hidden by exceptions" }
        if !report.errors.isEmpty { s += ", \(report.errors.count) input errors" }
        return s + "\n"
    }

    private static func md(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    public static func markdown(_ report: AuditReport, rules: [AuditRule]) -> String {
        var out = "# bulwark audit-log\n\n" + summaryLine(report) + "\n"
        for (rule, ds) in grouped(report, rules: rules) {
            out += "## \(rule.id) \(md(rule.title)) (\(rule.severity.rawValue), \(ds.count))\n\n"
            out += "| Time | User | Message | Where |\n|---|---|---|---|\n"
            for d in ds { out += "| \(md(d.stageTimestamp)) | \(md(d.user)) | \(md(d.message)) | \(md(d.file)):\(d.line) |\n" }
            out += "\n**Fix:** \(md(rule.remediation))\n\n"
        }
        if !report.errors.isEmpty {
            out += "## Input errors\n\n"
            for e in report.errors { out += "- \(md(e.file))\(e.line.map { ":\($0)" } ?? ""): \(md(e.message))\n" }
        }
        return out
    }

    public static func sarif(_ report: AuditReport, rules: [AuditRule], version: String) -> String {
        func level(_ s: Severity) -> String {
            switch s { case .critical, .high: return "error"; case .medium: return "warning"; case .low, .info: return "note" }
        }
        let used = Set(report.detections.map(\.rule))
        let descriptors: [Value] = rules.filter { used.contains($0.id) }.map { r in
            m([("id", .string(r.id)), ("name", .string(r.id)), ("shortDescription", m([("text", .string(r.title))])),
               ("help", m([("text", .string(r.remediation))])),
               ("defaultConfiguration", m([("level", .string(level(r.severity)))])),
               ("properties", m([("severity", .string(r.severity.rawValue)), ("section", .string(r.section.id))]))])
        }
        let results: [Value] = report.detections.map { d in
            m([("ruleId", .string(d.rule)), ("level", .string(level(d.severity))), ("message", m([("text", .string(d.message))])),
               ("locations", .array([m([("physicalLocation", m([
                   ("artifactLocation", m([("uri", .string(d.file))])),
                   ("region", m([("startLine", .int(max(1, d.line)))])),
               ]))])])),
               ("properties", m([("auditID", d.auditID.map(Value.string) ?? .null), ("user", .string(d.user))]))])
        }
        let notifications: [Value] = report.errors.map { e in
            var loc: [(String, Value)] = [("artifactLocation", m([("uri", .string(e.file))]))]
            if let line = e.line { loc.append(("region", m([("startLine", .int(max(1, line)))]))) }
            return m([("level", .string("error")), ("message", m([("text", .string(e.message))])),
                      ("locations", .array([m([("physicalLocation", m(loc))])]))])
        }
        let run = m([
            ("tool", m([("driver", m([("name", .string("bulwark")), ("version", .string(version)), ("rules", .array(descriptors))]))])),
            ("results", .array(results)),
            ("invocations", .array([m([("executionSuccessful", .bool(report.inputsRead > 0)),
                                       ("toolExecutionNotifications", .array(notifications))])])),
        ])
        return m([("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")), ("version", .string("2.1.0")),
                  ("runs", .array([run]))]).jsonText + "\n"
    }
}
