import BulwarkModel

/// A Role (namespaced) or ClusterRole, decoded from its object. `rules` of an aggregated
/// ClusterRole are the computed union once the index has resolved aggregation.
public struct RBACRole: Sendable {
    public var key: ObjectKey
    public var labels: [String: String]
    public var rules: [PolicyRule]
    /// `aggregationRule.clusterRoleSelectors`; nil when the role is not aggregated.
    public var aggregationSelectors: [LabelSelector]?
    public var object: KubeObject

    public var isClusterRole: Bool { key.kind == "ClusterRole" }
    /// Kubernetes' own default roles carry this label.
    public var isBootstrapDefault: Bool { labels["kubernetes.io/bootstrapping"] == "rbac-defaults" }

    public init?(_ object: KubeObject) {
        guard object.kind == "Role" || object.kind == "ClusterRole" else { return nil }
        let namespace = object.kind == "Role" ? (object.namespace.isEmpty ? "default" : object.namespace) : ""
        self.key = ObjectKey(kind: object.kind, namespace: namespace, name: object.name)
        self.labels = object.labels
        self.rules = (object.value["rules"]?.array ?? []).map(PolicyRule.init)
        if object.kind == "ClusterRole", let selectors = object.value["aggregationRule"]?["clusterRoleSelectors"]?.array {
            self.aggregationSelectors = selectors.map(LabelSelector.init(decoding:))
        } else {
            self.aggregationSelectors = nil
        }
        self.object = object
    }
}
