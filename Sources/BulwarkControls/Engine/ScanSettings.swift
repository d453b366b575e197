import Foundation
import BulwarkModel
import BulwarkPodSecurity
import BulwarkVersions

/// The settings that change what controls conclude.
public struct ScanSettings: Sendable {
    /// PSS level and version the S6 Pod Security controls evaluate at.
    public var pssLevel: PSSLevel
    public var pssVersion: PSSVersion
    /// The Kubernetes version the manifests are meant for (S13 removed/deprecated APIs).
    public var kubeVersion: KubeVersion
    /// The current time, or `--now` for reproducible runs.
    public var now: Date
    /// The API server's version as it reports it (`v1.31.4`), from a snapshot or a live cluster;
    /// nil for manifests.
    public var serverVersion: String?
    /// The CVE database the S17 controls judge versions against: an imported feed, or nil for
    /// the bundled table.
    public var cveDatabase: CVEDatabase? = nil

    public init(pssLevel: PSSLevel = .restricted, pssVersion: PSSVersion = .latest,
                kubeVersion: KubeVersion = .newestKnown, now: Date = Date(), serverVersion: String? = nil) {
        self.pssLevel = pssLevel; self.pssVersion = pssVersion; self.kubeVersion = kubeVersion; self.now = now
        self.serverVersion = serverVersion
    }
}

/// A Kubernetes minor version such as 1.31.
public struct KubeVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) { self.major = major; self.minor = minor }

    /// The newest Kubernetes minor this build of Bulwark knows.
    public static let newestKnown = KubeVersion(1, 37)

    /// Accepts `1.31`, `v1.31`, `v1.31.4`.
    public init?(parsing text: String) {
        var t = Substring(text)
        if t.first == "v" { t = t.dropFirst() }
        let parts = t.split(separator: ".")
        guard parts.count >= 2, let ma = Int(parts[0]), let mi = Int(parts[1]) else { return nil }
        self.init(ma, mi)
    }

    public var description: String { "\(major).\(minor)" }
    public static func < (a: KubeVersion, b: KubeVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
}
