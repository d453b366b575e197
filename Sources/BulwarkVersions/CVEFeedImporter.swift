import Foundation
import BulwarkModel

/// Reads the official Kubernetes CVE feed (JSON Feed 1.1 as published at
/// https://kubernetes.io/docs/reference/issues-security/official-cve-feed/index.json; format in
/// ../shared/reference/k8s-cves.md §1) into CVE records.
///
/// The feed has no structured versions, components or scores: they are written by hand in each
/// item's `content_text` (the GitHub issue body). `AdvisoryText` reads them with tolerant patterns;
/// what it cannot read stays "unknown" (never judged), and records read only in part are marked
/// uncertain.
public enum CVEFeedImporter {
    public static func importFeed(_ data: Data, path: String) throws -> CVEFeedImport {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw CVEFeedError("\(path) is not JSON: \(error.localizedDescription)")
        }
        if root is [Any] {
            throw CVEFeedError("\(path) is a JSON array: that is the 2022 flat feed format, which carries no advisory text and so no affected versions; use the current feed (official-cve-feed/index.json)")
        }
        guard let envelope = root as? [String: Any] else {
            throw CVEFeedError("\(path) is not a JSON Feed document (expected an object with \"items\")")
        }
        guard let items = envelope["items"] as? [Any] else {
            throw CVEFeedError("\(path) has no \"items\" array: not the official Kubernetes CVE feed")
        }
        let updatedAt = (envelope["_kubernetes_io"] as? [String: Any])?["updated_at"] as? String
        var records: [CVERecord] = []
        var seen: Set<String> = []
        var problems: [String] = []
        for (index, raw) in items.enumerated() {
            do {
                let record = try record(from: raw)
                if seen.contains(record.id) {
                    problems.append("items[\(index)]: \(record.id) appears again; the first entry is kept")
                    continue
                }
                seen.insert(record.id)
                records.append(record)
            } catch {
                problems.append("items[\(index)]: \(error.description)")
            }
        }
        return CVEFeedImport(database: CVEDatabase(records: records, origin: .feed(path: path, updatedAt: updatedAt)),
                             problems: problems, updatedAt: updatedAt)
    }

    static var cveIDPattern: Regex<Substring> { /^CVE-\d{4}-\d{4,}$/ }

    /// One feed item as a record; throws for entries no record can be made of.
    static func record(from raw: Any) throws(CVEFeedError) -> CVERecord {
        guard let item = raw as? [String: Any] else { throw CVEFeedError("not an object") }
        guard let idValue = item["id"] else { throw CVEFeedError("\"id\" is missing") }
        guard let id = idValue as? String else { throw CVEFeedError("\"id\" is not a string") }
        guard id.wholeMatch(of: cveIDPattern) != nil else { throw CVEFeedError("\"id\" \(id) is not a CVE ID") }
        for key in ["summary", "url", "content_text", "status"] {
            if let value = item[key], !(value is String), !(value is NSNull) {
                throw CVEFeedError("\(id): \"\(key)\" is not a string")
            }
        }
        let summary = (item["summary"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let body = item["content_text"] as? String ?? ""
        let status = item["status"] as? String
        let link = item["url"] as? String ?? (item["external_url"] as? String) ?? "https://www.cve.org/CVERecord?id=\(id)"
        let advisory = AdvisoryText(body)
        var notes: [String] = []

        var affected = advisory.affectedVersions
        if status == "unfixed" {
            // Closed as not planned: no fix will ship, whatever versions the text names.
            affected = .allVersions
        }
        if case .unknown = affected, body.isEmpty { affected = .unknown(reason: "the feed entry has no advisory text") }
        if !advisory.unreadLines.isEmpty {
            notes.append("version lines not understood: " + advisory.unreadLines.map { "\"\($0)\"" }.joined(separator: ", "))
        }

        var components = advisory.components
        if components.isEmpty { components = AdvisoryText.componentsMentioned(in: summary) }
        if components.isEmpty {
            components = AdvisoryText.componentsMentioned(in: body)
            if !components.isEmpty { notes.append("components guessed from the advisory text") }
        }

        let severity: Severity
        let cvss = CVSSv3.firstVector(in: body)
        if let cvss {
            severity = CVSSv3.severity(forScore: cvss.baseScore)
        } else if let rated = advisory.ratedSeverity {
            severity = rated
        } else {
            severity = .medium
            notes.append("no CVSS vector or rating found; medium assumed")
        }

        let windowsOnly = summary.range(of: "windows", options: .caseInsensitive) != nil || advisory.saysWindowsOnly
        return CVERecord(
            id: id, title: summary.isEmpty ? "(no summary)" : summary, components: components, severity: severity,
            cvssScore: cvss?.baseScore, cvssVector: cvss?.vector, affected: affected, windowsOnly: windowsOnly,
            mitigation: affected == .allVersions ? "no fixed release: see the advisory's mitigations (\(link))" : nil,
            uncertain: !notes.isEmpty, note: notes.isEmpty ? nil : notes.joined(separator: "; "),
            link: link, status: status)
    }
}
