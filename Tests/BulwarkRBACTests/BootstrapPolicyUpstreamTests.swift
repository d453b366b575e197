import Testing
import BulwarkModel
@testable import BulwarkRBAC

/// Exact facts from upstream's bootstrap policy data, kubernetes/kubernetes
/// `plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml` (commit
/// 025f2834a128798cef30018a5e6a6ae82b5ad885) and `cluster-role-bindings.yaml` (commit
/// c60df8997f62f861cf0cd2b13ab62271464589ed). Each expectation is a rule or name as upstream's
/// file writes it, so a change here needs a newer upstream file, not a guess.
@Suite struct BootstrapPolicyUpstreamTests {
    static func role(_ name: String) -> KubeObject? {
        BootstrapPolicy.objects.first { $0.kind == "ClusterRole" && $0.name == name }
    }

    static func rules(_ name: String) -> [PolicyRule] {
        (role(name)?.value["rules"]?.array ?? []).map(PolicyRule.init)
    }

    static func binding(_ name: String) -> KubeObject? {
        BootstrapPolicy.objects.first { $0.kind == "ClusterRoleBinding" && $0.name == name }
    }

    static func subjects(_ name: String) -> [String] {
        (binding(name)?.value["subjects"]?.array ?? []).map { s in
            [s["kind"]?.string, s["namespace"]?.string, s["name"]?.string].compactMap { $0 }.joined(separator: ":")
        }
    }

    @Test func everyNonControllerClusterRoleOfUpstreamInItsOrder() {
        let names = BootstrapPolicy.objects.filter { $0.kind == "ClusterRole" }.map(\.name)
        #expect(names == [
            "admin", "cluster-admin", "edit",
            "system:aggregate-to-admin", "system:aggregate-to-edit", "system:aggregate-to-view",
            "system:auth-delegator", "system:basic-user",
            "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
            "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
            "system:certificates.k8s.io:kube-apiserver-client-approver",
            "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
            "system:certificates.k8s.io:kubelet-serving-approver",
            "system:certificates.k8s.io:legacy-unknown-approver",
            "system:discovery", "system:heapster", "system:kube-aggregator", "system:kube-controller-manager",
            "system:kube-dns", "system:kube-scheduler", "system:kubelet-api-admin", "system:monitoring", "system:node",
            "system:node-bootstrapper", "system:node-problem-detector", "system:node-proxier",
            "system:persistent-volume-provisioner", "system:public-info-viewer",
            "system:service-account-issuer-discovery", "system:volume-scheduler", "view",
        ])
        // The controller roles live in upstream's separate controller-roles.yaml.
        #expect(!names.contains { $0.hasPrefix("system:controller:") })
        // Every default object carries the bootstrapping label and the autoupdate annotation.
        for object in BootstrapPolicy.objects {
            #expect(object.value["metadata"]?["labels"]?["kubernetes.io/bootstrapping"]?.string == "rbac-defaults")
            #expect(object.value["metadata"]?["annotations"]?["rbac.authorization.kubernetes.io/autoupdate"]?.string == "true")
        }
    }

    @Test func aggregateToEditImpersonatesServiceAccountsAndMintsTokens() {
        let rules = Self.rules("system:aggregate-to-edit")
        #expect(rules.contains(PolicyRule(verbs: ["impersonate"], apiGroups: [""], resources: ["serviceaccounts"])))
        #expect(rules.contains(PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["serviceaccounts/token"])))
        // Write on core objects: endpoints are not among them (removed upstream for CVE-2021-25740).
        #expect(rules.contains(PolicyRule(verbs: ["create", "delete", "deletecollection", "patch", "update"], apiGroups: [""],
                                          resources: ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers",
                                                      "replicationcontrollers/scale", "secrets", "serviceaccounts", "services",
                                                      "services/proxy"])))
        #expect(!rules.contains { $0.allows(.resource("create", "endpoints")) })
        #expect(rules.count == 13)
    }

    @Test func aggregationLabelsAndSelectors() {
        func selector(_ name: String) -> String? {
            Self.role(name)?.value["aggregationRule"]?["clusterRoleSelectors"]?.array?.first?["matchLabels"]?.mapping?.entries.map(\.key).first
        }
        func labels(_ name: String) -> [String] {
            (Self.role(name)?.value["metadata"]?["labels"]?.mapping?.entries.map(\.key) ?? []).sorted()
        }
        #expect(selector("admin") == "rbac.authorization.k8s.io/aggregate-to-admin")
        #expect(selector("edit") == "rbac.authorization.k8s.io/aggregate-to-edit")
        #expect(selector("view") == "rbac.authorization.k8s.io/aggregate-to-view")
        #expect(selector("cluster-admin") == nil)
        #expect(labels("admin") == ["kubernetes.io/bootstrapping"])
        #expect(labels("edit") == ["kubernetes.io/bootstrapping", "rbac.authorization.k8s.io/aggregate-to-admin"])
        #expect(labels("view") == ["kubernetes.io/bootstrapping", "rbac.authorization.k8s.io/aggregate-to-edit"])
        #expect(labels("system:aggregate-to-view") == ["kubernetes.io/bootstrapping", "rbac.authorization.k8s.io/aggregate-to-view"])
    }

    @Test func controllerManagerListsAndWatchesEverything() {
        let rules = Self.rules("system:kube-controller-manager")
        #expect(rules.contains(PolicyRule(verbs: ["list", "watch"], apiGroups: ["*"], resources: ["*"])))
        #expect(rules.first == PolicyRule(verbs: ["create", "patch", "update"], apiGroups: ["", "events.k8s.io"], resources: ["events"]))
        #expect(rules.contains(PolicyRule(verbs: ["get", "update"], apiGroups: ["coordination.k8s.io"], resources: ["leases"],
                                          resourceNames: ["kube-controller-manager"])))
        #expect(rules.count == 11)
    }

    @Test func nonResourceURLLists() {
        #expect(Self.rules("system:discovery") == [PolicyRule(verbs: ["get"], nonResourceURLs: [
            "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/",
        ])])
        #expect(Self.rules("system:public-info-viewer") == [PolicyRule(verbs: ["get"], nonResourceURLs: [
            "/healthz", "/livez", "/readyz", "/version", "/version/",
        ])])
        #expect(Self.rules("system:monitoring") == [PolicyRule(verbs: ["get"], nonResourceURLs: [
            "/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*",
        ])])
        // No trailing-slash variants here, unlike /version/.
        #expect(Self.rules("system:service-account-issuer-discovery") == [PolicyRule(verbs: ["get"], nonResourceURLs: [
            "/.well-known/openid-configuration", "/openid/v1/jwks",
        ])])
        #expect(Self.rules("cluster-admin") == [PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
                                                 PolicyRule(verbs: ["*"], nonResourceURLs: ["*"])])
    }

    @Test func basicUserIncludesSelfSubjectReviews() {
        #expect(Self.rules("system:basic-user") == [
            PolicyRule(verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            PolicyRule(verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"]),
        ])
    }

    @Test func nodeAndProvisionerRules() {
        let node = Self.rules("system:node")
        #expect(node.count == 22)
        // Events in the core group only, unlike the proxier's and scheduler's.
        #expect(node.contains(PolicyRule(verbs: ["create", "patch", "update"], apiGroups: [""], resources: ["events"])))
        #expect(!node.contains { $0.allows(.resource("create", "events", group: "events.k8s.io")) })
        #expect(node.contains(PolicyRule(verbs: ["get"], apiGroups: ["storage.k8s.io"], resources: ["volumeattachments"])))
        #expect(node.contains(PolicyRule(verbs: ["get", "patch", "update"], apiGroups: [""], resources: ["persistentvolumeclaims/status"])))
        #expect(node.last == PolicyRule(verbs: ["get", "list", "watch"], apiGroups: ["node.k8s.io"], resources: ["runtimeclasses"]))
        #expect(Self.rules("system:persistent-volume-provisioner").suffix(2) == [
            PolicyRule(verbs: ["watch"], apiGroups: [""], resources: ["events"]),
            PolicyRule(verbs: ["create", "patch", "update"], apiGroups: ["", "events.k8s.io"], resources: ["events"]),
        ])
        #expect(!Self.rules("system:persistent-volume-provisioner").contains { $0.allows(.resource("list", "events")) })
        #expect(Self.rules("system:kubelet-api-admin") == [
            PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["nodes"]),
            PolicyRule(verbs: ["proxy"], apiGroups: [""], resources: ["nodes"]),
            PolicyRule(verbs: ["*"], apiGroups: [""], resources: ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"]),
        ])
        #expect(Self.rules("system:certificates.k8s.io:kubelet-serving-approver") == [
            PolicyRule(verbs: ["approve"], apiGroups: ["certificates.k8s.io"], resources: ["signers"], resourceNames: ["kubernetes.io/kubelet-serving"]),
        ])
    }

    @Test func bindingsAndSubjects() {
        #expect(Self.subjects("cluster-admin") == ["Group:system:masters"])
        #expect(Self.subjects("system:basic-user") == ["Group:system:authenticated"])
        #expect(Self.subjects("system:discovery") == ["Group:system:authenticated"])
        #expect(Self.subjects("system:public-info-viewer") == ["Group:system:authenticated", "Group:system:unauthenticated"])
        #expect(Self.subjects("system:kube-dns") == ["ServiceAccount:kube-system:kube-dns"])
        #expect(Self.subjects("system:volume-scheduler") == ["User:system:kube-scheduler"])
        #expect(Self.subjects("system:node-proxier") == ["User:system:kube-proxy"])
        // system:node: the binding exists with no subjects field at all.
        #expect(Self.binding("system:node") != nil)
        #expect(Self.binding("system:node")?.value["subjects"] == nil)
        // Users and groups carry the RBAC API group, service accounts none.
        #expect(Self.binding("cluster-admin")?.value["subjects"]?.array?.first?["apiGroup"]?.string == "rbac.authorization.k8s.io")
        #expect(Self.binding("system:kube-dns")?.value["subjects"]?.array?.first?["apiGroup"] == nil)
        // No default binding for the unbound roles added from upstream's list.
        for name in ["system:heapster", "system:kube-aggregator", "system:node-problem-detector"] {
            #expect(!BootstrapPolicy.objects.contains { $0.kind == "ClusterRoleBinding" && $0.value["roleRef"]?["name"]?.string == name })
        }
    }
}
