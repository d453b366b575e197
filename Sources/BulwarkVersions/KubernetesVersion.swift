import BulwarkModel
import Foundation

/// A Kubernetes release version as components report it (`/version` gitVersion, a Node's
/// `kubeletVersion`): `v1.31.4`, `v1.10.0-beta.3`, and distribution builds such as
/// `v1.29.3-eks-abc`, `v1.28.3-gke.1286000`, `v1.30.1+k3s1`, `v1.27.6+rke2r1`.
///
/// Only the upstream part (major.minor.patch and an `alpha`/`beta`/`rc` pre-release) takes part in
/// ordering and equality: the CVE data speaks of upstream releases. The distribution suffix is kept
/// so that messages can say that a vendor may have backported fixes into its build.
public struct KubernetesVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Upstream pre-release identifiers, e.g. `["beta", "3"]`; empty for a release.
    public var prerelease: [String]
    /// A distribution's suffix (`eks-abc`, `gke.1286000`, `k3s1`), nil for an upstream build.
    public var distribution: String?

    public init(_ major: Int, _ minor: Int, _ patch: Int, prerelease: [String] = [], distribution: String? = nil) {
        self.major = major; self.minor = minor; self.patch = patch
        self.prerelease = prerelease; self.distribution = distribution
    }

    /// Parses `v1.31.4`, `1.31.4`, `v1.10.0-beta.3`, `v1.29.3-eks-abc`, `v1.30.1+k3s1`. A patch
    /// number is required: without it no CVE range can be judged.
    public init?(parsing text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        var distribution: [Substring] = []
        // `+…` is build metadata; distributions (k3s, rke2, OpenShift) put their build there.
        if let plus = rest.firstIndex(of: "+") {
            distribution.append(rest[rest.index(after: plus)...])
            rest = rest[..<plus]
        }
        var suffix: Substring = ""
        if let dash = rest.firstIndex(of: "-") {
            suffix = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, let ma = Self.number(numbers[0]), let mi = Self.number(numbers[1]),
              let pa = Self.number(numbers[2]) else { return nil }
        var prerelease: [String] = []
        if !suffix.isEmpty {
            // `beta.3`, `rc.1`, `alpha.0` are upstream pre-releases; anything else (`eks-abc`,
            // `gke.1286000`) is a distribution's build. A pre-release may itself carry a vendor tail.
            let parts = suffix.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            if let stage = parts.first, ["alpha", "beta", "rc"].contains(stage) {
                // Upstream always numbers them (`beta.0`); a bare `-beta` is no Kubernetes release.
                guard parts.count == 2 else { return nil }
                let digits = parts[1].prefix(while: \.isNumber)
                guard !digits.isEmpty else { return nil }
                prerelease = [String(stage), String(digits)]
                let tail = parts[1].dropFirst(digits.count).drop(while: { $0 == "-" || $0 == "." })
                if !tail.isEmpty { distribution.insert(tail, at: 0) }
            } else {
                distribution.insert(suffix, at: 0)
            }
        }
        self.init(ma, mi, pa, prerelease: prerelease,
                  distribution: distribution.isEmpty ? nil : distribution.joined(separator: "+"))
    }

    private static func number(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber) else { return nil }
        return Int(s)
    }

    /// The release line (minor version) this version belongs to.
    public var line: KubeVersion { KubeVersion(major, minor) }

    /// The upstream version without a distribution suffix.
    public var upstream: KubernetesVersion { KubernetesVersion(major, minor, patch, prerelease: prerelease) }

    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// `1.31.4`, `1.10.0-beta.3` (upstream only; `v` left out so that messages can add it).
    public var upstreamDescription: String {
        "\(major).\(minor).\(patch)" + (prerelease.isEmpty ? "" : "-" + prerelease.joined(separator: "."))
    }

    /// As given, normalised: `v1.29.3-eks-abc`.
    public var description: String {
        "v" + upstreamDescription + (distribution.map { "-\($0)" } ?? "")
    }

    public static func == (a: KubernetesVersion, b: KubernetesVersion) -> Bool {
        (a.major, a.minor, a.patch) == (b.major, b.minor, b.patch) && a.prerelease == b.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major); hasher.combine(minor); hasher.combine(patch); hasher.combine(prerelease)
    }

    /// Semantic-version precedence: a pre-release sorts before its release; identifiers compare
    /// numerically when both are numbers, else as text (`alpha` < `beta` < `rc`).
    public static func < (a: KubernetesVersion, b: KubernetesVersion) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) {
            return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
        }
        switch (a.prerelease.isEmpty, b.prerelease.isEmpty) {
        case (true, true), (true, false): return false
        case (false, true): return true
        case (false, false): break
        }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            if let i = Int(x), let j = Int(y) { return i < j }
            return x < y
        }
        return a.prerelease.count < b.prerelease.count
    }
}
