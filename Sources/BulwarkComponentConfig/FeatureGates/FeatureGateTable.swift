import BulwarkModel

/// Stages of a representative set of feature gates by Kubernetes version, compiled from the
/// front matter (`stages: stage / fromVersion / toVersion`) of the Kubernetes documentation's
/// feature-gate pages, kubernetes/website
/// `content/en/docs/reference/command-line-tools-reference/feature-gates/<Gate>.md`, read in
/// November 2026 (AnonymousAuthConfigurableEndpoints' beta and GA versions from the v1.32 and
/// v1.34 release notes). Gates chosen: security-relevant ones and gates commonly switched on by
/// hand. A gate not listed here is reported as unknown, never as safe.
public enum FeatureGateTable {
    public static let gates: [String: FeatureGateHistory] = Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })

    static let list: [FeatureGateHistory] = [
        FeatureGateHistory("AnonymousAuthConfigurableEndpoints", [(.alpha, "1.31", "1.31"), (.beta, "1.32", "1.33"), (.stable, "1.34", nil)]),
        FeatureGateHistory("ClusterTrustBundle", [(.alpha, "1.27", "1.32"), (.beta, "1.33", nil)]),
        FeatureGateHistory("CoordinatedLeaderElection", [(.alpha, "1.31", "1.32"), (.beta, "1.33", nil)]),
        FeatureGateHistory("DynamicResourceAllocation", [(.alpha, "1.26", "1.31"), (.beta, "1.32", "1.33"), (.stable, "1.34", nil)]),
        FeatureGateHistory("ExternalServiceAccountTokenSigner", [(.alpha, "1.32", "1.33"), (.beta, "1.34", nil)]),
        FeatureGateHistory("ImageVolume", [(.alpha, "1.31", "1.32"), (.beta, "1.33", nil)]),
        FeatureGateHistory("InPlacePodVerticalScaling", [(.alpha, "1.27", "1.32"), (.beta, "1.33", nil)]),
        FeatureGateHistory("KubeletFineGrainedAuthz", [(.alpha, "1.32", "1.32"), (.beta, "1.33", "1.35"), (.stable, "1.36", nil)]),
        FeatureGateHistory("MutatingAdmissionPolicy", [(.alpha, "1.30", "1.33"), (.beta, "1.34", nil)]),
        FeatureGateHistory("ProcMountType", [(.alpha, "1.12", "1.30"), (.beta, "1.31", nil)]),
        FeatureGateHistory("RotateKubeletServerCertificate", [(.alpha, "1.7", "1.11"), (.beta, "1.12", nil)]),
        FeatureGateHistory("SELinuxMount", [(.alpha, "1.30", "1.32"), (.beta, "1.33", nil)]),
        FeatureGateHistory("SidecarContainers", [(.alpha, "1.28", "1.28"), (.beta, "1.29", "1.32"), (.stable, "1.33", nil)]),
        FeatureGateHistory("StructuredAuthenticationConfiguration", [(.alpha, "1.29", "1.29"), (.beta, "1.30", "1.33"), (.stable, "1.34", nil)]),
        FeatureGateHistory("StructuredAuthorizationConfiguration", [(.alpha, "1.29", "1.29"), (.beta, "1.30", "1.31"), (.stable, "1.32", nil)]),
        FeatureGateHistory("UserNamespacesSupport", [(.alpha, "1.25", "1.29"), (.beta, "1.30", nil)]),
    ]

    /// `AllAlpha` and `AllBeta` switch every alpha (beta) gate at once.
    public static let allAlpha = "AllAlpha"
    public static let allBeta = "AllBeta"

    public static func stage(of gate: String, at version: KubeVersion) -> FeatureStage? {
        gates[gate]?.stage(at: version)
    }
}
