/// Which object kinds each control reads, for controls that do not declare `reads` themselves
/// (one table, so that section files owned by others need no edit). When a cluster input could
/// not collect a kind (forbidden or a failed list), exactly the controls reading it are "not
/// assessed". Component-flag controls read the control plane's static Pods; kubelet controls the
/// KubeletConfiguration (configz, through nodes/proxy).
enum ControlReads {
    static let workloads = ["Pod", "ReplicationController", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob"]
    static let rbac = ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "ServiceAccount"]
    static let controlPlanePods = ["Pod"]
    static let kubelet = ["KubeletConfiguration"]
    static let webhooks = ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]
    /// The configuration files the API server's flags name (read from manifests or the node).
    static let auditPolicy = ["Policy"]
    static let encryptionConfiguration = ["EncryptionConfiguration"]

    /// By exact ID first, then by ID prefix (longest first); [] for controls that read no cluster
    /// object (kubeconfig files, the server version).
    static let byID: [String: [String]] = [
        "BW-S1-003": controlPlanePods + kubelet, "BW-S1-004": controlPlanePods + kubelet,
        "BW-S1-005": kubelet, "BW-S1-006": kubelet, "BW-S1-011": [],
        "BW-S2-011": [],
        "BW-S3-101": rbac, "BW-S3-113": rbac, "BW-S3-116": rbac,
        "BW-S3-114": rbac + workloads, "BW-S3-115": rbac + workloads,
        "BW-S4-010": controlPlanePods, "BW-S4-011": controlPlanePods,
        "BW-S5-001": workloads + ["LimitRange"], "BW-S5-002": workloads + ["LimitRange"],
        "BW-S5-003": workloads + ["Namespace", "ResourceQuota"], "BW-S5-004": workloads + ["Namespace", "LimitRange"],
        "BW-S6-101": workloads + ["Namespace"], "BW-S6-102": workloads + ["Namespace"],
        "BW-S6-105": ["PodSecurityPolicy"],
        "BW-S9-002": workloads + ["NetworkPolicy", "Namespace"],
        "BW-S10-003": ["Namespace"], "BW-S10-004": ["Node"],
        "BW-S13-001": [], "BW-S13-002": [], "BW-S13-003": ["CustomResourceDefinition"],
        "BW-S13-004": controlPlanePods + kubelet, "BW-S13-005": controlPlanePods + kubelet,
        "BW-S15-004": webhooks + ["Namespace"], "BW-S15-005": ["APIService"],
        "BW-S17-001": [], "BW-S17-002": [],
    ]

    static let byPrefix: [(String, [String])] = [
        ("BW-S1-", controlPlanePods), ("BW-S2-", controlPlanePods), ("BW-S3-1", rbac), ("BW-S3-", controlPlanePods),
        ("BW-S4-", kubelet), ("BW-S6-", workloads), ("BW-S7-", workloads),
        ("BW-S8-", workloads + ["NetworkPolicy", "Namespace"]), ("BW-S9-", workloads),
        ("BW-S10-", workloads), ("BW-S11-", controlPlanePods), ("BW-S12-", controlPlanePods + auditPolicy),
        ("BW-S13-", controlPlanePods), ("BW-S14-", ["Secret"]), ("BW-S15-1", rbac + workloads),
        ("BW-S15-", webhooks), ("BW-S16-", controlPlanePods + encryptionConfiguration), ("BW-S17-", ["Node"]),
    ].sorted { $0.0.count > $1.0.count }

    static func kinds(for id: String) -> [String]? {
        byID[id] ?? byPrefix.first { id.hasPrefix($0.0) }?.1
    }

    /// `control` with its reads declared: its own declaration wins over the table.
    static func declared(_ control: Control) -> Control {
        guard control.reads == nil, let kinds = kinds(for: control.id) else { return control }
        return control.reading(kinds)
    }
}
