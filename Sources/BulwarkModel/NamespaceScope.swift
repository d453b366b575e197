/// `-n NAMESPACE` for every input kind: only that namespace's objects are judged; cluster-scoped
/// objects (RBAC cluster roles and bindings, Nodes, webhooks, CRDs…), configuration documents and
/// the facts Bulwark records about nodes and probed ports stay, since they apply to every
/// namespace. A namespaced object written without `metadata.namespace` is in `default`.
public enum NamespaceScope {
    /// Built-in cluster-scoped kinds (`kubectl api-resources --namespaced=false`).
    public static let clusterScopedKinds: Set<String> = [
        "APIService", "CertificateSigningRequest", "ClusterRole", "ClusterRoleBinding", "ClusterTrustBundle",
        "ComponentStatus", "CSIDriver", "CSINode", "CustomResourceDefinition", "DeviceClass", "FlowSchema",
        "IngressClass", "IPAddress", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
        "MutatingWebhookConfiguration", "Namespace", "Node", "PersistentVolume", "PodSecurityPolicy",
        "PriorityClass", "PriorityLevelConfiguration", "RuntimeClass", "SelfSubjectAccessReview",
        "SelfSubjectReview", "SelfSubjectRulesReview", "ServiceCIDR", "StorageClass", "StorageVersion",
        "SubjectAccessReview", "TokenReview", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration", "VolumeAttachment", "VolumeAttributesClass",
    ]

    /// Documents that configure a component rather than live in the API (kubeconfig `Config`,
    /// KubeletConfiguration, EncryptionConfiguration, audit Policy, kubeadm…), and Bulwark's own
    /// node and probe facts: context for every namespace.
    public static func isContext(_ object: KubeObject) -> Bool {
        let group = object.group
        return group.hasSuffix("bulwark.io") || group.hasSuffix(".config.k8s.io") || group == "kubeadm.k8s.io"
            || group == "audit.k8s.io" || group == "apiserver.k8s.io" || group == "client.authentication.k8s.io"
            || (object.kind == "Config" && group.isEmpty)
    }

    /// Whether `object` is judged, or kept for context, when the scan is limited to `namespace`.
    public static func keeps(_ object: KubeObject, in namespace: String) -> Bool {
        if clusterScopedKinds.contains(object.kind) || isContext(object) { return true }
        let own = object.namespace.isEmpty ? "default" : object.namespace
        return own == namespace
    }

    /// The inventory limited to `namespace` (issues and collection gaps kept).
    public static func limit(_ inventory: Inventory, to namespace: String) -> Inventory {
        var out = Inventory(objects: inventory.objects.filter { keeps($0, in: namespace) }, issues: inventory.issues)
        for u in inventory.uncollected { out.add(uncollected: u) }
        if let served = inventory.servedGroupVersions { out.add(servedGroupVersions: served) }
        return out
    }
}
