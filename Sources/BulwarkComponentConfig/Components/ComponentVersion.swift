/// A Kubernetes minor version (1.30), as read from a component's image tag or given by the scan.
public struct ComponentVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) { self.major = major; self.minor = minor }

    /// Reads `1.30`, `v1.30.2`, `v1.30.4-rke2r1-build20240815`, `v1.31.0+k3s1`.
    public init?(parsing text: String) {
        var t = Substring(text)
        if t.first == "v" { t = t.dropFirst() }
        let parts = t.split(separator: ".", maxSplits: 2)
        guard parts.count >= 2, let major = Int(parts[0]) else { return nil }
        let minorDigits = parts[1].prefix { $0.isNumber }
        guard let minor = Int(minorDigits) else { return nil }
        self.init(major, minor)
    }

    /// The Kubernetes version in a container image tag, when the image is a Kubernetes build
    /// (`registry.k8s.io/kube-apiserver:v1.30.2`, RKE2's `rancher/hardened-kubernetes:v1.30.4-rke2r1-…`).
    /// etcd images carry etcd's own version and give none.
    public static func fromImage(_ image: String) -> ComponentVersion? {
        guard let colon = image.lastIndex(of: ":") else { return nil }
        let repository = image[..<colon]
        let tag = image[image.index(after: colon)...]
        guard !tag.contains("/"), !repository.hasSuffix("etcd"), tag.first == "v" else { return nil }
        guard let version = ComponentVersion(parsing: String(tag)), version.major == 1 else { return nil }
        return version
    }

    public var description: String { "\(major).\(minor)" }
    public static func < (a: ComponentVersion, b: ComponentVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
}
