/// Kinds that many controls read together, for their `reads:` declarations.
enum ObjectKinds {
    /// Every kind whose objects run pods.
    static let workloads = ["Pod", "ReplicationController", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob"]
    /// What the RBAC index is built from.
    static let rbac = ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "ServiceAccount"]
    /// The control plane's static Pods: component-flag controls read the flags in their commands.
    static let controlPlanePods = ["Pod"]
}
