/// A Kubernetes release line (minor version) such as 1.31: patches of one line receive the same
/// backported fixes, so CVE ranges and support dates are given per line.
public struct ReleaseLineID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) { self.major = major; self.minor = minor }

    /// Accepts `1.31`, `v1.31`, `v1.31.4`.
    public init?(parsing text: String) {
        var t = Substring(text)
        if t.first == "v" { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let ma = Int(parts[0]), let mi = Int(parts[1]) else { return nil }
        self.init(ma, mi)
    }

    /// The first release of the line, `1.31.0`.
    public var firstRelease: KubernetesVersion { KubernetesVersion(major, minor, 0) }

    public var description: String { "\(major).\(minor)" }
    public static func < (a: ReleaseLineID, b: ReleaseLineID) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
}
