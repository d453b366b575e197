/// Every control Bulwark evaluates, in guide-section order. `bulwark controls` lists these; a scan
/// evaluates each once.
public enum ControlCatalog {
    /// Each control states its reads in its own declaration; kubescape's per-CIS-item IDs are
    /// derived from each control's CIS references.
    public static let all: [Control] = sections.flatMap { $0 }.map(KubescapeCIS.addingReferences)

    /// The controls that read `EndpointProbe` objects: what `bulwark probe` evaluates.
    public static let probeControls: [Control] =
        S1TLSEndpoints.controls + S2AuthenticationEndpoints.controls + S4KubeletEndpoints.controls + S11EtcdEndpoints.controls + S16EncryptionLive.controls

    /// Section by section. Each entry is one section file's `controls`.
    static let sections: [[Control]] = [
        S1TLS.controls,
        S1TLSEndpoints.controls,
        S2Authentication.controls,
        S2AuthenticationEndpoints.controls,
        S3AuthorizationFlags.controls,
        S3Authorization.controls,
        S4KubeletAccess.controls,
        S4KubeletEndpoints.controls,
        S5ResourceLimits.controls,
        // S6: the per-check Pod Security Standards controls (BW-S6-001 …) come ahead of the other
        // S6 controls (BW-S6-101 …).
        S6PodSecurityStandards.controls,
        S6ContainerPrivileges.controls,
        S7KernelModules.controls,
        S7NodeKernel.controls,
        S8NetworkAccess.controls,
        S9CloudMetadata.controls,
        S10PodPlacement.controls,
        S11Etcd.controls,
        S11EtcdEndpoints.controls,
        S11EtcdCertificates.controls,
        S12AuditLogging.controls,
        S13APIVersions.controls,
        S13FeatureGates.controls,
        S14RotatingCredentials.controls,
        S14Certificates.controls,
        S15ThirdParty.controls,
        S15WebhooksAndAPIServices.controls,
        S16EncryptionAtRest.controls,
        S16EncryptionLive.controls,
        S17SecurityUpdates.controls,
        // File modes and owners on nodes (S1, S2, S4, S16 IDs in the 3xx range).
        NodeFilePermissions.controls,
    ]
}
