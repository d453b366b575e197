import Foundation
import BulwarkModel

/// Two scans compared finding by finding (`bulwark diff`, `scan --baseline`): "what did this change
/// make worse". A finding is keyed by control, object (apiVersion-free: kind, namespace, name) and
/// field path, so a reformatted file (lines moved) or a reworded message is still the same finding;
/// repeated keys are matched as many times as they occur. A finding is incomparable — neither new
/// nor resolved — when its control was not assessed in the other scan: that scan could not see it
/// (a kind it could not read, an input kind it was not given).
public struct ReportDiff: Sendable, Encodable {
    public struct Summary: Sendable, Encodable, Equatable {
        public var new = 0, resolved = 0, unchanged = 0, incomparable = 0
    }

    public struct Entry: Sendable, Encodable {
        public var control: String
        public var severity: Severity
        public var object: ObjectReference?
        public var path: String
        public var value: String?
        public var message: String
        /// For incomparable findings: why.
        public var reason: String?
    }

    public var summary = Summary()
    public var new: [Entry] = []
    public var resolved: [Entry] = []
    public var unchanged: [Entry] = []
    public var incomparable: [Entry] = []

    /// Keyed on redacted text: a report read back from JSON carries its names redacted, the scan
    /// in memory does not (`scan --baseline` compares the two), and redaction is idempotent.
    struct Key: Hashable {
        var control: String, kind: String, namespace: String, name: String, path: String

        init(_ f: Finding) {
            control = f.control
            kind = CredentialRedaction.redact(text: f.object?.kind ?? "")
            namespace = CredentialRedaction.redact(text: f.object?.namespace ?? "")
            name = CredentialRedaction.redact(text: f.object?.name ?? "")
            path = CredentialRedaction.redact(text: f.path)
        }
    }

    public init(old: ScanReport, new newReport: ScanReport) {
        let oldAssessed = Self.assessed(old), newAssessed = Self.assessed(newReport)
        var remaining: [Key: [Finding]] = [:]
        for f in old.findings { remaining[Key(f), default: []].append(f) }
        for f in newReport.findings {
            let key = Key(f)
            if var matches = remaining[key], !matches.isEmpty {
                matches.removeFirst()
                remaining[key] = matches
                unchanged.append(Self.entry(f))
            } else if let reason = Self.unseen(f.control, in: oldAssessed, "old") {
                incomparable.append(Self.entry(f, reason: reason))
            } else {
                new.append(Self.entry(f))
            }
        }
        for f in old.findings {
            let key = Key(f)
            guard var left = remaining[key], !left.isEmpty else { continue }
            left.removeFirst()
            remaining[key] = left
            if let reason = Self.unseen(f.control, in: newAssessed, "new") {
                incomparable.append(Self.entry(f, reason: reason))
            } else {
                resolved.append(Self.entry(f))
            }
        }
        summary = Summary(new: new.count, resolved: resolved.count, unchanged: unchanged.count, incomparable: incomparable.count)
    }

    /// Why the other scan could not have seen a finding of `control`, or nil when it could.
    static func unseen(_ control: String, in assessed: [String: Bool], _ which: String) -> String? {
        switch assessed[control] {
        case true?: return nil
        case false?: return "\(control) was not assessed in the \(which) scan"
        case nil: return "the \(which) scan has no result for \(control)"
        }
    }

    /// Whether each control of a report was assessed (pass or fail).
    static func assessed(_ report: ScanReport) -> [String: Bool] {
        var out: [String: Bool] = [:]
        for r in report.results { out[r.control] = r.status != .notAssessed }
        return out
    }

    static func entry(_ f: Finding, reason: String? = nil) -> Entry {
        Entry(control: f.control, severity: f.severity, object: f.object, path: f.path, value: f.value,
              message: f.message, reason: reason)
    }

    /// Reads a JSON report written by `bulwark scan -o json`.
    public static func load(_ path: String) throws -> ScanReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(path: path, message: "cannot read the file")
        }
        do {
            let report = try JSONDecoder().decode(ScanReport.self, from: data)
            guard report.schemaVersion == ScanReport.currentSchemaVersion else {
                throw LoadError(path: path, message: "schema \(report.schemaVersion) is not \(ScanReport.currentSchemaVersion)")
            }
            // The document a failed scan prints (exit 2) has no results: compared with it, every
            // finding would be incomparable and a pull request's check would pass on no facts.
            guard !report.results.isEmpty else {
                let why = report.errors.first.map { ": \($0.message)" } ?? ""
                throw LoadError(path: path, message: "holds no control results; the scan that wrote it failed (exit \(report.summary.exitCode))\(why)")
            }
            return report
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(path: path, message: "not a Bulwark JSON report (write one with `bulwark scan -o json`): \(Self.describe(error))")
        }
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// A decoding error in a sentence, without the value that failed (reports never hold secrets,
    /// but a wrong file might).
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(Self.path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(Self.path(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(Self.path(context.codingPath))"
        default:
            return "unreadable"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
    }

    // MARK: Rendering

    public func json() throws -> String { try JSONRenderer.encode(self) + "\n" }

    /// A pull-request comment: the verdict first, then new findings (the ones to act on), then
    /// resolved and incomparable ones; unchanged ones are only counted.
    public func markdown() -> String {
        var out = ["## Bulwark: what this change does to the cluster's security", ""]
        out.append("**\(summary.new) new**, \(summary.resolved) resolved, \(summary.unchanged) unchanged, \(summary.incomparable) incomparable.")
        out.append("")
        func table(_ title: String, _ entries: [Entry], withReason: Bool = false) {
            guard !entries.isEmpty else { return }
            out.append("### \(title)")
            out.append("")
            out.append(withReason ? "| Control | Severity | Object | Field | Why incomparable |" : "| Control | Severity | Object | Field | Message |")
            out.append("| --- | --- | --- | --- | --- |")
            for e in entries {
                let last = withReason ? (e.reason ?? "") : e.message
                out.append("| \(MarkdownText.inline(e.control)) | \(e.severity.rawValue) | \(MarkdownText.inline(e.object?.displayName ?? "(cluster)")) | \(MarkdownText.code(e.path)) | \(MarkdownText.inline(last)) |")
            }
            out.append("")
        }
        table("New findings", new)
        table("Resolved findings", resolved)
        table("Incomparable findings", incomparable, withReason: true)
        return out.joined(separator: "\n") + "\n"
    }

    public func table(width: Int) -> String {
        var lines = ["Diff: \(summary.new) new, \(summary.resolved) resolved, \(summary.unchanged) unchanged, \(summary.incomparable) incomparable"]
        for (title, entries) in [("NEW", new), ("RESOLVED", resolved), ("INCOMPARABLE", incomparable)] where !entries.isEmpty {
            lines.append("")
            lines.append("\(title) (\(entries.count))")
            for e in entries {
                let head = "  \(e.control)  \(e.severity.rawValue)  \(e.object?.displayName ?? "(cluster)")  \(e.path)"
                lines += TerminalText.wrap(TerminalText.line(head), width: width, first: 0, hanging: 6)
                let detail = e.reason ?? e.message
                lines += TerminalText.wrap(TerminalText.line(detail), width: width, first: 6, hanging: 6).enumerated().map { $0 == 0 ? "      " + $1 : $1 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
