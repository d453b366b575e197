/// The kind of the objects of the resources a scan collects, by API group and plural name, for
/// snapshot entries that name a resource without its kind (snapshots written before the kind
/// was recorded, and `--from-dump`).
public enum ResourceKinds {
    static let table: [String: String] = [
        "/namespaces": "Namespace", "/pods": "Pod", "/replicationcontrollers": "ReplicationController",
        "/services": "Service", "/serviceaccounts": "ServiceAccount", "/resourcequotas": "ResourceQuota",
        "/limitranges": "LimitRange", "/nodes": "Node", "/configmaps": "ConfigMap", "/secrets": "Secret",
        "/nodes/proxy": "KubeletConfiguration",  // configz: each node's kubelet configuration
        "apps/deployments": "Deployment", "apps/replicasets": "ReplicaSet", "apps/statefulsets": "StatefulSet",
        "apps/daemonsets": "DaemonSet", "batch/jobs": "Job", "batch/cronjobs": "CronJob",
        "networking.k8s.io/networkpolicies": "NetworkPolicy", "networking.k8s.io/ingresses": "Ingress",
        "rbac.authorization.k8s.io/roles": "Role", "rbac.authorization.k8s.io/rolebindings": "RoleBinding",
        "rbac.authorization.k8s.io/clusterroles": "ClusterRole",
        "rbac.authorization.k8s.io/clusterrolebindings": "ClusterRoleBinding",
        "admissionregistration.k8s.io/validatingwebhookconfigurations": "ValidatingWebhookConfiguration",
        "admissionregistration.k8s.io/mutatingwebhookconfigurations": "MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/validatingadmissionpolicies": "ValidatingAdmissionPolicy",
        "admissionregistration.k8s.io/validatingadmissionpolicybindings": "ValidatingAdmissionPolicyBinding",
        "apiregistration.k8s.io/apiservices": "APIService",
        "apiextensions.k8s.io/customresourcedefinitions": "CustomResourceDefinition",
        "policy/poddisruptionbudgets": "PodDisruptionBudget", "policy/podsecuritypolicies": "PodSecurityPolicy",
        "node.k8s.io/runtimeclasses": "RuntimeClass", "scheduling.k8s.io/priorityclasses": "PriorityClass",
    ]

    public static func kind(group: String, resource: String) -> String? { table["\(group)/\(resource)"] }
}
