import BulwarkModel
import BulwarkRBAC

/// S3 Authorization, RBAC part (BW-S3-1NN; BW-S3-0NN are the API server's authorization flags).
/// Every control reads the RBAC index: roles with aggregation resolved, bindings, and the
/// bootstrap defaults a cluster always has. Grants by Kubernetes' default bindings and to its own
/// identities (`system:` users and groups, kube-system service accounts) are exempt and counted.
/// RBAC only: `system:masters` bypasses it and kubelets are authorized by the Node authorizer.
public enum S3Authorization {
    public static let controls: [Control] = [
        clusterAdmins, secretReaders, podCreators, indirectPodCreators, execIntoPods, nodesProxy,
        escalateBindImpersonate, tokenCreators, csrApprovers, webhookWriters, clusterWideDeletion,
        persistentVolumeCreators, broadGroups, defaultServiceAccounts, powerfulWorkloads, dormantBindings,
    ]

    static let notAssessed = ControlOutcome.notAssessed("no Role, ClusterRole, RoleBinding or ClusterRoleBinding in input")
    static let rbacGroup = "rbac.authorization.k8s.io"

    /// Reads: every live grant (bindings to existing roles, aggregated ClusterRoles resolved, the
    /// implicit groups of each subject). Fails: each subject outside Kubernetes' defaults (the
    /// bootstrap bindings and Kubernetes' own identities) that holds one of the control's powers,
    /// with the binding, role and rule that grant it; at cluster scope when bound cluster-wide.
    static func control(_ id: String, _ severity: Severity, _ title: String, _ remediation: String, _ references: [String: [String]],
                        powers: [RBACPower], pass: String, severityFor: @escaping @Sendable (Grant) -> Severity? = { _ in nil }) -> Control {
        Control(id: id, section: .s3, severity: severity, title: title, remediation: remediation, references: references,
                reads: ObjectKinds.rbac) { context in
            guard !context.rbac.isEmpty else { return notAssessed }
            return context.rbacOutcome(context.rbacViolations(powers, severity: severityFor), pass: pass)
        }
    }

    static let clusterAdminPower = RBACPower(label: "do anything (* verbs on * resources in * groups)", verbs: ["*"], group: "*", resources: ["*"])

    /// Reads: every live grant. Fails: a rule with verb `*`, group `*` and resource `*`, each
    /// tested literally (cluster-admin's rule); critical at cluster scope, high in a namespace.
    static let clusterAdmins = Control(
        id: "BW-S3-101", section: .s3, severity: .critical,
        title: "Subjects with cluster-admin or * on * power",
        remediation: "Bind narrower roles that list the verbs and resources the subject needs; keep cluster-admin for break-glass identities.",
        references: ["cis": ["5.1.1", "5.1.3"], "kubescape": ["C-0035"]],
        reads: ObjectKinds.rbac
    ) { context in
        guard !context.rbac.isEmpty else { return notAssessed }
        let wildcard = { (g: Grant) in g.rule.verbs.contains("*") && g.rule.apiGroups.contains("*") && g.rule.resources.contains("*") }
        var violations: [Violation] = []
        var exempt = 0
        var seen = Set<String>()
        for g in context.rbacGrants where wildcard(g) && seen.insert("\(g.subject.description)|\(g.binding.description)").inserted {
            if context.rbac.bindings[g.bindingIndex].isBootstrapDefault || g.subject.isSystem { exempt += 1; continue }
            violations.append(context.rbacViolation(g, "can do anything (* on *) \(g.scope.phrase)", severity: g.scope == .cluster ? nil : .high))
        }
        return context.rbacOutcome((violations, exempt), pass: "no subject holds * on * outside Kubernetes' defaults")
    }

    static let secretReaders = control(
        "BW-S3-102", .high, "Subjects that can read Secrets (get, list or watch)",
        "Grant get on named Secrets (resourceNames) only to the workloads that need them; never list/watch Secrets cluster-wide.",
        ["cis": ["5.1.2"], "kubescape": ["C-0015"]],
        powers: [RBACPower(label: "read Secrets", verbs: ["get", "list", "watch"], group: "", resources: ["secrets"])],
        pass: "no subject outside Kubernetes' defaults can read Secrets",
        severityFor: { $0.scope == .cluster ? .critical : nil })

    static let podCreators = control(
        "BW-S3-103", .high, "Subjects that can create Pods directly",
        "Let people deploy through reviewed pipelines; a subject that can create Pods in a namespace can run as any service account there and mount its Secrets.",
        ["cis": ["5.1.4"], "kubescape": ["C-0188"]],
        powers: [RBACPower(label: "create Pods", verbs: ["create"], group: "", resources: ["pods"])],
        pass: "no subject outside Kubernetes' defaults can create Pods")

    static let indirectPodCreators = control(
        "BW-S3-104", .high, "Subjects that can create Pods through workload controllers",
        "Treat create/update/patch of Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs and ReplicationControllers as pod creation: grant them per namespace, and not in namespaces with powerful service accounts.",
        ["cis": ["5.1.4"]],
        powers: [
            RBACPower(label: "create Pods through apps controllers (create/update/patch deployments, replicasets, statefulsets or daemonsets)",
                      verbs: ["create", "update", "patch"], group: "apps", resources: ["deployments", "replicasets", "statefulsets", "daemonsets"]),
            RBACPower(label: "create Pods through Jobs or CronJobs", verbs: ["create", "update", "patch"], group: "batch", resources: ["jobs", "cronjobs"]),
            RBACPower(label: "create Pods through ReplicationControllers", verbs: ["create", "update", "patch"], group: "", resources: ["replicationcontrollers"]),
        ],
        pass: "no subject outside Kubernetes' defaults can create Pods through workload controllers")

    static let execIntoPods = control(
        "BW-S3-105", .high, "Subjects that can exec, attach or port-forward into Pods",
        "Remove pods/exec, pods/attach and pods/portforward from standing roles; grant them just in time for debugging.",
        ["kubescape": ["C-0002", "C-0063"]],
        powers: [RBACPower(label: "exec, attach or port-forward into Pods", verbs: ["create", "get"], group: "",
                           resources: ["pods/exec", "pods/attach", "pods/portforward"])],
        pass: "no subject outside Kubernetes' defaults can exec, attach or port-forward into Pods")

    static let nodesProxy = control(
        "BW-S3-106", .critical, "Subjects with any verb on nodes/proxy (the kubelet API)",
        "Remove nodes/proxy from monitoring roles; scrape nodes/metrics and nodes/stats instead. Even get on nodes/proxy runs commands in every pod of the node, bypassing admission and audit.",
        ["cis": ["5.1.10"]],
        powers: [RBACPower(label: "reach the kubelet API through nodes/proxy (get included: exec works over websocket GET)",
                           verbs: ["get", "create", "update", "patch", "delete", "list", "watch"], group: "", resources: ["nodes/proxy"])],
        pass: "no subject outside Kubernetes' defaults has nodes/proxy")

    static let escalateBindImpersonate = control(
        "BW-S3-107", .critical, "Subjects that can escalate, bind or impersonate",
        "Remove escalate and bind on roles/clusterroles and impersonate on users, groups and serviceaccounts; where needed, narrow them with resourceNames.",
        ["cis": ["5.1.8"], "kubescape": ["C-0065"]],
        powers: [
            RBACPower(label: "escalate Roles or ClusterRoles", verbs: ["escalate"], group: rbacGroup, resources: ["roles", "clusterroles"]),
            RBACPower(label: "bind Roles or ClusterRoles", verbs: ["bind"], group: rbacGroup, resources: ["roles", "clusterroles"]),
            RBACPower(label: "impersonate users, groups or service accounts", verbs: ["impersonate"], group: "", resources: ["users", "groups", "serviceaccounts", "uids"]),
            RBACPower(label: "impersonate user extras", verbs: ["impersonate"], group: "authentication.k8s.io", resources: ["userextras/*", "*"]),
        ],
        pass: "no subject outside Kubernetes' defaults can escalate, bind or impersonate")

    static let tokenCreators = control(
        "BW-S3-108", .high, "Subjects that can create service account tokens",
        "Remove create on serviceaccounts/token, or narrow it with resourceNames to the one account a tool mints tokens for.",
        ["cis": ["5.1.13"]],
        powers: [RBACPower(label: "mint tokens for service accounts (create serviceaccounts/token)", verbs: ["create"], group: "", resources: ["serviceaccounts/token"])],
        pass: "no subject outside Kubernetes' defaults can create service account tokens")

    static let csrApprovers = control(
        "BW-S3-109", .critical, "Subjects that can approve certificate signing requests",
        "Only the controller manager should approve CSRs; an approver of kubernetes.io/kube-apiserver-client can issue itself a certificate in system:masters.",
        ["cis": ["5.1.11"]],
        powers: [
            RBACPower(label: "approve CSRs (update certificatesigningrequests/approval)", verbs: ["update", "patch"], group: "certificates.k8s.io",
                      resources: ["certificatesigningrequests/approval"]),
            RBACPower(label: "approve for signers", verbs: ["approve"], group: "certificates.k8s.io", resources: ["signers"]),
        ],
        pass: "no subject outside Kubernetes' defaults can approve CSRs")

    static let webhookWriters = control(
        "BW-S3-110", .critical, "Subjects that can modify admission webhooks and policies",
        "Keep create/update/patch/delete of webhook configurations and admission policies to cluster administrators.",
        ["cis": ["5.1.12"]],
        powers: [RBACPower(label: "modify admission webhooks or policies", verbs: ["create", "update", "patch", "delete", "deletecollection"],
                           group: "admissionregistration.k8s.io",
                           resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations", "validatingadmissionpolicies",
                                       "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings"])],
        pass: "no subject outside Kubernetes' defaults can modify admission webhooks")

    static let clusterWideDeletion = control(
        "BW-S3-111", .high, "Subjects that can delete Nodes, or Pods in every namespace",
        "Deleting a Node evicts its Pods and lets them land elsewhere; grant delete on pods per namespace, and on nodes only to node lifecycle tooling.",
        ["kubescape": ["C-0007"]],
        powers: [
            RBACPower(label: "delete Nodes", verbs: ["delete", "deletecollection"], group: "", resources: ["nodes"]),
            RBACPower(label: "delete Pods in every namespace", verbs: ["delete", "deletecollection"], group: "", resources: ["pods"], clusterOnly: true),
        ],
        pass: "no subject outside Kubernetes' defaults can delete Nodes or Pods cluster-wide")

    static let persistentVolumeCreators = control(
        "BW-S3-112", .high, "Subjects that can create PersistentVolumes",
        "A hostPath PersistentVolume exposes the node's filesystem; let only the storage provisioner create PersistentVolumes.",
        ["cis": ["5.1.9"]],
        powers: [RBACPower(label: "create PersistentVolumes (hostPath included)", verbs: ["create"], group: "", resources: ["persistentvolumes"])],
        pass: "no subject outside Kubernetes' defaults can create PersistentVolumes")

    /// Reads: bindings naming `system:anonymous`, `system:unauthenticated`, `system:authenticated`
    /// or `system:serviceaccounts`. Fails: any such binding other than Kubernetes' defaults
    /// (discovery, basic-user, public-info-viewer, service-account-issuer-discovery).
    static let broadGroups = Control(
        id: "BW-S3-113", section: .s3, severity: .high,
        title: "Grants to anonymous, unauthenticated or all authenticated users beyond the defaults",
        remediation: "Bind roles to named users, groups and service accounts, never to system:anonymous, system:unauthenticated, system:authenticated or system:serviceaccounts.",
        references: ["kubescape": ["C-0262"]],
        reads: ObjectKinds.rbac
    ) { context in
        guard !context.rbac.isEmpty else { return notAssessed }
        var violations: [Violation] = []
        for (b, binding) in context.rbac.bindings.enumerated() where !binding.isBootstrapDefault {
            for s in binding.subjects where RBACSubject.broadAudienceGroups.contains(s.subject.name) || s.subject == .user("system:anonymous") {
                let role = context.rbac.resolvedRole[b].map { context.rbac.roles[$0].key.description } ?? "missing \(binding.roleRef.description)"
                let severity: Severity = ["system:anonymous", "system:unauthenticated"].contains(s.subject.name) ? .critical : .high
                violations.append(Violation(object: binding.object, path: FieldPath([.key("subjects"), .index(s.index)]), value: s.subject.description,
                                            message: "\(s.subject.description) is granted \(role) \(binding.scope.phrase) by \(binding.key.description): every \(s.subject.name == "system:authenticated" ? "authenticated identity, service accounts included," : "such request") gets it",
                                            severity: severity, subject: s.subject.reference))
            }
        }
        return .from(violations, pass: "only Kubernetes' default bindings name the anonymous, unauthenticated and authenticated groups")
    }

    /// Reads: non-default bindings naming a service account called `default`.
    static let defaultServiceAccounts = Control(
        id: "BW-S3-114", section: .s3, severity: .medium,
        title: "Default service accounts with role bindings",
        remediation: "Create a dedicated service account per workload and bind roles to it; every pod that names no service account runs as default.",
        references: ["cis": ["5.1.5"], "kubescape": ["C-0189"]],
        reads: ObjectKinds.rbac + ObjectKinds.workloads
    ) { context in
        guard !context.rbac.isEmpty else { return notAssessed }
        var violations: [Violation] = []
        for (b, binding) in context.rbac.bindings.enumerated() where !binding.isBootstrapDefault {
            for s in binding.subjects where s.subject.kind == .serviceAccount && s.subject.name == "default" {
                let role = context.rbac.resolvedRole[b].map { context.rbac.roles[$0].key.description } ?? "missing \(binding.roleRef.description)"
                violations.append(Violation(object: binding.object, path: FieldPath([.key("subjects"), .index(s.index)]), value: s.subject.description,
                                            message: "\(s.subject.description) is bound to \(role) \(binding.scope.phrase) by \(binding.key.description): every pod of \(s.subject.namespace) that names no service account gets it",
                                            subject: s.subject.reference))
            }
        }
        return .from(violations, pass: "no binding names a default service account")
    }

    /// Powers that make a running pod dangerous when its service account holds them.
    static let workloadPowers: [RBACPower] = [
        clusterAdminPower,
        RBACPower(label: "read Secrets", verbs: ["get", "list", "watch"], group: "", resources: ["secrets"]),
        RBACPower(label: "create Pods", verbs: ["create"], group: "", resources: ["pods"]),
        RBACPower(label: "create Pods through controllers", verbs: ["create", "update", "patch"], group: "apps", resources: ["deployments", "replicasets", "statefulsets", "daemonsets"]),
        RBACPower(label: "create Pods through Jobs", verbs: ["create", "update", "patch"], group: "batch", resources: ["jobs", "cronjobs"]),
        RBACPower(label: "exec into Pods", verbs: ["create"], group: "", resources: ["pods/exec", "pods/attach"]),
        RBACPower(label: "use nodes/proxy", verbs: ["get", "create"], group: "", resources: ["nodes/proxy"]),
        RBACPower(label: "escalate or bind roles", verbs: ["escalate", "bind"], group: rbacGroup, resources: ["roles", "clusterroles"]),
        RBACPower(label: "impersonate", verbs: ["impersonate"], group: "", resources: ["users", "groups", "serviceaccounts"]),
        RBACPower(label: "mint service account tokens", verbs: ["create"], group: "", resources: ["serviceaccounts/token"]),
        RBACPower(label: "approve CSRs", verbs: ["update", "approve"], group: "certificates.k8s.io", resources: ["certificatesigningrequests/approval", "signers"]),
        RBACPower(label: "modify admission webhooks", verbs: ["create", "update", "patch"], group: "admissionregistration.k8s.io", resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]),
    ]

    /// Reads: each workload's service account (pod template `serviceAccountName`, default
    /// `default`) when its token is mounted, and that account's effective grants (its groups'
    /// included). Fails: the account holds any power of `workloadPowers`. System namespaces exempt.
    static let powerfulWorkloads = Control(
        id: "BW-S3-115", section: .s3, severity: .high,
        title: "Workloads whose mounted service account holds a dangerous power",
        remediation: "Run the workload as a service account with only what it needs, or set automountServiceAccountToken: false when it needs no API access.",
        references: ["cis": ["5.1.6"], "kubescape": ["C-0034"]],
        reads: ObjectKinds.rbac + ObjectKinds.workloads
    ) { context in
        guard !context.rbac.isEmpty else { return notAssessed }
        guard !context.workloadList.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        var exempt = 0
        var powersBySA: [RBACSubject: [(RBACPower, Grant)]] = [:]
        // Looked up once per workload: scanning every ServiceAccount each time was quadratic.
        var serviceAccounts: [String: KubeObject] = [:]
        for sa in context.inventory.objects(ofKind: "ServiceAccount") {
            let key = Workload.effectiveNamespace(of: sa) + "/" + sa.name
            if serviceAccounts[key] == nil { serviceAccounts[key] = sa }  // the first, as before
        }
        for workload in context.workloadList {
            let spec = workload.pod.spec
            let field = spec["serviceAccountName"]?.string != nil ? "serviceAccountName" : (spec["serviceAccount"]?.string != nil ? "serviceAccount" : "serviceAccountName")
            let name = spec[field]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            let sa = RBACSubject.serviceAccount(workload.namespace, name)
            let saObject = serviceAccounts[workload.namespace + "/" + name]
            let mounted = spec["automountServiceAccountToken"]?.bool ?? saObject?.value["automountServiceAccountToken"]?.bool ?? true
            guard mounted else { continue }
            let powers = powersBySA[sa] ?? context.rbac.effectiveGrants(of: sa).compactMap { g in workloadPowers.first { $0.granted(by: g) }.map { ($0, g) } }
            powersBySA[sa] = powers
            guard let (power, grant) = powers.first else { continue }
            if workload.isInSystemNamespace { exempt += 1; continue }
            let others = Set(powers.map(\.0.label)).subtracting([power.label]).sorted()
            violations.append(Violation(
                object: workload.object, path: workload.specPath(field), value: sa.description,
                message: "the pod runs as \(sa.description) with its token mounted, and that account can \(power.label) \(grant.scope.phrase) (\(grant.binding.description) → \(grant.role.description))\(others.isEmpty ? "" : "; also: \(others.joined(separator: ", "))"): whoever compromises the pod holds it",
                severity: power.label == clusterAdminPower.label ? .critical : nil, subject: sa.reference))
        }
        let note = exempt == 0 ? "" : " (\(exempt) in system namespaces exempt)"
        return .from(violations, pass: "no workload mounts a service account with a dangerous power\(note)")
    }

    /// Reads: bindings whose roleRef names a role missing from the input and from the defaults,
    /// and binding subjects no request can match: a ServiceAccount without namespace in a
    /// ClusterRoleBinding (the API server rejects the binding: `subjects[i].namespace` is
    /// required), a kind other than User, Group and ServiceAccount, or no name. Such a binding
    /// grants nothing as written and its grant goes live once a tool fills the gap in
    /// (kustomize's `namespace:` fills subjects' namespaces), so it is a finding, never ignored.
    static let dormantBindings = Control(
        id: "BW-S3-116", section: .s3, severity: .medium,
        title: "Dormant bindings: a role that does not exist, or a subject no request can match",
        remediation: "Delete the binding, or create the role it names on purpose; whoever can later create a role of that name grants it to these subjects. Give every ServiceAccount subject of a ClusterRoleBinding its namespace, and every subject a name and one of the kinds User, Group or ServiceAccount.",
        references: [:],
        reads: ObjectKinds.rbac
    ) { context in
        guard !context.rbac.isEmpty else { return notAssessed }
        var violations = context.rbac.dormantBindings.map { b in
            Violation(object: b.object, path: "roleRef", value: b.roleRef.description,
                      message: "\(b.key.description) refers to \(b.roleRef.description), which does not exist: it grants nothing now, and grants \(b.subjects.map(\.subject.description).joinedForMessage) whatever a role of that name holds once someone creates it")
        }
        for (b, binding) in context.rbac.bindings.enumerated() where !binding.isBootstrapDefault {
            let role = context.rbac.resolvedRole[b].flatMap { $0 < context.rbac.roles.count ? context.rbac.roles[$0] : nil }
            let grantsEverything = role?.rules.contains(where: clusterAdminPower.granted(by:)) ?? false
            let subjects = binding.object.value["subjects"]?.array ?? []
            for i in binding.unmatchableSubjects where i < subjects.count {
                let s = subjects[i]
                let kind = s["kind"]?.string ?? "", name = s["name"]?.string ?? ""
                let why: String
                if name.isEmpty {
                    why = "subjects[\(i)] has no name: no request can match it"
                } else if kind == "ServiceAccount" {
                    why = "subjects[\(i)] is ServiceAccount \"\(name)\" without a namespace: the API server rejects this ClusterRoleBinding (subjects[\(i)].namespace is required), so as written it grants nothing; whichever namespace a deploy tool fills in (kustomize's namespace:), that account gets \(binding.roleRef.description) in every namespace"
                } else {
                    why = "subjects[\(i)] has kind \"\(kind)\", none of User, Group, ServiceAccount (kinds are case-sensitive): no request can match it"
                }
                violations.append(Violation(object: binding.object, path: FieldPath([.key("subjects"), .index(i)]),
                                            value: kind.isEmpty ? nil : "\(kind) \(name)", message: "\(binding.key.description): \(why)",
                                            severity: grantsEverything && kind == "ServiceAccount" && !name.isEmpty ? .high : nil))
            }
        }
        return .from(violations, pass: "every binding refers to an existing role, and every subject can be matched")
    }
}
