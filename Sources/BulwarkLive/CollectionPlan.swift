/// The resources a scan reads, and why: the least a scan needs, so that `bulwark scanner-role`
/// can grant exactly this. Resources the server does not serve are skipped.
public enum CollectionPlan {
    public struct Wanted: Sendable, Hashable {
        public var group: String
        public var resource: String
        /// What the controls use it for (the ClusterRole's comment).
        public var purpose: String
    }

    public static let base: [Wanted] = [
        .init(group: "", resource: "namespaces", purpose: "Pod Security Admission labels, quotas per namespace"),
        .init(group: "", resource: "pods", purpose: "pod security settings"),
        .init(group: "", resource: "replicationcontrollers", purpose: "pod templates"),
        .init(group: "", resource: "services", purpose: "NodePort/LoadBalancer exposure"),
        .init(group: "", resource: "serviceaccounts", purpose: "token automounting"),
        .init(group: "", resource: "resourcequotas", purpose: "resource limits"),
        .init(group: "", resource: "limitranges", purpose: "resource defaults"),
        .init(group: "", resource: "nodes", purpose: "taints and kubelet versions"),
        .init(group: "", resource: "configmaps", purpose: "component configuration (kubeadm, kubelet)"),
        .init(group: "apps", resource: "deployments", purpose: "pod templates"),
        .init(group: "apps", resource: "replicasets", purpose: "pod templates"),
        .init(group: "apps", resource: "statefulsets", purpose: "pod templates"),
        .init(group: "apps", resource: "daemonsets", purpose: "pod templates, the CNI in use"),
        .init(group: "batch", resource: "jobs", purpose: "pod templates"),
        .init(group: "batch", resource: "cronjobs", purpose: "pod templates"),
        .init(group: "networking.k8s.io", resource: "networkpolicies", purpose: "network isolation"),
        .init(group: "networking.k8s.io", resource: "ingresses", purpose: "exposure"),
        .init(group: "rbac.authorization.k8s.io", resource: "roles", purpose: "RBAC"),
        .init(group: "rbac.authorization.k8s.io", resource: "rolebindings", purpose: "RBAC"),
        .init(group: "rbac.authorization.k8s.io", resource: "clusterroles", purpose: "RBAC"),
        .init(group: "rbac.authorization.k8s.io", resource: "clusterrolebindings", purpose: "RBAC"),
        .init(group: "admissionregistration.k8s.io", resource: "validatingwebhookconfigurations", purpose: "admission webhooks"),
        .init(group: "admissionregistration.k8s.io", resource: "mutatingwebhookconfigurations", purpose: "admission webhooks"),
        .init(group: "admissionregistration.k8s.io", resource: "validatingadmissionpolicies", purpose: "admission policies"),
        .init(group: "admissionregistration.k8s.io", resource: "validatingadmissionpolicybindings", purpose: "admission policies"),
        .init(group: "apiregistration.k8s.io", resource: "apiservices", purpose: "aggregated APIs"),
        .init(group: "apiextensions.k8s.io", resource: "customresourcedefinitions", purpose: "served API versions"),
        .init(group: "policy", resource: "poddisruptionbudgets", purpose: "availability"),
        .init(group: "policy", resource: "podsecuritypolicies", purpose: "removed PodSecurityPolicy (clusters before 1.25)"),
        .init(group: "node.k8s.io", resource: "runtimeclasses", purpose: "sandboxed runtimes"),
        .init(group: "scheduling.k8s.io", resource: "priorityclasses", purpose: "priorities"),
    ]

    /// Listing Secrets returns their values: opt-in (SPEC §5).
    public static let secrets = Wanted(group: "", resource: "secrets",
                                       purpose: "bootstrap and service account token Secrets, TLS certificate expiry")

    public static func wanted(readSecrets: Bool) -> [Wanted] {
        readSecrets ? base + [secrets] : base
    }
}
