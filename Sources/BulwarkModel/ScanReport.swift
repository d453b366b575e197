import Foundation

/// Everything one scan produced; every renderer works from this value alone. Its JSON form is the
/// documented, versioned schema (README "JSON schema").
public struct ScanReport: Sendable, Codable {
    /// Bumped on any incompatible change to the JSON form.
    public static let currentSchemaVersion = "bulwark.io/report/v1"

    public var schemaVersion: String
    public var tool: Tool
    public var generatedAt: String
    public var settings: Settings
    public var summary: Summary
    public var findings: [Finding]
    public var results: [ControlResult]
    public var exceptions: [ExceptionUse]
    public var errors: [InputIssue]
    public var security: SecurityContacts

    public struct Tool: Sendable, Codable {
        public var name: String
        public var version: String
        public init(name: String = "bulwark", version: String) { self.name = name; self.version = version }
    }

    public struct Settings: Sendable, Codable {
        public var pssLevel: String
        public var pssVersion: String
        public var kubeVersion: String
        public var failOn: Severity
        public init(pssLevel: String, pssVersion: String, kubeVersion: String, failOn: Severity) {
            self.pssLevel = pssLevel; self.pssVersion = pssVersion; self.kubeVersion = kubeVersion; self.failOn = failOn
        }
    }

    public struct Counts: Sendable, Codable, Equatable {
        public var pass = 0
        public var fail = 0
        public var notAssessed = 0
        public init() {}
        enum CodingKeys: String, CodingKey { case pass, fail, notAssessed = "not_assessed" }
        public mutating func add(_ status: ResultStatus) {
            switch status {
            case .pass: pass += 1
            case .fail: fail += 1
            case .notAssessed: notAssessed += 1
            }
        }
    }

    public struct SectionSummary: Sendable, Codable {
        public var section: GuideSection
        public var title: String
        public var counts: Counts
        /// Share of assessed controls that pass, 0–100; nil when nothing in the section was assessed.
        public var score: Int?
        public init(section: GuideSection, counts: Counts) {
            self.section = section
            self.title = section.title
            self.counts = counts
            let assessed = counts.pass + counts.fail
            self.score = assessed == 0 ? nil : Int((Double(counts.pass) * 100 / Double(assessed)).rounded())
        }
    }

    public struct Summary: Sendable, Codable {
        /// Objects read (a List's items count, the List itself does not).
        public var objects: Int
        public var results: Counts
        /// Findings per severity (after exceptions).
        public var findings: [String: Int]
        public var sections: [SectionSummary]
        public var exitCode: Int
        /// Seconds from the start of reading to the end of the controls, when the command measured it.
        public var durationSeconds: Double?
    }

    /// An exception that matched (or would have, had it not expired).
    public struct ExceptionUse: Sendable, Codable, Hashable {
        public enum Status: String, Sendable, Codable { case applied, expired }
        public var control: String
        public var object: ObjectReference?
        public var path: String
        public var source: String
        public var reason: String
        public var expires: String?
        public var status: Status
        public init(control: String, object: ObjectReference?, path: String, source: String, reason: String,
                    expires: String?, status: Status) {
            self.control = control; self.object = object; self.path = path; self.source = source
            self.reason = reason; self.expires = expires; self.status = status
        }
    }

    /// S17: every report ends with where to subscribe for announcements and how to report a vulnerability.
    public struct SecurityContacts: Sendable, Codable {
        public var announcements = "https://groups.google.com/g/kubernetes-security-announce"
        public var reportVulnerability = "https://kubernetes.io/docs/reference/issues-security/security/"
        public init() {}
    }

    public init(toolVersion: String, generatedAt: Date, settings: Settings, objects: Int,
                findings: [Finding], results: [ControlResult], exceptions: [ExceptionUse],
                errors: [InputIssue], exitCode: Int) {
        self.schemaVersion = Self.currentSchemaVersion
        self.tool = Tool(version: toolVersion)
        self.generatedAt = RFC3339.format(generatedAt)
        self.settings = settings
        self.findings = findings
        self.results = results
        self.exceptions = exceptions
        self.errors = errors
        self.security = SecurityContacts()
        var counts = Counts()
        var perSection: [GuideSection: Counts] = [:]
        for r in results {
            counts.add(r.status)
            perSection[r.section, default: Counts()].add(r.status)
        }
        var bySeverity: [String: Int] = [:]
        for s in Severity.allCases { bySeverity[s.rawValue] = 0 }
        for f in findings { bySeverity[f.severity.rawValue, default: 0] += 1 }
        self.summary = Summary(
            objects: objects, results: counts, findings: bySeverity,
            sections: perSection.keys.sorted().map { SectionSummary(section: $0, counts: perSection[$0] ?? Counts()) },
            exitCode: exitCode)
    }
}
