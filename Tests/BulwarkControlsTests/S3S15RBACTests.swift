import Testing
import BulwarkModel
import BulwarkRBAC
@testable import BulwarkControls

/// Both sides of every RBAC control: a grant that fails it, and a near miss that passes.
@Suite struct S3S15RBACTests {
    static func role(_ name: String, _ rules: [Value]) -> KubeObject {
        KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": .string(name)], "rules": .array(rules)])
    }

    static func bind(_ role: String, to subject: Value, namespace: String? = nil, name: String = "grant") -> KubeObject {
        var meta = Mapping(); meta.set("name", .string(name)); if let namespace { meta.set("namespace", .string(namespace)) }
        return KubeObject(["apiVersion": "rbac.authorization.k8s.io/v1", "kind": namespace == nil ? "ClusterRoleBinding" : "RoleBinding",
                           "metadata": .mapping(meta), "roleRef": ["kind": "ClusterRole", "name": .string(role)], "subjects": [subject]])
    }

    static let alice: Value = ["kind": "User", "name": "alice"]

    /// A user bound cluster-wide to one rule.
    static func grant(_ rule: Value, subject: Value = alice, namespace: String? = nil) -> [KubeObject] {
        [role("r", [rule]), bind("r", to: subject, namespace: namespace)]
    }

    static func rule(_ groups: [String], _ resources: [String], _ verbs: [String], names: [String] = []) -> Value {
        var m = Mapping()
        m.set("apiGroups", .array(groups.map(Value.string))); m.set("resources", .array(resources.map(Value.string)))
        m.set("verbs", .array(verbs.map(Value.string)))
        if !names.isEmpty { m.set("resourceNames", .array(names.map(Value.string))) }
        return .mapping(m)
    }

    struct Case: Sendable, CustomStringConvertible {
        var control: String
        var failing: [KubeObject]
        var passing: [KubeObject]
        var description: String { control }
    }

    static let cases: [Case] = [
        Case(control: "BW-S3-101", failing: grant(rule(["*"], ["*"], ["*"])), passing: grant(rule(["*"], ["pods"], ["*"]))),
        Case(control: "BW-S3-102", failing: grant(rule([""], ["secrets"], ["list"])), passing: grant(rule([""], ["configmaps"], ["list"]))),
        Case(control: "BW-S3-103", failing: grant(rule([""], ["pods"], ["create"]), namespace: "apps"), passing: grant(rule([""], ["pods"], ["get", "list"]))),
        Case(control: "BW-S3-104", failing: grant(rule(["apps"], ["deployments"], ["patch"])), passing: grant(rule(["extensions"], ["deployments"], ["get"]))),
        Case(control: "BW-S3-105", failing: grant(rule([""], ["pods/exec"], ["create"])), passing: grant(rule([""], ["pods"], ["create"]))),
        Case(control: "BW-S3-106", failing: grant(rule([""], ["nodes/proxy"], ["get"])), passing: grant(rule([""], ["nodes/metrics"], ["get"]))),
        Case(control: "BW-S3-107", failing: grant(rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["bind"], names: ["view"])),
             passing: grant(rule(["rbac.authorization.k8s.io"], ["clusterroles"], ["get"]))),
        Case(control: "BW-S3-108", failing: grant(rule([""], ["*/token"], ["create"])), passing: grant(rule([""], ["serviceaccounts"], ["create"]))),
        Case(control: "BW-S3-109", failing: grant(rule(["certificates.k8s.io"], ["signers"], ["approve"], names: ["kubernetes.io/kube-apiserver-client"])),
             passing: grant(rule(["certificates.k8s.io"], ["certificatesigningrequests"], ["create"]))),
        Case(control: "BW-S3-110", failing: grant(rule(["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"], ["update"])),
             passing: grant(rule(["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"], ["get"]))),
        Case(control: "BW-S3-111", failing: grant(rule([""], ["pods"], ["delete"])), passing: grant(rule([""], ["pods"], ["delete"]), namespace: "apps")),
        Case(control: "BW-S3-112", failing: grant(rule([""], ["persistentvolumes"], ["create"])),
             // A RoleBinding cannot grant a cluster-scoped resource.
             passing: grant(rule([""], ["persistentvolumes"], ["create"]), namespace: "apps")),
        Case(control: "BW-S3-113", failing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "Group", "name": "system:unauthenticated"]),
             passing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "Group", "name": "system:masters-not"])),
        Case(control: "BW-S3-114", failing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "ServiceAccount", "name": "default"], namespace: "apps"),
             passing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "ServiceAccount", "name": "web"], namespace: "apps")),
        Case(control: "BW-S3-115",
             failing: grant(rule([""], ["secrets"], ["get"]), subject: ["kind": "ServiceAccount", "name": "web"], namespace: "apps") + [deployment("web", pod: ["serviceAccountName": "web", "containers": [container()]])],
             passing: grant(rule([""], ["secrets"], ["get"]), subject: ["kind": "ServiceAccount", "name": "web"], namespace: "apps")
                + [deployment("web", pod: ["serviceAccountName": "web", "automountServiceAccountToken": false, "containers": [container()]])]),
        Case(control: "BW-S3-116", failing: [bind("gone", to: alice)], passing: grant(rule([""], ["pods"], ["get"]))),
        // A ServiceAccount without namespace in a ClusterRoleBinding, a lower-case kind, no name:
        // granted nothing as written, reported (not dropped); with its namespace it is a live grant.
        Case(control: "BW-S3-116", failing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "ServiceAccount", "name": "backup"]),
             passing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "ServiceAccount", "name": "backup", "namespace": "ops"])),
        Case(control: "BW-S3-116", failing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "user", "name": "alice"]),
             passing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "User", "name": "alice"])),
        Case(control: "BW-S3-116", failing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "Group", "name": ""]),
             passing: grant(rule([""], ["pods"], ["get"]), subject: ["kind": "Group", "name": "ops"])),
        Case(control: "BW-S15-101", failing: grant(rule([""], ["secrets"], ["list"])), passing: grant(rule([""], ["secrets"], ["list"]), namespace: "apps")),
        Case(control: "BW-S15-102", failing: grant(rule([""], ["configmaps"], ["get"]), subject: ["kind": "ServiceAccount", "name": "op", "namespace": "apps"]),
             passing: grant(rule([""], ["nodes"], ["get"]), subject: ["kind": "ServiceAccount", "name": "op", "namespace": "apps"])),
    ]

    static func control(_ id: String) -> Control? { ControlCatalog.all.first { $0.id == id } }

    @Test(arguments: cases) func bothSides(_ c: Case) throws {
        let control = try #require(Self.control(c.control))
        let failing = evaluate(control, c.failing)
        #expect(failing.isFail, "\(c.control) should fail")
        for v in failing.violations {
            #expect(v.object?.kind.hasSuffix("Binding") == true || v.object?.kind == "Deployment")
            #expect(v.message.isEmpty == false)
        }
        #expect(evaluate(control, c.passing).isPass, "\(c.control) should pass: \(evaluate(control, c.passing).violations.map(\.message))")
        #expect(evaluate(control, [deployment("web", pod: ["containers": [container()]])]).notAssessedReason != nil)
    }

    @Test func findingsNameSubjectBindingAndRole() throws {
        let control = try #require(Self.control("BW-S3-102"))
        let v = try #require(evaluate(control, Self.grant(Self.rule([""], ["secrets"], ["get", "list"]))).violations.first)
        #expect(v.value == "user:alice")
        #expect(v.path == "subjects[0]")
        #expect(v.object?.name == "grant")
        #expect(v.message.contains("ClusterRoleBinding/grant → ClusterRole/r"))
        #expect(v.severity == .critical)  // cluster-wide
    }

    /// An everything-granting role bound to a ServiceAccount without namespace (velero's old
    /// example shape): reported high on the subject, not silently dropped.
    @Test func unmatchableServiceAccountOfAWildcardRoleIsHigh() throws {
        let control = try #require(Self.control("BW-S3-116"))
        let objects = Self.grant(Self.rule(["*"], ["*"], ["*"]), subject: ["kind": "ServiceAccount", "name": "backup"])
        let v = try #require(evaluate(control, objects).violations.first)
        #expect(v.path == "subjects[0]")
        #expect(v.value == "ServiceAccount backup")
        #expect(v.severity == .high)
        #expect(v.message.contains("namespace is required"))
    }

    @Test func defaultsAndSystemIdentitiesAreExempt() throws {
        // Only the bootstrap defaults (added by the index) and a kube-system account: nothing fails.
        let control = try #require(Self.control("BW-S3-102"))
        let outcome = evaluate(control, Self.grant(Self.rule([""], ["secrets"], ["get"]), subject: ["kind": "ServiceAccount", "name": "replicaset-controller", "namespace": "kube-system"]))
        #expect(outcome.isPass)
        #expect(outcome.passReason?.contains("exempt") == true)
    }

    /// A service account someone added to kube-system is not one of Kubernetes' own identities:
    /// kubernetes-goat's `sa:kube-system/superadmin` bound to cluster-admin, Helm 2's tiller and
    /// kube-system's `default` account are judged like any other subject.
    @Test(arguments: ["superadmin", "tiller", "default", "kube-system-admin"])
    func customKubeSystemAccountsAreJudged(_ name: String) throws {
        let subject: Value = ["kind": "ServiceAccount", "name": .string(name), "namespace": "kube-system"]
        let objects = [Self.bind("cluster-admin", to: subject, name: name)]
        for id in ["BW-S3-101", "BW-S15-101"] {
            let outcome = evaluate(try #require(Self.control(id)), objects)
            #expect(outcome.isFail, "\(id) must report sa:kube-system/\(name)")
            #expect(outcome.violations.contains { $0.value == "sa:kube-system/\(name)" })
        }
        // The same grant as a user name (how the API server spells a service account) too.
        let asUser = [Self.bind("cluster-admin", to: ["kind": "User", "name": .string("system:serviceaccount:kube-system:\(name)")], name: name)]
        #expect(evaluate(try #require(Self.control("BW-S3-101")), asUser).isFail)
    }

    @Test func kubernetesGoatSuperadminIsReported() throws {
        let file = CorpusSanityTests.corpus.appendingPathComponent("madhuakula__kubernetes-goat/scenarios/insecure-rbac/setup.yaml")
        let inventory = try CorpusSanityTests.load(file)
        let context = ScanContext(inventory: inventory)
        for id in ["BW-S3-101", "BW-S15-101"] {
            let outcome = try #require(Self.control(id)).evaluate(context)
            #expect(outcome.violations.contains { $0.value == "sa:kube-system/superadmin" }, "\(id): \(outcome.violations.map(\.message))")
        }
    }

    @Test func kubernetesOwnAccountsStayExempt() {
        #expect(RBACSubject.serviceAccount("kube-system", "kube-dns").isSystem)
        #expect(RBACSubject.serviceAccount("kube-system", "namespace-controller").isSystem)
        #expect(RBACSubject.serviceAccount("kube-system", "bootstrap-signer").isSystem)
        #expect(RBACSubject.user("system:serviceaccount:kube-system:generic-garbage-collector").isSystem)
        #expect(RBACSubject.user("system:kube-scheduler").isSystem)
        #expect(!RBACSubject.serviceAccount("kube-system", "superadmin").isSystem)
        #expect(!RBACSubject.serviceAccount("other", "namespace-controller").isSystem)
        #expect(!RBACSubject.serviceAccount("kube-public", "default").isSystem)
        #expect(!RBACSubject.user("system:serviceaccount:kube-system:tiller").isSystem)
    }
}

/// Issue 10: RBAC strings from real roles that are empty or only a slash (kube-state-metrics
/// ships `resources: [""]`) trapped BW-S15-102 (`split(separator: "/")[0]` on ""). Every control
/// of the catalog now evaluates them, bound cluster-wide and in a namespace, to a service account
/// of one namespace (the BW-S15-102 case) and to a user.
@Suite struct RBACOddStringsTests {
    static let odd = ["", "/", "//", "*/", "/log", "pods/", "*"]

    @Test func everyControlEvaluatesEmptyAndSlashOnlyRuleStrings() {
        let sa: Value = ["kind": "ServiceAccount", "name": "op", "namespace": "apps"]
        for value in Self.odd {
            let rules = [S3S15RBACTests.rule([""], [value], ["get"]), S3S15RBACTests.rule([value], ["pods", value], [value]),
                         S3S15RBACTests.rule([""], [value], ["*"], names: [value])]
            for rule in rules {
                for subject in [sa, S3S15RBACTests.alice] {
                    for namespace in [nil, "apps"] {
                        let objects = S3S15RBACTests.grant(rule, subject: subject, namespace: namespace)
                        for control in ControlCatalog.all {
                            _ = evaluate(control, objects)
                        }
                    }
                }
            }
        }
        // The trapping case itself: a cluster binding for one namespace's SA, resources [""].
        let control = S15ThirdParty.clusterGrantForOneNamespace
        let emptyOnly = evaluate(control, S3S15RBACTests.grant(S3S15RBACTests.rule([""], [""], ["get"]), subject: sa))
        // "" names no cluster-scoped resource, so the grant is one a RoleBinding could make.
        #expect(emptyOnly.isFail)
    }
}
