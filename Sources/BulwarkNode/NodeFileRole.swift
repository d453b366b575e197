/// What a security-relevant file on the node is (NODEFILES.md `role`).
public enum NodeFileRole: String, Sendable, CaseIterable {
    case certificate, privateKey, kubeconfig, kubeletConfig, encryptionConfig, auditPolicy, admissionConfig
    case staticPodManifest, cniConfig, systemdUnit, other

    /// A more specific role replaces a vaguer one when the same file is found twice.
    var rank: Int {
        switch self {
        case .other: return 0
        case .cniConfig, .systemdUnit: return 1
        default: return 2
        }
    }
}
