import Foundation

/// A set of Kubernetes CVE records and where they came from: the table compiled into Bulwark, or
/// the official feed a user imported with `bulwark cve update`.
public struct CVEDatabase: Sendable {
    public enum Origin: Sendable, Hashable {
        case bundled(asOf: String)
        /// The imported feed file and its `_kubernetes_io.updated_at`, when present.
        case feed(path: String, updatedAt: String?)
    }

    public var records: [CVERecord]
    public var origin: Origin

    public init(records: [CVERecord], origin: Origin) {
        self.records = records
        self.origin = origin
    }

    /// The table compiled from `../shared/reference/k8s-cves.md` (see `BundledCVEs`).
    public static let bundled = CVEDatabase(records: BundledCVEs.records, origin: .bundled(asOf: BundledCVEs.asOf))

    /// For reasons and listings: `the bundled CVE database (data as of 2026-09)`,
    /// `the imported Kubernetes CVE feed (/path, updated 2026-09-20T…)`.
    public var originDescription: String {
        switch origin {
        case .bundled(let asOf):
            return "the bundled CVE database (data as of \(asOf))"
        case .feed(let path, let updatedAt):
            return "the imported Kubernetes CVE feed (\(path)\(updatedAt.map { ", updated \($0)" } ?? ""))"
        }
    }

    /// For finding messages: `bundled CVE data as of 2026-09`, `imported CVE feed updated 2026-09-20T…`.
    public var shortOriginDescription: String {
        switch origin {
        case .bundled(let asOf): return "bundled CVE data as of \(asOf)"
        case .feed(_, let updatedAt): return "imported CVE feed" + (updatedAt.map { " updated \($0)" } ?? "")
        }
    }

    public func record(id: String) -> CVERecord? { records.first { $0.id == id } }

    /// The CVEs that affect `version` for any of `components`. `operatingSystem` is a node's
    /// `status.nodeInfo.operatingSystem`: Windows-only CVEs are skipped on other systems and kept,
    /// marked, when it is unknown.
    public func assess(_ version: KubernetesVersion, components: Set<KubernetesComponent>,
                       operatingSystem: String? = nil) -> CVEAssessment {
        var result = CVEAssessment(version: version, components: components, affected: [], unfixed: [],
                                   unassessed: [], considered: 0)
        let os = operatingSystem?.lowercased()
        for record in records where record.concerns(components) {
            result.considered += 1
            if record.windowsOnly, let os, !os.isEmpty, os != "windows" { continue }
            if record.components.isEmpty {
                result.unassessed.append(record)
                continue
            }
            switch record.affected.verdict(for: version) {
            case .notAffected:
                continue
            case .unknown:
                result.unassessed.append(record)
            case .affected(let fixedIn):
                if record.isUnfixed {
                    result.unfixed.append(record)
                } else {
                    result.affected.append(CVEMatch(
                        record: record, fixedIn: fixedIn,
                        fixedInNewerLine: fixedIn == nil ? record.affected.firstFix(after: version.line) : nil,
                        operatingSystemUnknown: record.windowsOnly && (os ?? "").isEmpty))
                }
            }
        }
        return result
    }
}
