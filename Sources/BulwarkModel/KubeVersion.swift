/// A Kubernetes minor version (a release line) such as 1.31: what `--kube-version` names, what an
/// image tag or a server version says a component runs, and what CVE ranges and support dates are
/// given per.
public struct KubeVersion: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) { self.major = major; self.minor = minor }

    /// The newest Kubernetes minor this build of Bulwark knows.
    public static let newestKnown = KubeVersion(1, 37)

    /// Reads `1.31`, `v1.31`, `v1.31.4`, and builds such as `v1.30.4-rke2r1-build20240815` or
    /// `v1.31+k3s1`: the digits that start the minor part count.
    public init?(parsing text: String) {
        var t = Substring(text)
        if t.first == "v" { t = t.dropFirst() }
        let parts = t.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1].prefix { $0.isNumber }) else { return nil }
        self.init(major, minor)
    }

    public var description: String { "\(major).\(minor)" }
    public static func < (a: KubeVersion, b: KubeVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
}
