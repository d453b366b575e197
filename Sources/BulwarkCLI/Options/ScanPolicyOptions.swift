import ArgumentParser
import Foundation
import BulwarkModel
import BulwarkPodSecurity
import BulwarkControls

/// What workloads and manifests are judged against: the Pod Security Standards level and
/// version, and the Kubernetes version for removed and deprecated APIs. Not on `probe`, which
/// judges ports, not objects.
struct JudgementOptions: ParsableArguments {
    @Option(name: .customLong("pss-level"), help: "Pod Security Standards level for the S6 checks: baseline or restricted.")
    var pssLevel: String = "restricted"

    @Option(name: .customLong("pss-version"), help: "Pod Security Standards version: v1.0 … v1.37 or latest.")
    var pssVersion: String = "latest"

    @Option(name: .customLong("kube-version"), help: ArgumentHelp(
        "Kubernetes version the manifests target, for removed and deprecated APIs (e.g. 1.31); default: a snapshot's server version, else \(KubeVersion.newestKnown).",
        valueName: "version"))
    var kubeVersion: String?
}

/// When a scan fails, which findings are excepted, and what time it is.
struct ScanPolicyOptions: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding at or above this severity remains: critical, high, medium, low, info.")
    var failOn: Severity = .high

    @Flag(help: "Exit 2 when the scan is incomplete: an input error, or a control not assessed because input given could not be read, was refused or did not answer (not when a kind of input was simply not given).")
    var strict = false

    @Option(help: "YAML list of exceptions: {control, kind, namespace, name (glob), reason, expires: YYYY-MM-DD}.")
    var exceptions: String?

    @Option(help: ArgumentHelp("The current time, RFC 3339 (for reproducible runs and tests).", valueName: "time"))
    var now: String?

    /// The settings of a scan; `judgement` nil (probe) takes the defaults.
    func settings(_ judgement: JudgementOptions? = nil, serverVersion: String? = nil) throws -> ScanSettings {
        // Not `JudgementOptions()`: an option group made outside parsing traps when read.
        let (pssLevel, pssVersion, kubeVersion) = judgement.map { ($0.pssLevel, $0.pssVersion, $0.kubeVersion) }
            ?? (PSSLevel.restricted.rawValue, "latest", nil)
        guard let level = PSSLevel(rawValue: pssLevel), level != .privileged else {
            throw ValidationError("--pss-level must be baseline or restricted, not '\(pssLevel)'.")
        }
        let version = try Self.pssVersion(pssVersion, flag: "--pss-version")
        let kube: KubeVersion
        if let kubeVersion {
            guard let parsed = KubeVersion(parsing: kubeVersion) else {
                throw ValidationError("--kube-version must look like 1.31, not '\(kubeVersion)'.")
            }
            // A version Bulwark has no API table for would be judged as if nothing were removed.
            guard parsed.major == 1, parsed <= KubeVersion.newestKnown else {
                throw ValidationError("--kube-version \(kubeVersion): Bulwark knows Kubernetes 1.0 to \(KubeVersion.newestKnown); give one of those.")
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

extension ScanPolicyOptions {
    /// A PSS version a user typed: `v1.N` up to the newest Bulwark encodes, or `latest`. Upstream
    /// evaluates a future version as latest; on a command line that is more likely a typo.
    static func pssVersion(_ text: String, flag: String) throws -> PSSVersion {
        guard let version = PSSVersion(parsing: text) else {
            throw ValidationError("\(flag) must be v1.N (e.g. v1.30) or latest, not '\(text)'.")
        }
        guard version == .latest || version <= .newest else {
            throw ValidationError("\(flag) \(text) is newer than the newest policy version Bulwark knows (\(PSSVersion.newest)); use latest or v1.0 … \(PSSVersion.newest).")
        }
        return version
    }
}

extension Severity: ExpressibleByArgument {}
