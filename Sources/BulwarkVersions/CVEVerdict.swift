/// What the database says about one CVE and one version.
public enum CVEVerdict: Sendable, Hashable {
    /// Affected; `fixedIn` is the fixed release of the same line, nil when that line has none.
    case affected(fixedIn: KubernetesVersion?)
    case notAffected
    /// The entry has no version data Bulwark could read.
    case unknown(String)

    public var isAffected: Bool { if case .affected = self { return true }; return false }
}
