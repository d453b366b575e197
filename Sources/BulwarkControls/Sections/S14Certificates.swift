import Foundation
import BulwarkModel
import BulwarkCertificates

/// S14 Rotating credentials, the certificate side: every certificate the input holds (see
/// `CertificateSites`) judged for expiry, leaf lifetime, key strength and signature digest.
/// Times are the scan's `now` (`--now` for reproducible runs).
public enum S14Certificates {
    /// Secrets are tolerated, not declared: a live scan without --read-secrets still judges the
    /// webhook, APIService and node certificates, failing but never passing (see `evaluate`).
    public static let controls: [Control] = [expired, expiringSoon, longLivedLeaves, weakKeys, unreadable]
        .map { $0.tolerating(["Secret"]) }

    /// The kinds whose caBundles hold certificates.
    static let caBundleKinds = ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "CustomResourceDefinition"]

    static let day: TimeInterval = 86_400
    /// Leaf lifetime limit: one year, as kubeadm (8760h) and k3s issue them, plus a day for leap
    /// years and clock skew.
    static let leafLifetimeLimit: TimeInterval = 366 * day

    /// Runs `check` over every readable certificate; not assessed when the input holds none.
    static func evaluate(_ context: ScanContext, pass: String,
                         _ check: (CertificateSite, CertificateFacts) -> Violation?) -> ControlOutcome {
        let sites = context.certificateSites
        guard !sites.isEmpty else {
            return .notAssessed("no certificates in input (looked for \(CertificateSites.searched); live scans read Secrets only with --read-secrets)")
        }
        let readable = sites.filter { !$0.certificates.isEmpty }
        let missing = sites.compactMap { site -> String? in
            switch site.reading {
            case .read: return nil
            case .unreadable(let why): return "\(site.label): \(why)"
            case .unavailable(let why): return why
            }
        }
        guard !readable.isEmpty else {
            return .notAssessed("no certificate could be read: \(missing.prefix(3).joined(separator: "; "))\(missing.count > 3 ? "; …" : "")")
        }
        var violations: [Violation] = []
        var count = 0
        for site in readable {
            for facts in site.certificates {
                count += 1
                if let v = check(site, facts) { violations.append(v) }
            }
        }
        let skipped = missing.isEmpty ? "" : "; \(missing.count) place(s) not readable"
        let judged = "\(count) certificate(s) in \(readable.count) place(s)\(skipped)"
        // Secrets not collected (no --read-secrets, or forbidden): what was read can fail the
        // control, but a pass would vouch for TLS Secrets nobody looked at.
        let secretsMissing = context.inventory.uncollected(among: ["Secret"])
        if violations.isEmpty, !secretsMissing.isEmpty {
            return .notAssessed("\(secretsMissing.map(\.reason).joined(separator: "; ")); the \(judged) read elsewhere pass")
        }
        return .from(violations, pass: "\(pass) (\(judged))")
    }

    static func days(_ interval: TimeInterval) -> Int { Int((interval / day).rounded(.down)) }

    // MARK: BW-S14-101

    /// Reads: every certificate (see `CertificateSites`). Allows: notAfter in the future. An
    /// expired server certificate breaks TLS; an expired client certificate or CA breaks
    /// authentication; an expired webhook caBundle makes admission fail (or fail open).
    static let expired = Control(
        id: "BW-S14-101", section: .s14, severity: .critical,
        title: "Expired certificates",
        remediation: "Renew the certificate (kubeadm certs renew all; cert-manager renews Certificate-managed Secrets) and roll the components or webhooks that use it; update caBundles to the current CA.",
        reads: caBundleKinds
    ) { context in
        let now = context.settings.now
        return evaluate(context, pass: "no certificate has expired") { site, facts in
            guard facts.isExpired(at: now) else { return nil }
            return Violation(object: site.object, path: site.path, value: "notAfter \(RFC3339.format(facts.notAfter))",
                             message: "certificate \(facts.summaryForFinding) expired \(days(-facts.remaining(at: now))) day(s) ago, at \(RFC3339.format(facts.notAfter))")
        }
    }

    // MARK: BW-S14-102

    /// Reads: every certificate. Allows: more than `certificateExpiryWarning` (30 days) of
    /// validity left. Expired ones are BW-S14-101's.
    static let expiringSoon = Control(
        id: "BW-S14-102", section: .s14, severity: .high,
        title: "Certificates expiring within 30 days",
        remediation: "Renew the certificate before it expires (kubeadm certs check-expiration / renew; turn on kubelet certificate rotation; let cert-manager renew), then roll what uses it.",
        reads: caBundleKinds
    ) { context in
        let now = context.settings.now, warning = context.settings.certificateExpiryWarning
        return evaluate(context, pass: "no certificate expires within \(days(warning)) days") { site, facts in
            let left = facts.remaining(at: now)
            guard left >= 0, left < warning else { return nil }
            return Violation(object: site.object, path: site.path, value: "notAfter \(RFC3339.format(facts.notAfter))",
                             message: "certificate \(facts.summaryForFinding) expires in \(days(left)) day(s), at \(RFC3339.format(facts.notAfter))")
        }
    }

    // MARK: BW-S14-103

    /// Reads: certificates without `CA:TRUE`. Allows: a validity of at most one year (kubeadm
    /// and k3s issue one-year leaves; CAs are meant to live longer). kubeadm dates a renewed
    /// leaf from its CA's notBefore, so a leaf fails only when both its whole lifetime and the
    /// validity it still has exceed the limit: a renewed kubeadm certificate never does.
    static let longLivedLeaves = Control(
        id: "BW-S14-103", section: .s14, severity: .medium,
        title: "Leaf certificates valid for more than one year",
        remediation: "Issue leaf (server and client) certificates for a year or less and renew them automatically (kubeadm's default 8760h, cert-manager duration ≤ 8760h, kubelet rotation); a stolen long-lived client certificate cannot be revoked in Kubernetes.",
        reads: caBundleKinds
    ) { context in
        let now = context.settings.now
        return evaluate(context, pass: "no leaf certificate is valid for more than a year") { site, facts in
            guard !facts.isCA, facts.lifetime > leafLifetimeLimit, facts.remaining(at: now) > leafLifetimeLimit else { return nil }
            return Violation(object: site.object, path: site.path, value: "\(days(facts.lifetime)) days",
                             message: "leaf certificate \(facts.summaryForFinding) is valid for \(days(facts.lifetime)) days (\(RFC3339.format(facts.notBefore)) to \(RFC3339.format(facts.notAfter))), \(days(facts.remaining(at: now))) still left; a leaked key stays usable that long")
        }
    }

    // MARK: BW-S14-104

    /// Reads: each certificate's public key and signature algorithm. Allows: RSA ≥ 2048 bits,
    /// EC ≥ 256 bits, Ed25519/Ed448; signatures not made with MD2, MD5 or SHA-1. A self-signed
    /// root's own signature is not checked by anyone, so only issued certificates' digests count.
    static let weakKeys = Control(
        id: "BW-S14-104", section: .s14, severity: .high,
        title: "Certificates with weak keys or broken signature digests",
        remediation: "Reissue the certificate with an RSA key of at least 2048 bits or an ECDSA P-256/P-384 key, signed with SHA-256 or stronger (kubeadm: encryptionAlgorithm RSA-2048/ECDSA-P256).",
        reads: caBundleKinds
    ) { context in
        evaluate(context, pass: "every certificate has a strong key and signature digest") { site, facts in
            var problems: [String] = []
            let key = facts.publicKey
            switch key.algorithm {
            case .rsa where (key.bits ?? 0) < 2048: problems.append("\(key.description)-bit key (RSA needs 2048 or more)")
            case .dsa: problems.append("\(key.description) key (DSA is deprecated and limited to SHA-1 in most tools)")
            case .ecdsa where (key.bits ?? 0) < 256: problems.append("\(key.description) key (EC needs 256 bits or more)")
            default: break
            }
            if !facts.isSelfSigned, facts.signatureAlgorithm.hasBrokenDigest {
                problems.append("signed with \(facts.signatureAlgorithm.name) (\(facts.signatureAlgorithm.digest ?? "") collisions are practical)")
            }
            guard !problems.isEmpty else { return nil }
            return Violation(object: site.object, path: site.path, value: "\(key.description), \(facts.signatureAlgorithm.name)",
                             message: "certificate \(facts.summaryForFinding): \(problems.joined(separator: "; "))")
        }
    }

    // MARK: BW-S14-105

    /// Reads: every certificate field. Allows: data that parses as X.509 certificates. A
    /// truncated or wrong caBundle makes every call to the webhook or APIService fail TLS; a key
    /// pasted where a certificate belongs is also a leak. Fields whose value was not kept (older
    /// snapshots) are not judged.
    static let unreadable = Control(
        id: "BW-S14-105", section: .s14, severity: .medium,
        title: "Certificate fields that hold no readable certificate",
        remediation: "Put the PEM certificate (base64 of it in caBundle and *-data fields) in the field; never a private key; re-copy truncated bundles from the issuing CA.",
        reads: caBundleKinds
    ) { context in
        let sites = context.certificateSites
        guard !sites.isEmpty else { return .notAssessed("no certificates in input (looked for \(CertificateSites.searched))") }
        var violations: [Violation] = []
        var unavailable = 0
        for site in sites {
            switch site.reading {
            case .read: continue
            case .unavailable: unavailable += 1
            case .unreadable(let why):
                violations.append(Violation(object: site.object, path: site.path, value: "unreadable",
                                            message: "\(site.label): \(why)"))
            }
        }
        if violations.isEmpty && unavailable == sites.count {
            return .notAssessed("no certificate data in input to read (\(unavailable) place(s) whose values were not kept or not read)")
        }
        return .from(violations, pass: "every certificate field holds readable certificates (\(sites.count - unavailable) place(s))")
    }
}
