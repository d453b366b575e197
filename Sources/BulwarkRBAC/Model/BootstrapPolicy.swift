import BulwarkModel

/// The ClusterRoles and ClusterRoleBindings every cluster is created with (the API server's
/// bootstrap policy). Manifests rarely include them, yet bindings to `cluster-admin`, `admin`,
/// `edit` and `view` are everywhere: the index adds each one the input does not define.
///
/// Checked line by line against upstream's own data, kubernetes/kubernetes
/// `plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/`:
/// - `cluster-roles.yaml` at commit 025f2834a128798cef30018a5e6a6ae82b5ad885: every ClusterRole
///   there is here, in the same order, with the same rules in the same order (lists sorted as
///   upstream writes them);
/// - `cluster-role-bindings.yaml` at commit c60df8997f62f861cf0cd2b13ab62271464589ed: every
///   binding there is here with the same subjects. That stored copy is older than the roles file
///   and lacks the `system:monitoring` and `system:service-account-issuer-discovery` bindings,
///   which current API servers create (policy.go `ClusterRoleBindings()`); they are kept here,
///   unverified against stored testdata.
/// The controller roles and bindings (`system:controller:*`, in the separate
/// `controller-roles.yaml` / `controller-role-bindings.yaml`; bound to kube-system service
/// accounts when kube-controller-manager uses per-controller credentials) are not included.
public enum BootstrapPolicy {
    // Verb lists, sorted as upstream's testdata writes them.
    static let rw = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    static let read = ["get", "list", "watch"]
    static let write = ["create", "delete", "deletecollection", "patch", "update"]
    static let record = ["create", "patch", "update"]

    static func r(_ groups: [String], _ resources: [String], _ verbs: [String], names: [String] = []) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names)
    }

    static func urls(_ urls: [String], _ verbs: [String] = ["get"]) -> PolicyRule {
        PolicyRule(verbs: verbs, nonResourceURLs: urls)
    }

    static let aggregateLabel = "rbac.authorization.k8s.io/aggregate-to-"

    /// (name, labels beyond the bootstrapping label, aggregation label selected or nil, rules),
    /// in upstream's order.
    static let clusterRoles: [(String, [String: String], String?, [PolicyRule])] = [
        ("admin", [:], aggregateLabel + "admin", []),
        ("cluster-admin", [:], nil, [r(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
        ("edit", [aggregateLabel + "admin": "true"], aggregateLabel + "edit", []),
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
            r(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"]),
            r(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]),
        ]),
        ("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [:], nil, [
            r(["certificates.k8s.io"], ["certificatesigningrequests/nodeclient"], ["create"]),
        ]),
        ("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [:], nil, [
            r(["certificates.k8s.io"], ["certificatesigningrequests/selfnodeclient"], ["create"]),
        ]),
        ("system:certificates.k8s.io:kube-apiserver-client-approver", [:], nil, [
            r(["certificates.k8s.io"], ["signers"], ["approve"], names: ["kubernetes.io/kube-apiserver-client"]),
        ]),
        ("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver", [:], nil, [
            r(["certificates.k8s.io"], ["signers"], ["approve"], names: ["kubernetes.io/kube-apiserver-client-kubelet"]),
        ]),
        ("system:certificates.k8s.io:kubelet-serving-approver", [:], nil, [
            r(["certificates.k8s.io"], ["signers"], ["approve"], names: ["kubernetes.io/kubelet-serving"]),
        ]),
        ("system:certificates.k8s.io:legacy-unknown-approver", [:], nil, [
            r(["certificates.k8s.io"], ["signers"], ["approve"], names: ["kubernetes.io/legacy-unknown"]),
        ]),
        ("system:discovery", [:], nil, [urls(["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*",
                                              "/readyz", "/version", "/version/"])]),
        ("system:heapster", [:], nil, [
            r([""], ["events", "namespaces", "nodes", "pods"], read),
            r(["extensions"], ["deployments"], read),
        ]),
        ("system:kube-aggregator", [:], nil, [r([""], ["endpoints", "services"], read)]),
        ("system:kube-controller-manager", [:], nil, [
            r(["", "events.k8s.io"], ["events"], record),
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
        ("system:kube-dns", [:], nil, [r([""], ["endpoints", "services"], ["list", "watch"])]),
        ("system:kube-scheduler", [:], nil, [
            r(["", "events.k8s.io"], ["events"], record),
            r(["coordination.k8s.io"], ["leases"], ["create"]),
            r(["coordination.k8s.io"], ["leases"], ["get", "update"], names: ["kube-scheduler"]),
            r([""], ["nodes"], read),
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
            r(["storage.k8s.io"], ["csinodes"], read),
            r([""], ["namespaces"], read),
            r(["storage.k8s.io"], ["csidrivers"], read),
            r(["storage.k8s.io"], ["csistoragecapacities"], read),
        ]),
        ("system:kubelet-api-admin", [:], nil, [
            r([""], ["nodes"], read),
            r([""], ["nodes"], ["proxy"]),
            r([""], ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"], ["*"]),
        ]),
        ("system:monitoring", [:], nil, [urls(["/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis",
                                               "/readyz", "/readyz/*"])]),
        ("system:node", [:], nil, [
            r(["authentication.k8s.io"], ["tokenreviews"], ["create"]),
            r(["authorization.k8s.io"], ["localsubjectaccessreviews", "subjectaccessreviews"], ["create"]),
            r([""], ["services"], read),
            r([""], ["nodes"], ["create", "get", "list", "watch"]),
            r([""], ["nodes/status"], ["patch", "update"]),
            r([""], ["nodes"], ["patch", "update"]),
            r([""], ["events"], record),
            r([""], ["pods"], read),
            r([""], ["pods"], ["create", "delete"]),
            r([""], ["pods/status"], ["patch", "update"]),
            r([""], ["pods/eviction"], ["create"]),
            r([""], ["configmaps", "secrets"], read),
            r([""], ["persistentvolumeclaims", "persistentvolumes"], ["get"]),
            r([""], ["endpoints"], ["get"]),
            r(["certificates.k8s.io"], ["certificatesigningrequests"], ["create", "get", "list", "watch"]),
            r(["coordination.k8s.io"], ["leases"], ["create", "delete", "get", "patch", "update"]),
            r(["storage.k8s.io"], ["volumeattachments"], ["get"]),
            r([""], ["serviceaccounts/token"], ["create"]),
            r([""], ["persistentvolumeclaims/status"], ["get", "patch", "update"]),
            r(["storage.k8s.io"], ["csidrivers"], read),
            r(["storage.k8s.io"], ["csinodes"], ["create", "delete", "get", "patch", "update"]),
            r(["node.k8s.io"], ["runtimeclasses"], read),
        ]),
        ("system:node-bootstrapper", [:], nil, [r(["certificates.k8s.io"], ["certificatesigningrequests"], ["create", "get", "list", "watch"])]),
        ("system:node-problem-detector", [:], nil, [
            r([""], ["nodes"], ["get"]),
            r([""], ["nodes/status"], ["patch"]),
            r(["", "events.k8s.io"], ["events"], record),
        ]),
        ("system:node-proxier", [:], nil, [
            r([""], ["endpoints", "services"], ["list", "watch"]),
            r([""], ["nodes"], read),
            r(["", "events.k8s.io"], ["events"], record),
            r(["discovery.k8s.io"], ["endpointslices"], ["list", "watch"]),
        ]),
        ("system:persistent-volume-provisioner", [:], nil, [
            r([""], ["persistentvolumes"], ["create", "delete", "get", "list", "watch"]),
            r([""], ["persistentvolumeclaims"], ["get", "list", "update", "watch"]),
            r(["storage.k8s.io"], ["storageclasses"], read),
            r([""], ["events"], ["watch"]),
            r(["", "events.k8s.io"], ["events"], record),
        ]),
        ("system:public-info-viewer", [:], nil, [urls(["/healthz", "/livez", "/readyz", "/version", "/version/"])]),
        ("system:service-account-issuer-discovery", [:], nil, [urls(["/.well-known/openid-configuration", "/openid/v1/jwks"])]),
        ("system:volume-scheduler", [:], nil, [
            r([""], ["persistentvolumes"], ["get", "list", "patch", "update", "watch"]),
            r(["storage.k8s.io"], ["storageclasses"], read),
            r([""], ["persistentvolumeclaims"], ["get", "list", "patch", "update", "watch"]),
        ]),
        ("view", [aggregateLabel + "edit": "true"], aggregateLabel + "view", []),
    ]

    /// (binding name, role name, subjects as (kind, namespace, name)), in upstream's order; the
    /// two bindings absent from the stored testdata (see above) are at the end.
    static let clusterRoleBindings: [(String, String, [(String, String, String)])] = [
        ("cluster-admin", "cluster-admin", [("Group", "", "system:masters")]),
        ("system:basic-user", "system:basic-user", [("Group", "", "system:authenticated")]),
        ("system:discovery", "system:discovery", [("Group", "", "system:authenticated")]),
        ("system:kube-controller-manager", "system:kube-controller-manager", [("User", "", "system:kube-controller-manager")]),
        ("system:kube-dns", "system:kube-dns", [("ServiceAccount", "kube-system", "kube-dns")]),
        ("system:kube-scheduler", "system:kube-scheduler", [("User", "", "system:kube-scheduler")]),
        // Bound to no one: nodes are authorized by the Node authorizer.
        ("system:node", "system:node", []),
        ("system:node-proxier", "system:node-proxier", [("User", "", "system:kube-proxy")]),
        ("system:public-info-viewer", "system:public-info-viewer", [("Group", "", "system:authenticated"), ("Group", "", "system:unauthenticated")]),
        ("system:volume-scheduler", "system:volume-scheduler", [("User", "", "system:kube-scheduler")]),
        // Not in the stored testdata copy (older than the roles file); created by current API servers.
        ("system:monitoring", "system:monitoring", [("Group", "", "system:monitoring")]),
        ("system:service-account-issuer-discovery", "system:service-account-issuer-discovery", [("Group", "", "system:serviceaccounts")]),
    ]

    /// The kube-system service accounts Kubernetes itself creates and binds: the subjects of the
    /// bootstrap cluster role bindings above (`kube-dns`), kube-controller-manager's
    /// per-controller accounts (upstream testdata `controller-role-bindings.yaml`, plus the
    /// controllers behind feature gates in `controller_policy.go`) and the namespaced controller
    /// bindings of `namespace-role-bindings.yaml` (bootstrap-signer, cloud-provider, token-cleaner).
    public static let kubernetesServiceAccounts: Set<String> = {
        var names: Set<String> = [
            "attachdetach-controller", "certificate-controller", "clusterrole-aggregation-controller",
            "cronjob-controller", "daemon-set-controller", "deployment-controller", "disruption-controller",
            "endpoint-controller", "endpointslice-controller", "endpointslicemirroring-controller",
            "ephemeral-volume-controller", "expand-controller", "generic-garbage-collector",
            "horizontal-pod-autoscaler", "job-controller", "legacy-service-account-token-cleaner",
            "namespace-controller", "node-controller", "persistent-volume-binder", "pod-garbage-collector",
            "podcheckpoint-controller", "pv-protection-controller", "pvc-protection-controller",
            "replicaset-controller", "replication-controller", "resource-claim-controller",
            "resourcequota-controller", "root-ca-cert-publisher", "route-controller",
            "selinux-warning-controller", "service-account-controller", "service-cidrs-controller",
            "service-controller", "statefulset-controller", "ttl-after-finished-controller", "ttl-controller",
            "validatingadmissionpolicy-status-controller", "volumeattributesclass-protection-controller",
            // Feature-gated controllers of controller_policy.go.
            "storage-version-garbage-collector", "kube-apiserver-serving-clustertrustbundle-publisher",
            "device-taint-eviction-controller",
            // namespace-role-bindings.yaml (kube-system and kube-public Role bindings).
            "bootstrap-signer", "cloud-provider", "token-cleaner",
        ]
        for (_, _, subjects) in clusterRoleBindings {
            for (kind, namespace, name) in subjects where kind == "ServiceAccount" && namespace == "kube-system" {
                names.insert(name)
            }
        }
        return names
    }()

    static let defaultLabels: Value = ["kubernetes.io/bootstrapping": "rbac-defaults"]
    static let defaultAnnotations: Value = ["rbac.authorization.kubernetes.io/autoupdate": "true"]

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
            root.set("metadata", ["name": .string(name), "labels": .mapping(labels), "annotations": defaultAnnotations])
            if let selects {
                root.set("aggregationRule", ["clusterRoleSelectors": [["matchLabels": .mapping(Mapping([Mapping.Entry(key: selects, value: "true")]))]]])
            }
            root.set("rules", .array(rules.map(\.value)))
            out.append(KubeObject(.mapping(root)))
        }
        for (name, role, subjects) in clusterRoleBindings {
            let subjectValues: [Value] = subjects.map { kind, ns, subjectName in
                var m = Mapping()
                // As upstream writes them: users and groups carry the RBAC API group.
                if kind != "ServiceAccount" { m.set("apiGroup", "rbac.authorization.k8s.io") }
                m.set("kind", .string(kind))
                m.set("name", .string(subjectName))
                if !ns.isEmpty { m.set("namespace", .string(ns)) }
                return .mapping(m)
            }
            var root = Mapping()
            root.set("apiVersion", "rbac.authorization.k8s.io/v1")
            root.set("kind", "ClusterRoleBinding")
            root.set("metadata", ["name": .string(name), "labels": defaultLabels, "annotations": defaultAnnotations])
            root.set("roleRef", ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role)])
            // Upstream's system:node binding has no subjects field at all.
            if !subjectValues.isEmpty { root.set("subjects", .array(subjectValues)) }
            out.append(KubeObject(.mapping(root)))
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
