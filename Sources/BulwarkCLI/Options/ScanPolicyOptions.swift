import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkPodSecurity
import BulwarkControls

/// What the scan judges against and when it fails.
struct ScanPolicyOptions: ParsableArguments {
    @Option(name: .customLong("pss-level"), help: "Pod Security Standards level for the S6 checks: baseline or restricted.")
    var pssLevel: String = "restricted"

    @Option(name: .customLong("pss-version"), help: "Pod Security Standards version: v1.0 … v1.37 or latest.")
    var pssVersion: String = "latest"

    @Option(name: .customLong("kube-version"), help: ArgumentHelp(
        "Kubernetes version the manifests target, for removed and deprecated APIs (e.g. 1.31); default: a snapshot's server version, else \(KubeVersion.newestKnown).",
        valueName: "version"))
    var kubeVersion: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding at or above this severity remains: critical, high, medium, low, info.")
    var failOn: Severity = .high

    @Flag(help: "Exit 2 when any input could not be read or any control could not be assessed.")
    var strict = false

    @Option(help: "YAML list of exceptions: {control, kind, namespace, name (glob), reason, expires: YYYY-MM-DD}.")
    var exceptions: String?

    @Option(help: ArgumentHelp("The current time, RFC 3339 (for reproducible runs and tests).", valueName: "time"))
    var now: String?

    func settings(serverVersion: String? = nil) throws -> ScanSettings {
        guard let level = PSSLevel(rawValue: pssLevel), level != .privileged else {
            throw ValidationError("--pss-level must be baseline or restricted, not '\(pssLevel)'.")
        }
        guard let version = PSSVersion(parsing: pssVersion) else {
            throw ValidationError("--pss-version must be v1.N (e.g. v1.30) or latest, not '\(pssVersion)'.")
        }
        let kube: KubeVersion
        if let kubeVersion {
            guard let parsed = KubeVersion(parsing: kubeVersion) else {
                throw ValidationError("--kube-version must look like 1.31, not '\(kubeVersion)'.")
            }
            kube = parsed
        } else {
            kube = serverVersion.flatMap(KubeVersion.init(parsing:)) ?? .newestKnown
        }
        var date = Date()
        if let now {
            guard let parsed = RFC3339.parse(now) else {
                throw ValidationError("--now must be an RFC 3339 time such as 2026-01-31T12:00:00Z, not '\(now)'.")
            }
            date = parsed
        }
        return ScanSettings(pssLevel: level, pssVersion: version, kubeVersion: kube, now: date, serverVersion: serverVersion)
    }
}

extension Severity: ExpressibleByArgument {}
