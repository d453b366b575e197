/// One CVE that affects a version, with the release of the same line that fixes it.
public struct CVEMatch: Sendable, Hashable {
    public var record: CVERecord
    /// Nil when no release of the version's line fixes it.
    public var fixedIn: KubernetesVersion?
    /// When the line has no fix: the oldest fixed release of a newer line.
    public var fixedInNewerLine: KubernetesVersion?
    /// The node's OS was not reported, so a Windows-only CVE may not apply.
    public var operatingSystemUnknown: Bool

    /// `upgrade to 1.30.3`, `no 1.21 release fixes it; 1.22.14 and later do`.
    public func upgradeAdvice(for version: KubernetesVersion) -> String {
        if let fixedIn { return "fixed in \(fixedIn.upstreamDescription)" }
        if let fixedInNewerLine {
            return "no \(version.line) release fixes it; \(fixedInNewerLine.upstreamDescription) and later lines do"
        }
        return "no fixed release"
    }
}
