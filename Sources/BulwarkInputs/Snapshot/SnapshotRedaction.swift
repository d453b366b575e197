import BulwarkModel
import BulwarkCertificates

/// What a snapshot never keeps: every credential `CredentialRedaction` knows (Secret values —
/// their key names and types stay, so controls can still tell what a Secret is —, encryption
/// keys, kubeconfig tokens, URL logins, credential flags …), the `last-applied-configuration`
/// annotation (it repeats the whole object, a Secret's values included), and `managedFields`
/// (bulky, and no control reads it).
/// Before a Secret's values go, its certificate keys (`tls.crt`, `ca.crt`, SPEC §5) are read in
/// memory into public certificate facts (`bulwark.io/certificates`), so the certificate controls
/// judge a live or snapshot Secret as they judge the manifest; `tls.key` and every other value
/// is dropped unread.
public enum SnapshotRedaction {
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

    /// A kubelet's configuration (configz) without the values of `staticPodURLHeader`: the HTTP
    /// headers sent to fetch static pods often carry a bearer token. Header names stay.
    public static func redactKubeletConfiguration(_ config: Value) -> Value {
        CredentialRedaction.redact(object: config)
    }

    public static func redact(_ object: Value) -> Value {
        guard case .mapping(var root) = object else { return object }
        if case .mapping(var metadata)? = root["metadata"] {
            metadata.entries.removeAll { $0.key == "managedFields" }
            if case .mapping(var annotations)? = metadata["annotations"] {
                annotations.entries.removeAll { $0.key == lastApplied }
                metadata.set("annotations", .mapping(annotations))
            }
            root.set("metadata", .mapping(metadata))
        }
        if root["kind"]?.string == "Secret" {
            // Already-redacted objects (a snapshot read back) keep the facts derived earlier.
            if let derived = DerivedCertificateFacts.derive(fromSecret: .mapping(root)) {
                root.set(DerivedCertificateFacts.field, derived)
            }
        }
        return CredentialRedaction.redact(object: .mapping(root))
    }
}
