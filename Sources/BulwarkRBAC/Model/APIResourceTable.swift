/// The built-in resources of Kubernetes (v1.31 discovery), by plural name: their API group and
/// whether they are namespaced. `kubectl` resolves bare names with the server's REST mapper;
/// offline, this table does the same for the built-ins. Where a name exists in several groups
/// (`events`, legacy `extensions` kinds) the preferred group of current releases wins.
public enum APIResourceTable {
    public struct Entry: Sendable, Hashable {
        public var group: String
        public var namespaced: Bool
    }

    public static let entries: [String: Entry] = {
        var table: [String: Entry] = [:]
        func add(_ group: String, namespaced: Bool, _ names: [String]) {
            for n in names where table[n] == nil { table[n] = Entry(group: group, namespaced: namespaced) }
        }
        add("", namespaced: true, ["pods", "services", "endpoints", "configmaps", "secrets", "serviceaccounts",
                                   "persistentvolumeclaims", "replicationcontrollers", "events", "limitranges",
                                   "resourcequotas", "podtemplates", "bindings"])
        add("", namespaced: false, ["nodes", "namespaces", "persistentvolumes", "componentstatuses"])
        add("apps", namespaced: true, ["deployments", "replicasets", "statefulsets", "daemonsets", "controllerrevisions"])
        add("batch", namespaced: true, ["jobs", "cronjobs"])
        add("autoscaling", namespaced: true, ["horizontalpodautoscalers"])
        add("policy", namespaced: true, ["poddisruptionbudgets"])
        add("networking.k8s.io", namespaced: true, ["networkpolicies", "ingresses"])
        add("networking.k8s.io", namespaced: false, ["ingressclasses", "ipaddresses", "servicecidrs"])
        add("discovery.k8s.io", namespaced: true, ["endpointslices"])
        add("rbac.authorization.k8s.io", namespaced: true, ["roles", "rolebindings"])
        add("rbac.authorization.k8s.io", namespaced: false, ["clusterroles", "clusterrolebindings"])
        add("certificates.k8s.io", namespaced: false, ["certificatesigningrequests", "signers", "clustertrustbundles"])
        add("admissionregistration.k8s.io", namespaced: false, ["mutatingwebhookconfigurations", "validatingwebhookconfigurations",
                                                                "validatingadmissionpolicies", "validatingadmissionpolicybindings",
                                                                "mutatingadmissionpolicies", "mutatingadmissionpolicybindings"])
        add("apiextensions.k8s.io", namespaced: false, ["customresourcedefinitions"])
        add("apiregistration.k8s.io", namespaced: false, ["apiservices"])
        add("storage.k8s.io", namespaced: false, ["storageclasses", "volumeattachments", "csidrivers", "csinodes", "volumeattributesclasses"])
        add("storage.k8s.io", namespaced: true, ["csistoragecapacities"])
        add("scheduling.k8s.io", namespaced: false, ["priorityclasses"])
        add("node.k8s.io", namespaced: false, ["runtimeclasses"])
        add("coordination.k8s.io", namespaced: true, ["leases"])
        add("authentication.k8s.io", namespaced: false, ["tokenreviews", "selfsubjectreviews"])
        add("authorization.k8s.io", namespaced: false, ["subjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews"])
        add("authorization.k8s.io", namespaced: true, ["localsubjectaccessreviews"])
        add("flowcontrol.apiserver.k8s.io", namespaced: false, ["flowschemas", "prioritylevelconfigurations"])
        add("resource.k8s.io", namespaced: true, ["resourceclaims", "resourceclaimtemplates"])
        add("resource.k8s.io", namespaced: false, ["deviceclasses", "resourceslices"])
        // Identities (impersonation targets) are authorized as core-group resources.
        add("", namespaced: false, ["users", "groups", "uids"])
        add("authentication.k8s.io", namespaced: false, ["userextras"])
        return table
    }()

    public static func group(of resource: String) -> String? { entries[resource]?.group }

    /// False for cluster-scoped built-ins; unknown resources count as namespaced.
    public static func isNamespaced(_ resource: String, group: String) -> Bool {
        guard let e = entries[resource], e.group == group else { return true }
        return e.namespaced
    }
}
