import BulwarkModel

/// Which versions a CVE affects.
///
/// `ranges`: per listed release line, the affected patches and the fix; lines older than the
/// oldest listed one are affected as `olderLines` says (advisories write "<= v1.19.14" meaning
/// every older line too); lines newer than the newest listed one are not affected (they shipped
/// with the fix). A line missing between listed lines counts as affected without a fix, since
/// silence in an advisory is no evidence of safety.
public enum AffectedVersions: Sendable, Hashable {
    case ranges([AffectedLine], olderLines: OlderLines)
    /// No fixed version exists; every version is affected and only mitigations help.
    case allVersions
    /// The source gave no version information Bulwark could read; never judged either way.
    case unknown(reason: String)

    public enum OlderLines: Sendable, Hashable {
        case notAffected
        case all
        /// Affected from this line up to the oldest listed one (`1.8.0 through 1.25.15`).
        case from(KubeVersion)
    }

    /// What this says about `version`.
    public func verdict(for version: KubernetesVersion) -> CVEVerdict {
        switch self {
        case .allVersions:
            return .affected(fixedIn: nil)
        case .unknown(let reason):
            return .unknown(reason)
        case .ranges(let lines, let older):
            guard let oldest = lines.map(\.line).min(), let newest = lines.map(\.line).max() else {
                return older == .notAffected ? .notAffected : .affected(fixedIn: nil)
            }
            let line = version.line
            if let entry = lines.first(where: { $0.line == line }) {
                return entry.contains(version) ? .affected(fixedIn: entry.fixed) : .notAffected
            }
            if line > newest { return .notAffected }
            if line < oldest {
                switch older {
                case .notAffected: return .notAffected
                case .all: return .affected(fixedIn: nil)
                case .from(let first): return line >= first ? .affected(fixedIn: nil) : .notAffected
                }
            }
            return .affected(fixedIn: nil)
        }
    }

    /// The fixed versions listed, oldest first.
    public var fixedVersions: [KubernetesVersion] {
        guard case .ranges(let lines, _) = self else { return [] }
        return lines.compactMap(\.fixed).sorted()
    }

    /// The oldest release that fixes it on a line newer than `line`, for "upgrade to …" advice
    /// when `line` itself has no fix.
    public func firstFix(after line: KubeVersion) -> KubernetesVersion? {
        guard case .ranges(let lines, _) = self else { return nil }
        if let fixed = lines.filter({ $0.line > line }).compactMap(\.fixed).min() { return fixed }
        // Newer lines than any listed one ship fixed from their first release.
        guard let newest = lines.map(\.line).max(), newest >= line else { return nil }
        return KubeVersion(newest.major, newest.minor + 1).firstRelease
    }
}
