import BulwarkModel

/// One Kubernetes API version of one kind that is deprecated, and the release that stops serving
/// it. Source: the Kubernetes "Deprecated API Migration Guide" (removals by release) and the
/// API server's deprecation warnings ("… is deprecated in v1.X+, unavailable in v1.Y+").
public struct DeprecatedAPI: Sendable, Hashable {
    /// `group/version` as written in `apiVersion` (`v1` for the core group).
    public var apiVersion: String
    /// The kind, or `*` for every kind of a group/version that is gone as a whole.
    public var kind: String
    public var deprecatedIn: KubeVersion
    /// The first release that no longer serves it; nil when no removal is scheduled.
    public var removedIn: KubeVersion?
    /// What to write instead, e.g. `apps/v1`.
    public var replacement: String

    public init(_ apiVersion: String, _ kind: String, deprecated: KubeVersion, removed: KubeVersion?, use replacement: String) {
        self.apiVersion = apiVersion; self.kind = kind; self.deprecatedIn = deprecated; self.removedIn = removed
        self.replacement = replacement
    }

    public func isRemoved(at version: KubeVersion) -> Bool { removedIn.map { version >= $0 } ?? false }
    public func isDeprecated(at version: KubeVersion) -> Bool { version >= deprecatedIn }
}

public enum DeprecatedAPIs {
    private static func v(_ minor: Int) -> KubeVersion { KubeVersion(1, minor) }

    private static func rows(_ apiVersion: String, _ kinds: [String], deprecated: Int, removed: Int?, use replacement: String) -> [DeprecatedAPI] {
        kinds.map { DeprecatedAPI(apiVersion, $0, deprecated: v(deprecated), removed: removed.map(v), use: replacement) }
    }

    /// Every deprecated or removed built-in API version Bulwark knows, oldest removal first.
    public static let all: [DeprecatedAPI] = [
        // Removed in 1.16
        rows("extensions/v1beta1", ["Deployment", "DaemonSet", "ReplicaSet"], deprecated: 9, removed: 16, use: "apps/v1"),
        rows("extensions/v1beta1", ["NetworkPolicy"], deprecated: 9, removed: 16, use: "networking.k8s.io/v1"),
        rows("extensions/v1beta1", ["PodSecurityPolicy"], deprecated: 11, removed: 16, use: "Pod Security Admission (policy/v1beta1 PodSecurityPolicy was itself removed in 1.25)"),
        rows("apps/v1beta1", ["Deployment", "StatefulSet", "ReplicaSet", "*"], deprecated: 9, removed: 16, use: "apps/v1"),
        rows("apps/v1beta2", ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "*"], deprecated: 9, removed: 16, use: "apps/v1"),
        // Removed in 1.22
        rows("extensions/v1beta1", ["Ingress"], deprecated: 14, removed: 22, use: "networking.k8s.io/v1"),
        rows("extensions/v1beta1", ["*"], deprecated: 14, removed: 22, use: "the kind's current group (apps/v1, networking.k8s.io/v1)"),
        rows("networking.k8s.io/v1beta1", ["Ingress", "IngressClass"], deprecated: 19, removed: 22, use: "networking.k8s.io/v1"),
        rows("admissionregistration.k8s.io/v1beta1", ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], deprecated: 16, removed: 22, use: "admissionregistration.k8s.io/v1"),
        rows("apiextensions.k8s.io/v1beta1", ["CustomResourceDefinition"], deprecated: 16, removed: 22, use: "apiextensions.k8s.io/v1"),
        rows("apiregistration.k8s.io/v1beta1", ["APIService"], deprecated: 19, removed: 22, use: "apiregistration.k8s.io/v1"),
        rows("authentication.k8s.io/v1beta1", ["TokenReview"], deprecated: 19, removed: 22, use: "authentication.k8s.io/v1"),
        rows("authorization.k8s.io/v1beta1", ["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SubjectAccessReview", "SelfSubjectRulesReview"], deprecated: 19, removed: 22, use: "authorization.k8s.io/v1"),
        rows("certificates.k8s.io/v1beta1", ["CertificateSigningRequest"], deprecated: 19, removed: 22, use: "certificates.k8s.io/v1"),
        rows("coordination.k8s.io/v1beta1", ["Lease"], deprecated: 19, removed: 22, use: "coordination.k8s.io/v1"),
        rows("rbac.authorization.k8s.io/v1beta1", ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], deprecated: 17, removed: 22, use: "rbac.authorization.k8s.io/v1"),
        rows("rbac.authorization.k8s.io/v1alpha1", ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], deprecated: 17, removed: 22, use: "rbac.authorization.k8s.io/v1"),
        rows("scheduling.k8s.io/v1beta1", ["PriorityClass"], deprecated: 14, removed: 22, use: "scheduling.k8s.io/v1"),
        rows("storage.k8s.io/v1beta1", ["CSIDriver", "StorageClass", "VolumeAttachment"], deprecated: 19, removed: 22, use: "storage.k8s.io/v1"),
        rows("storage.k8s.io/v1beta1", ["CSINode"], deprecated: 17, removed: 22, use: "storage.k8s.io/v1"),
        // Removed in 1.25
        rows("batch/v1beta1", ["CronJob"], deprecated: 21, removed: 25, use: "batch/v1"),
        rows("discovery.k8s.io/v1beta1", ["EndpointSlice"], deprecated: 21, removed: 25, use: "discovery.k8s.io/v1"),
        rows("events.k8s.io/v1beta1", ["Event"], deprecated: 19, removed: 25, use: "events.k8s.io/v1"),
        rows("autoscaling/v2beta1", ["HorizontalPodAutoscaler"], deprecated: 22, removed: 25, use: "autoscaling/v2"),
        rows("policy/v1beta1", ["PodDisruptionBudget"], deprecated: 21, removed: 25, use: "policy/v1"),
        rows("policy/v1beta1", ["PodSecurityPolicy"], deprecated: 21, removed: 25, use: "Pod Security Admission (pod-security.kubernetes.io namespace labels) or a policy webhook"),
        rows("node.k8s.io/v1beta1", ["RuntimeClass"], deprecated: 22, removed: 25, use: "node.k8s.io/v1"),
        // Removed in 1.26
        rows("autoscaling/v2beta2", ["HorizontalPodAutoscaler"], deprecated: 23, removed: 26, use: "autoscaling/v2"),
        rows("flowcontrol.apiserver.k8s.io/v1beta1", ["FlowSchema", "PriorityLevelConfiguration"], deprecated: 23, removed: 26, use: "flowcontrol.apiserver.k8s.io/v1"),
        // Removed in 1.27
        rows("storage.k8s.io/v1beta1", ["CSIStorageCapacity"], deprecated: 24, removed: 27, use: "storage.k8s.io/v1"),
        // Removed in 1.29
        rows("flowcontrol.apiserver.k8s.io/v1beta2", ["FlowSchema", "PriorityLevelConfiguration"], deprecated: 26, removed: 29, use: "flowcontrol.apiserver.k8s.io/v1"),
        // Removed in 1.32
        rows("flowcontrol.apiserver.k8s.io/v1beta3", ["FlowSchema", "PriorityLevelConfiguration"], deprecated: 29, removed: 32, use: "flowcontrol.apiserver.k8s.io/v1"),
        // Deprecated, still served, no removal scheduled
        rows("v1", ["ComponentStatus"], deprecated: 19, removed: nil, use: "the components' own /livez and /readyz endpoints"),
        rows("v1", ["Endpoints"], deprecated: 33, removed: nil, use: "discovery.k8s.io/v1 EndpointSlice"),
    ].flatMap { $0 }

    private static let index: [String: DeprecatedAPI] = {
        var out: [String: DeprecatedAPI] = [:]
        for api in all where out["\(api.apiVersion) \(api.kind)"] == nil { out["\(api.apiVersion) \(api.kind)"] = api }
        return out
    }()

    /// The entry for an object's `apiVersion` and `kind`: the kind's own row, else the row for its
    /// whole group/version.
    public static func lookup(apiVersion: String, kind: String) -> DeprecatedAPI? {
        index["\(apiVersion) \(kind)"] ?? index["\(apiVersion) *"]
    }

    /// The built-in groups without a domain suffix; other unsuffixed "groups" (e.g. `skaffold`
    /// in `skaffold/v2beta22`) are not Kubernetes APIs.
    public static let legacyGroups: Set<String> = ["", "apps", "batch", "autoscaling", "policy", "extensions"]

    /// API groups the Kubernetes project owns: the core group, the unsuffixed legacy groups, and
    /// `*.k8s.io` / `*.kubernetes.io`.
    public static func isKubernetesGroup(_ group: String) -> Bool {
        legacyGroups.contains(group) || group.hasSuffix(".k8s.io") || group.hasSuffix(".kubernetes.io")
    }

    /// The API groups kube-apiserver itself serves (kube-aggregator's `apiregistration.k8s.io`
    /// included). Only these have Kubernetes maturity levels and feature gates: an alpha version
    /// here is off unless `--runtime-config` turns it on. Groups that merely end in `.k8s.io`
    /// (Gateway API, snapshot.storage.k8s.io, metrics.k8s.io) are CRDs or aggregated APIs, served
    /// whenever they are installed.
    public static let builtInGroups: Set<String> = legacyGroups.union([
        "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io",
        "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
        "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
        "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io",
    ])

    public static func isBuiltInGroup(_ group: String) -> Bool { builtInGroups.contains(group) }

    /// Groups of configuration file formats (kubelet, kube-proxy, scheduler, API server admission
    /// and encryption config, kubeadm, exec credentials). They are read from disk, not served by
    /// the API, and several exist only as v1beta1/v1alpha1 (KubeletConfiguration is v1beta1), so
    /// their versions say nothing about alpha/beta APIs being enabled.
    public static func isConfigurationFormatGroup(_ group: String) -> Bool {
        group.hasSuffix(".config.k8s.io") || group == "kubeadm.k8s.io" || group == "client.authentication.k8s.io"
    }

    /// `alpha` or `beta` for versions like `v1alpha1`, `v2beta2`, `v1beta`; nil for GA versions.
    public static func stability(ofVersion version: String) -> String? {
        var rest = Substring(version)
        guard rest.first == "v" else { return nil }
        rest = rest.dropFirst()
        let major = rest.prefix(while: \.isNumber)
        guard !major.isEmpty else { return nil }
        rest = rest.dropFirst(major.count)
        for stage in ["alpha", "beta"] where rest.hasPrefix(stage) {
            return rest.dropFirst(stage.count).allSatisfy(\.isNumber) ? stage : nil
        }
        return nil
    }
}
