import Testing
import Foundation
import BulwarkModel
import BulwarkInputs
@testable import BulwarkRBAC

/// The guide's indirect pod creation example, and the other edges of the escalation graph.
@Suite struct EscalationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func guideExampleIndirectPodCreationStepByStep() throws {
        let inventory = ManifestReader().read([Self.root.appendingPathComponent("examples/insecure").path])
        let index = RBACIndex(inventory: inventory)
        let deployer = RBACSubject.serviceAccount("ci", "deployer")
        // It may not create Pods …
        #expect(index.grants(for: deployer, allowing: .resource("create", "pods"), in: .namespace("kube-system")).isEmpty)
        // … but it may create Deployments in kube-system, whose pods may run as the backup operator.
        let path = try #require(EscalationGraph(index: index).path(from: deployer))
        #expect(path.text == "sa:ci/deployer → create deployments in kube-system → pod with sa:kube-system/backup-operator → list secrets cluster-wide")
        #expect(path.steps.map { $0.grant?.binding.name } == ["ci-deploys", nil, "backup-operator-secrets"])
        #expect(path.steps[0].grant?.role.name == "deployment-manager")
        #expect(path.steps[0].to == .anyServiceAccount(namespace: "kube-system"))
        #expect(path.steps[1].to == .identity(.serviceAccount("kube-system", "backup-operator")))
        #expect(path.steps[2].to == .clusterAdmin)
        #expect(path.explanation.count == 3)
        #expect(path.explanation[0].contains("RoleBinding/kube-system/ci-deploys → ClusterRole/deployment-manager"))
    }

    func index(_ objects: [KubeObject]) -> RBACIndex { RBACIndex(inventory: Inventory(objects: objects)) }

    func clusterRole(_ name: String, _ rules: [Value]) -> KubeObject {
        KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": .string(name)], "rules": .array(rules)])
    }

    func binding(_ kind: String, _ name: String, namespace: String = "", role: (String, String), subject: Value) -> KubeObject {
        var meta = Mapping(); meta.set("name", .string(name)); if !namespace.isEmpty { meta.set("namespace", .string(namespace)) }
        return KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": .string(kind), "metadata": .mapping(meta),
                           "roleRef": ["kind": .string(role.0), "name": .string(role.1)], "subjects": [subject]])
    }

    @Test func edgesAndShortestFirst() {
        let objects = [
            clusterRole("impersonator", [["apiGroups": [""], "resources": ["groups"], "verbs": ["impersonate"], "resourceNames": ["system:masters"]]]),
            binding("ClusterRoleBinding", "imp", role: ("ClusterRole", "impersonator"), subject: ["kind": "User", "name": "mallory"]),
            clusterRole("token-maker", [["apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"], "resourceNames": ["admin-bot"]]]),
            binding("RoleBinding", "tok", namespace: "ops", role: ("ClusterRole", "token-maker"), subject: ["kind": "User", "name": "tina"]),
            binding("ClusterRoleBinding", "bot-admin", role: ("ClusterRole", "cluster-admin"), subject: ["kind": "ServiceAccount", "name": "admin-bot", "namespace": "ops"]),
            clusterRole("pod-exec", [["apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]]]),
            binding("RoleBinding", "exec", namespace: "ops", role: ("ClusterRole", "pod-exec"), subject: ["kind": "User", "name": "eddie"]),
            KubeObject(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "bot", "namespace": "ops"],
                        "spec": ["template": ["spec": ["serviceAccountName": "admin-bot", "containers": [["name": "c", "image": "x"]]]]]]),
            clusterRole("viewer", [["apiGroups": [""], "resources": ["pods"], "verbs": ["get"]]]),
            binding("ClusterRoleBinding", "viewers", role: ("ClusterRole", "viewer"), subject: ["kind": "User", "name": "vic"]),
        ]
        let graph = EscalationGraph(index: index(objects))
        #expect(graph.path(from: .user("mallory"))?.text == "user:mallory → impersonate group system:masters")
        #expect(graph.path(from: .user("tina"))?.text == "user:tina → create a token for sa:ops/admin-bot → * on * cluster-wide")
        #expect(graph.path(from: .user("eddie"))?.text == "user:eddie → create pods/exec in ops → into Deployment/ops/bot running as sa:ops/admin-bot → * on * cluster-wide")
        #expect(graph.path(from: .user("vic")) == nil)
        let all = graph.allPaths(includeSystem: false).map(\.subject.description)
        #expect(all == ["sa:ops/admin-bot", "user:mallory", "user:tina", "user:eddie"])
    }

    @Test func bindNeedsCreateBindingsToo() {
        let bindOnly = clusterRole("binder", [["apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind"]]])
        let withCreate = clusterRole("binder2", [["apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind"]],
                                                 ["apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterrolebindings"], "verbs": ["create"]]])
        let graph = EscalationGraph(index: index([
            bindOnly, withCreate,
            binding("ClusterRoleBinding", "b1", role: ("ClusterRole", "binder"), subject: ["kind": "User", "name": "a"]),
            binding("ClusterRoleBinding", "b2", role: ("ClusterRole", "binder2"), subject: ["kind": "User", "name": "b"]),
        ]))
        #expect(graph.path(from: .user("a")) == nil)
        #expect(graph.path(from: .user("b"))?.text == "user:b → bind cluster-admin with a new ClusterRoleBinding")
    }
}
