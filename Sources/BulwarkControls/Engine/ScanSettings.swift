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
    /// How close to its notAfter a certificate is reported as expiring (S14): 30 days.
    public var certificateExpiryWarning: TimeInterval = 30 * 86_400

    public init(pssLevel: PSSLevel = .restricted, pssVersion: PSSVersion = .latest,
                kubeVersion: KubeVersion = .newestKnown, now: Date = Date(), serverVersion: String? = nil) {
        self.pssLevel = pssLevel; self.pssVersion = pssVersion; self.kubeVersion = kubeVersion; self.now = now
        self.serverVersion = serverVersion
    }
}
