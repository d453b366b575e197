import Foundation
import BulwarkModel

/// S14 Rotating credentials, the object side: bootstrap tokens and long-lived service account
/// token Secrets. Values are looked at only for a bootstrap token's `expiration` (a timestamp, not
/// a credential), in memory; snapshots keep no values, so there the expiry is unknown.
public enum S14RotatingCredentials {
    public static let controls: [Control] = [bootstrapTokens, legacyServiceAccountTokens]

    static func secrets(ofType type: String, in context: ScanContext) -> [KubeObject] {
        context.inventory.objects(ofKind: "Secret").filter { $0.value["type"]?.string == type }
    }

    /// A Secret key's text: `stringData` as written, or `data` decoded from base64; nil when the
    /// key is absent or its value was dropped (snapshots).
    static func secretText(_ secret: KubeObject, key: String) -> String? {
        if let plain = secret.value["stringData"]?[key]?.string { return plain }
        guard let encoded = secret.value["data"]?[key]?.string,
              let data = Data(base64Encoded: encoded) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    // MARK: BW-S14-001

    /// Reads: Secrets of type `bootstrap.kubernetes.io/token`: the keys `expiration` (RFC 3339)
    /// and `usage-bootstrap-authentication`.
    /// Allows: none left behind. A bootstrap token authenticates as `system:bootstrappers` and can
    /// request node certificates: high without an expiration (it never expires), medium while
    /// valid, low when expired but not deleted (the token cleaner should have removed it).
    static let bootstrapTokens = Control(
        id: "BW-S14-001", section: .s14, severity: .medium,
        title: "Bootstrap tokens left in the cluster",
        remediation: "Delete bootstrap tokens once nodes have joined (kubeadm token delete ID); create new ones with a short TTL (kubeadm token create --ttl 1h) only when a node joins.",
        references: [:],
        reads: ["Secret"]
    ) { context in
        guard context.inventory.contains(kind: "Secret") else { return .notAssessed("no Secret objects in input") }
        var violations: [Violation] = []
        for token in secrets(ofType: "bootstrap.kubernetes.io/token", in: context) {
            let keysPresent = token.value["data"]?.mapping?.keys ?? token.value["stringData"]?.mapping?.keys ?? []
            let expiration = secretText(token, key: "expiration")
            switch expiration.flatMap(RFC3339.parse) {
            case let date? where date < context.settings.now:
                violations.append(Violation(
                    object: token, path: "data.expiration", value: RFC3339.format(date),
                    message: "bootstrap token \(token.name) expired at \(RFC3339.format(date)) but is still stored", severity: .low))
            case let date?:
                violations.append(Violation(
                    object: token, path: "data.expiration", value: RFC3339.format(date),
                    message: "bootstrap token \(token.name) is valid until \(RFC3339.format(date)): until then it can authenticate as system:bootstrappers and request node client certificates"))
            case nil where expiration == nil && keysPresent.contains("expiration"):
                violations.append(Violation(
                    object: token, path: "data.expiration", value: "not readable (values are not kept in snapshots)",
                    message: "bootstrap token \(token.name) is present; its expiry could not be read"))
            case nil:
                violations.append(Violation(
                    object: token, path: "data.expiration", value: expiration == nil ? "unset" : "unreadable",
                    message: "bootstrap token \(token.name) has no valid expiration: it never expires and can request node client certificates for as long as it exists",
                    severity: .high))
            }
        }
        return .from(violations, pass: "no bootstrap token Secrets in input")
    }

    // MARK: BW-S14-002

    /// Reads: Secrets of type `kubernetes.io/service-account-token`.
    /// Allows: none. Such a Secret holds a token that never expires and is not bound to a pod;
    /// since Kubernetes 1.24 pods get short-lived projected tokens from the TokenRequest API.
    static let legacyServiceAccountTokens = Control(
        id: "BW-S14-002", section: .s14, severity: .medium,
        title: "Long-lived service account token Secrets",
        remediation: "Delete the Secret and let pods use projected service account tokens (automatic since 1.24); for tokens outside the cluster use kubectl create token with a --duration.",
        references: ["kubescape": ["C-0261"]],
        reads: ["Secret"]
    ) { context in
        guard context.inventory.contains(kind: "Secret") else { return .notAssessed("no Secret objects in input") }
        let violations = secrets(ofType: "kubernetes.io/service-account-token", in: context).map { secret in
            let account = secret.annotations["kubernetes.io/service-account.name"] ?? "unknown"
            return Violation(
                object: secret, path: "type", value: "kubernetes.io/service-account-token",
                message: "Secret \(secret.name) holds a non-expiring token of service account \(account): anyone who reads it acts as that account until the Secret is deleted")
        }
        return .from(violations, pass: "no long-lived service account token Secrets in input")
    }
}
