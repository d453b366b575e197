import Testing
import BulwarkModel
@testable import BulwarkRBAC

/// Known answers on a fresh cluster: the bootstrap ClusterRoles and ClusterRoleBindings
/// (`BootstrapPolicy`, checked against upstream's bootstrappolicy testdata; commits in its header).
@Suite struct DefaultClusterTests {
    static let fresh = RBACIndex(inventory: Inventory(objects: BootstrapPolicy.objects), assumeDefaults: false)

    func whoCan(_ request: AccessRequest, _ filter: ScopeFilter = .clusterWide, in index: RBACIndex = fresh) -> [String] {
        Set(index.grants(allowing: request, in: filter).map(\.subject.description)).sorted()
    }

    @Test func secretReadersInAFreshCluster() {
        // get: cluster-admin (system:masters) and the controller manager; the kubelet's
        // system:node role is bound to no one (the Node authorizer serves nodes).
        #expect(whoCan(.resource("get", "secrets")) == ["group:system:masters", "user:system:kube-controller-manager"])
        #expect(whoCan(.resource("list", "secrets")) == ["group:system:masters", "user:system:kube-controller-manager"])
        #expect(whoCan(.resource("delete", "secrets")) == ["group:system:masters", "user:system:kube-controller-manager"])
        #expect(whoCan(.resource("create", "pods")) == ["group:system:masters"])
    }

    @Test func discoveryAndPublicInfo() {
        #expect(whoCan(.nonResource("get", "/healthz")) == ["group:system:authenticated", "group:system:masters", "group:system:monitoring", "group:system:unauthenticated"])
        #expect(whoCan(.nonResource("get", "/apis/apps/v1")) == ["group:system:authenticated", "group:system:masters"])
        #expect(whoCan(.nonResource("get", "/openid/v1/jwks")) == ["group:system:masters", "group:system:serviceaccounts"])
        #expect(whoCan(.nonResource("get", "/metrics")) == ["group:system:masters", "group:system:monitoring"])
        #expect(whoCan(.resource("create", "selfsubjectaccessreviews", group: "authorization.k8s.io")) == ["group:system:authenticated", "group:system:masters"])
    }

    @Test func anonymousAndServiceAccountsInAFreshCluster() {
        let anonymous = RBACSubject.user("system:anonymous")
        #expect(!Self.fresh.grants(for: anonymous, allowing: .nonResource("get", "/version"), in: .clusterWide).isEmpty)
        #expect(Self.fresh.grants(for: anonymous, allowing: .nonResource("get", "/api"), in: .clusterWide).isEmpty)
        let sa = RBACSubject.serviceAccount("apps", "web")
        #expect(Self.fresh.grants(for: sa, allowing: .resource("get", "pods"), in: .namespace("apps")).isEmpty)
        #expect(!Self.fresh.grants(for: sa, allowing: .nonResource("get", "/.well-known/openid-configuration"), in: .clusterWide).isEmpty)
    }

    @Test func aggregationFillsAdminEditView() throws {
        let edit = try #require(Self.fresh.role(ObjectKey(kind: "ClusterRole", name: "edit")))
        let admin = try #require(Self.fresh.role(ObjectKey(kind: "ClusterRole", name: "admin")))
        let view = try #require(Self.fresh.role(ObjectKey(kind: "ClusterRole", name: "view")))
        let createPods = AccessRequest.resource("create", "pods")
        #expect(edit.rules.contains { $0.allows(createPods) })
        #expect(!view.rules.contains { $0.allows(createPods) })
        #expect(view.rules.contains { $0.allows(.resource("list", "deployments", group: "apps")) })
        #expect(!view.rules.contains { $0.allows(.resource("get", "secrets")) })
        // admin ⊇ edit ⊇ view, through two levels of aggregation (fixed point).
        #expect(admin.rules.contains { $0.allows(.resource("create", "rolebindings", group: "rbac.authorization.k8s.io")) })
        #expect(admin.rules.contains { $0.allows(createPods) })
        #expect(admin.rules.contains { $0.allows(.resource("list", "deployments", group: "apps")) })
        #expect(!edit.rules.contains { $0.allows(.resource("create", "rolebindings", group: "rbac.authorization.k8s.io")) })
    }

    @Test func roleBindingToClusterRoleIsScopedToItsNamespace() {
        var objects = BootstrapPolicy.objects
        objects.append(KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                                   "metadata": ["name": "devs-admin", "namespace": "team-a"],
                                   "roleRef": ["kind": "ClusterRole", "name": "cluster-admin"],
                                   "subjects": [["kind": "Group", "name": "devs"], ["kind": "ServiceAccount", "name": "ci"]]]))
        let index = RBACIndex(inventory: Inventory(objects: objects), assumeDefaults: false)
        #expect(whoCan(.resource("create", "pods"), .namespace("team-a"), in: index) == ["group:devs", "group:system:masters", "sa:team-a/ci"])
        #expect(whoCan(.resource("create", "pods"), .namespace("team-b"), in: index) == ["group:system:masters"])
        #expect(whoCan(.resource("create", "pods"), in: index) == ["group:system:masters"])
        // Cluster-scoped resources and URLs are never granted through a RoleBinding.
        #expect(whoCan(.resource("delete", "nodes"), .namespace("team-a"), in: index) == ["group:system:masters"])
        #expect(index.grants(for: .group("devs"), allowing: .nonResource("get", "/metrics"), in: .namespace("team-a")).isEmpty)
        // SA subject without namespace in a RoleBinding defaults to the binding's namespace.
        #expect(!index.grants(for: .serviceAccount("team-a", "ci"), allowing: .resource("get", "secrets"), in: .namespace("team-a")).isEmpty)
    }

    @Test func bindingsToMissingRolesAreDormant() {
        let objects = [KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                                   "metadata": ["name": "ghost"], "roleRef": ["kind": "ClusterRole", "name": "deleted-role"],
                                   "subjects": [["kind": "User", "name": "eve"], ["kind": "ServiceAccount", "name": "no-namespace"]]])]
        let index = RBACIndex(inventory: Inventory(objects: objects))
        #expect(index.dormantBindings.map(\.key.name) == ["ghost"])
        #expect(index.effectiveGrants(of: .user("eve")).allSatisfy { $0.binding.name != "ghost" })
        // A ServiceAccount subject without namespace in a ClusterRoleBinding never matches.
        #expect(index.dormantBindings.first?.unmatchableSubjects == [1])
    }

    @Test func aggregationWithMatchExpressions() {
        let objects = [
            KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "agg"],
                        "aggregationRule": ["clusterRoleSelectors": [["matchExpressions": [["key": "tier", "operator": "In", "values": ["a", "b"]]]]]],
                        "rules": [["apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]]]]),  // replaced by the controller
            KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "a", "labels": ["tier": "a"]],
                        "rules": [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]]]]),
            KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "c", "labels": ["tier": "c"]],
                        "rules": [["apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]]]]),
        ]
        let index = RBACIndex(inventory: Inventory(objects: objects), assumeDefaults: false)
        #expect(index.role(ObjectKey(kind: "ClusterRole", name: "agg"))?.rules == [PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"])])
    }

    @Test func subjectParsing() {
        #expect(RBACSubject(parsing: "sa:ci/deployer") == .serviceAccount("ci", "deployer"))
        #expect(RBACSubject(parsing: "system:serviceaccount:ci:deployer") == .serviceAccount("ci", "deployer"))
        #expect(RBACSubject(parsing: "group:system:masters") == .group("system:masters"))
        #expect(RBACSubject(parsing: "user:alice@example.com") == .user("alice@example.com"))
        #expect(RBACSubject(parsing: "sa:nope") == nil)
        #expect(RBACSubject(parsing: "alice") == nil)
        #expect(ResourceSpec(parsing: "deployments").group == "apps")
        #expect(ResourceSpec(parsing: "deployments.apps").resource == "deployments")
        #expect(ResourceSpec(parsing: "pods/exec").subresource == "exec")
        #expect(ResourceSpec(parsing: "pods", subresource: "log").request(verb: "get").description == "get pods/log")
        #expect(ResourceSpec(parsing: "/healthz").nonResourceURL == "/healthz")
        #expect(ResourceSpec(parsing: "widgets.example.com").group == "example.com")
    }
}
