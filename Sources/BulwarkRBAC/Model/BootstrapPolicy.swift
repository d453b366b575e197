import BulwarkModel

/// The ClusterRoles and ClusterRoleBindings every cluster is created with (the API server's
/// bootstrap policy, Kubernetes v1.31; upstream keeps them as data in
/// `plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml` and
/// `cluster-role-bindings.yaml`). Manifests rarely include them, yet bindings to `cluster-admin`,
/// `admin`, `edit` and `view` are everywhere: the index adds each one the input does not define.
/// The controller roles (`system:controller:*`, bound to kube-system service accounts when
/// kube-controller-manager uses per-controller credentials) are not included.
public enum BootstrapPolicy {
    static let rw = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
    static let read = ["get", "list", "watch"]
    static let write = ["create", "delete", "deletecollection", "patch", "update"]

    static func r(_ groups: [String], _ resources: [String], _ verbs: [String], names: [String] = []) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names)
    }

    static func urls(_ urls: [String], _ verbs: [String] = ["get"]) -> PolicyRule {
        PolicyRule(verbs: verbs, nonResourceURLs: urls)
    }

    static let aggregateLabel = "rbac.authorization.k8s.io/aggregate-to-"

    /// (name, labels beyond the bootstrapping label, aggregation label selected or nil, rules).
    static let clusterRoles: [(String, [String: String], String?, [PolicyRule])] = [
        ("cluster-admin", [:], nil, [r(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
        ("admin", [:], aggregateLabel + "admin", []),
        ("edit", [aggregateLabel + "admin": "true"], aggregateLabel + "edit", []),
        ("view", [aggregateLabel + "edit": "true"], aggregateLabel + "view", []),
        ("system:aggregate-to-admin", [aggregateLabel + "admin": "true"], nil, [
            r(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
            r(["rbac.authorization.k8s.io"], ["rolebindings", "roles"], rw),
        ]),
        ("system:aggregate-to-edit", [aggregateLabel + "edit": "true"], nil, [
            r([""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], read),
            r([""], ["serviceaccounts"], ["impersonate"]),
            r([""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], write),
            r([""], ["pods/eviction"], ["create"]),
            r([""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale",
                     "secrets", "serviceaccounts", "services", "services/proxy"], write),
            r([""], ["serviceaccounts/token"], ["create"]),
            r(["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
                         "replicasets/scale", "statefulsets", "statefulsets/scale"], write),
            r(["autoscaling"], ["horizontalpodautoscalers"], write),
            r(["batch"], ["cronjobs", "jobs"], write),
            r(["extensions"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses",
                               "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"], write),
            r(["policy"], ["poddisruptionbudgets"], write),
            r(["networking.k8s.io"], ["ingresses", "networkpolicies"], write),
            r(["coordination.k8s.io"], ["leases"], rw),
        ]),
        ("system:aggregate-to-view", [aggregateLabel + "view": "true"], nil, [
            r([""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods",
                     "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"], read),
            r([""], ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
                     "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"], read),
            r([""], ["namespaces"], read),
            r(["discovery.k8s.io"], ["endpointslices"], read),
            r(["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                         "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
                         "statefulsets/scale", "statefulsets/status"], read),
            r(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], read),
            r(["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], read),
            r(["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
                               "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale",
                               "replicasets/status", "replicationcontrollers/scale"], read),
            r(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], read),
            r(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], read),
        ]),
        ("system:auth-delegator", [:], nil, [
            r(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
            r(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
        ]),
        ("system:basic-user", [:], nil, [
            r(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]),
            r(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"]),
        ]),
        ("system:discovery", [:], nil, [urls(["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*",
                                              "/readyz", "/version", "/version/"])]),
        ("system:public-info-viewer", [:], nil, [urls(["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
        ("system:monitoring", [:], nil, [urls(["/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis",
                                               "/readyz", "/readyz/*"])]),
        ("system:service-account-issuer-discovery", [:], nil, [urls(["/.well-known/openid-configuration", "/.well-known/openid-configuration/",
                                                                     "/openid/v1/jwks", "/openid/v1/jwks/"])]),
        ("system:kube-controller-manager", [:], nil, [
            r([""], ["events"], ["create", "patch", "update"]),
            r(["events.k8s.io"], ["events"], ["create", "patch", "update"]),
            r(["coordination.k8s.io"], ["leases"], ["create"]),
            r(["coordination.k8s.io"], ["leases"], ["get", "update"], names: ["kube-controller-manager"]),
            r([""], ["secrets", "serviceaccounts"], ["create"]),
            r([""], ["secrets"], ["delete"]),
            r([""], ["configmaps", "namespaces", "secrets", "serviceaccounts"], ["get"]),
            r([""], ["secrets", "serviceaccounts"], ["update"]),
            r(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
            r(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
            r(["*"], ["*"], ["list", "watch"]),
            r([""], ["serviceaccounts/token"], ["create"]),
        ]),
        ("system:kube-scheduler", [:], nil, [
            r([""], ["events"], ["create", "patch", "update"]),
            r(["events.k8s.io"], ["events"], ["create", "patch", "update"]),
            r(["coordination.k8s.io"], ["leases"], ["create"]),
            r(["coordination.k8s.io"], ["leases"], ["get", "update"], names: ["kube-scheduler"]),
            r([""], ["nodes"], read),
            r([""], ["namespaces"], read),
            r([""], ["pods"], ["delete", "get", "list", "watch"]),
            r([""], ["bindings", "pods/binding"], ["create"]),
            r([""], ["pods/status"], ["patch", "update"]),
            r([""], ["replicationcontrollers", "services"], read),
            r(["apps", "extensions"], ["replicasets"], read),
            r(["apps"], ["statefulsets"], read),
            r(["policy"], ["poddisruptionbudgets"], read),
            r([""], ["persistentvolumeclaims", "persistentvolumes"], read),
            r(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
            r(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"]),
            r(["storage.k8s.io"], ["csinodes", "csidrivers", "csistoragecapacities"], read),
        ]),
        ("system:kube-dns", [:], nil, [r([""], ["endpoints", "services"], ["list", "watch"])]),
        ("system:node-proxier", [:], nil, [
            r([""], ["endpoints", "services"], ["list", "watch"]),
            r([""], ["nodes"], read),
            r(["", "events.k8s.io"], ["events"], ["create", "patch", "update"]),
            r(["discovery.k8s.io"], ["endpointslices"], ["list", "watch"]),
        ]),
        ("system:volume-scheduler", [:], nil, [
            r([""], ["persistentvolumes"], ["get", "list", "patch", "update", "watch"]),
            r(["storage.k8s.io"], ["storageclasses"], read),
            r([""], ["persistentvolumeclaims"], ["get", "list", "patch", "update", "watch"]),
        ]),
        ("system:node", [:], nil, [
            r(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
            r(["authorization.k8s.io"], ["localsubjectaccessreviews", "subjectaccessreviews"], ["create"]),
            r([""], ["services"], read),
            r([""], ["nodes"], ["create", "get", "list", "watch"]),
            r([""], ["nodes/status"], ["patch", "update"]),
            r([""], ["nodes"], ["patch", "update"]),
            r(["", "events.k8s.io"], ["events"], ["create", "patch", "update"]),
            r([""], ["pods"], read),
            r([""], ["pods"], ["create", "delete"]),
            r([""], ["pods/status"], ["patch", "update"]),
            r([""], ["pods/eviction"], ["create"]),
            r([""], ["configmaps", "secrets"], read),
            r([""], ["persistentvolumeclaims", "persistentvolumes"], ["get"]),
            r([""], ["endpoints"], ["get"]),
            r(["certificates.k8s.io"], ["certificatesigningrequests"], ["create", "get", "list", "watch"]),
            r(["coordination.k8s.io"], ["leases"], ["create", "delete", "get", "patch", "update"]),
            r([""], ["serviceaccounts/token"], ["create"]),
        ]),
        ("system:node-bootstrapper", [:], nil, [r(["certificates.k8s.io"], ["certificatesigningrequests"], ["create", "get", "list", "watch"])]),
        ("system:kubelet-api-admin", [:], nil, [
            r([""], ["nodes"], ["get", "list", "watch", "proxy"]),
            r([""], ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"], ["*"]),
        ]),
        ("system:certificates.k8s.io:kube-apiserver-client-approver", [:], nil, [
            r(["certificates.k8s.io"], ["signers"], ["approve"], names: ["kubernetes.io/kube-apiserver-client"]),
        ]),
        ("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver", [:], nil, [
            r(["certificates.k8s.io"], ["signers"], ["approve"], names: ["kubernetes.io/kube-apiserver-client-kubelet"]),
        ]),
        ("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [:], nil, [
            r(["certificates.k8s.io"], ["certificatesigningrequests/nodeclient"], ["create"]),
        ]),
        ("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [:], nil, [
            r(["certificates.k8s.io"], ["certificatesigningrequests/selfnodeclient"], ["create"]),
        ]),
        ("system:persistent-volume-provisioner", [:], nil, [
            r([""], ["persistentvolumes"], ["create", "delete", "get", "list", "watch"]),
            r([""], ["persistentvolumeclaims"], ["get", "list", "update", "watch"]),
            r(["storage.k8s.io"], ["storageclasses"], read),
            r([""], ["events"], ["create", "list", "patch", "update", "watch"]),
        ]),
    ]

    /// (binding name = role name, subjects).
    static let clusterRoleBindings: [(String, String, [(String, String, String)])] = [
        ("cluster-admin", "cluster-admin", [("Group", "", "system:masters")]),
        ("system:basic-user", "system:basic-user", [("Group", "", "system:authenticated")]),
        ("system:discovery", "system:discovery", [("Group", "", "system:authenticated")]),
        ("system:public-info-viewer", "system:public-info-viewer", [("Group", "", "system:authenticated"), ("Group", "", "system:unauthenticated")]),
        ("system:monitoring", "system:monitoring", [("Group", "", "system:monitoring")]),
        ("system:service-account-issuer-discovery", "system:service-account-issuer-discovery", [("Group", "", "system:serviceaccounts")]),
        ("system:kube-controller-manager", "system:kube-controller-manager", [("User", "", "system:kube-controller-manager")]),
        ("system:kube-scheduler", "system:kube-scheduler", [("User", "", "system:kube-scheduler")]),
        ("system:volume-scheduler", "system:volume-scheduler", [("User", "", "system:kube-scheduler")]),
        ("system:kube-dns", "system:kube-dns", [("ServiceAccount", "kube-system", "kube-dns")]),
        ("system:node-proxier", "system:node-proxier", [("User", "", "system:kube-proxy")]),
        // Bound to no one: nodes are authorized by the Node authorizer.
        ("system:node", "system:node", []),
    ]

    static let defaultLabels: Value = ["kubernetes.io/bootstrapping": "rbac-defaults"]

    /// The default objects, as a cluster would return them (aggregated roles with empty rules:
    /// the index fills them, as the controller does).
    public static let objects: [KubeObject] = {
        var out: [KubeObject] = []
        for (name, extraLabels, selects, rules) in clusterRoles {
            var labels = Mapping([Mapping.Entry(key: "kubernetes.io/bootstrapping", value: "rbac-defaults")])
            for (k, v) in extraLabels.sorted(by: { $0.key < $1.key }) { labels.set(k, .string(v)) }
            var root = Mapping()
            root.set("apiVersion", "rbac.authorization.k8s.io/v1")
            root.set("kind", "ClusterRole")
            root.set("metadata", ["name": .string(name), "labels": .mapping(labels)])
            if let selects {
                root.set("aggregationRule", ["clusterRoleSelectors": [["matchLabels": .mapping(Mapping([Mapping.Entry(key: selects, value: "true")]))]]])
            }
            root.set("rules", .array(rules.map(\.value)))
            out.append(KubeObject(.mapping(root)))
        }
        for (name, role, subjects) in clusterRoleBindings {
            let subjectValues: [Value] = subjects.map { kind, ns, subjectName in
                var m = Mapping()
                m.set("kind", .string(kind))
                m.set("name", .string(subjectName))
                if !ns.isEmpty { m.set("namespace", .string(ns)) }
                return .mapping(m)
            }
            out.append(KubeObject([
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                "metadata": ["name": .string(name), "labels": defaultLabels],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role)],
                "subjects": .array(subjectValues),
            ]))
        }
        return out
    }()
}

extension PolicyRule {
    /// The rule as the unstructured tree (empty lists left out).
    var value: Value {
        var m = Mapping()
        if !apiGroups.isEmpty || !resources.isEmpty { m.set("apiGroups", .array(apiGroups.map(Value.string))) }
        if !resources.isEmpty { m.set("resources", .array(resources.map(Value.string))) }
        if !resourceNames.isEmpty { m.set("resourceNames", .array(resourceNames.map(Value.string))) }
        if !nonResourceURLs.isEmpty { m.set("nonResourceURLs", .array(nonResourceURLs.map(Value.string))) }
        m.set("verbs", .array(verbs.map(Value.string)))
        return .mapping(m)
    }
}
