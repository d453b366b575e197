import BulwarkModel
import BulwarkRBAC

/// S15 Third-party integrations, RBAC part: what the non-system subjects (operators, CI, add-ons,
/// people) can really do, and cluster-wide grants that one namespace would do.
public enum S15ThirdParty {
    public static let controls: [Control] = [rankedByPower, clusterGrantForOneNamespace]

    static let notAssessed = ControlOutcome.notAssessed("no Role, ClusterRole, RoleBinding or ClusterRoleBinding in input")

    /// Reads: the escalation graph (`bulwark rbac paths`). Fails: every subject that is not
    /// Kubernetes' own and has a path to cluster-admin-equivalent power, ranked shortest first;
    /// the finding sits on the binding that grants the first step and spells out every step.
    static let rankedByPower = Control(
        id: "BW-S15-101", section: .s15, severity: .high,
        title: "Non-system subjects ranked by power: paths to cluster-admin",
        remediation: "Cut the first step of each path: narrow the role, move the binding to the namespace the integration works in, or remove the powerful service account from namespaces others can deploy to.",
        references: [:],
        reads: ObjectKinds.rbac + ObjectKinds.workloads
    ) { context in
        guard !context.rbac.isEmpty else { return notAssessed }
        let graph = EscalationGraph(index: context.rbac)
        var violations: [Violation] = []
        for (rank, path) in graph.allPaths(includeSystem: false).enumerated() {
            guard let first = path.steps.first, let grant = first.grant else { continue }
            let binding = context.rbac.bindings[grant.bindingIndex]
            let index = binding.subjects.first { $0.subject == grant.subject }?.index ?? 0
            violations.append(Violation(
                object: binding.object, path: FieldPath([.key("subjects"), .index(index)]), value: path.subject.description,
                message: "#\(rank + 1): \(path.subject.description) reaches cluster-admin-equivalent power in \(path.length) step\(path.length == 1 ? "" : "s"): \(path.text). " + path.explanation.joined(separator: " "),
                severity: path.length == 1 ? .critical : nil, subject: path.subject.reference))
        }
        return .from(violations, pass: "no subject outside Kubernetes' own identities has a path to cluster-admin-equivalent power")
    }

    /// Reads: non-default ClusterRoleBindings. Fails (low): every subject is a service account of
    /// one namespace and the role grants only namespaced resources, so a RoleBinding in that
    /// namespace would give the same power there and none elsewhere.
    static let clusterGrantForOneNamespace = Control(
        id: "BW-S15-102", section: .s15, severity: .low,
        title: "Cluster-wide grants used by one namespace",
        remediation: "Replace the ClusterRoleBinding with a RoleBinding (to the same ClusterRole) in the namespace the service accounts run in.",
        references: [:],
        reads: ObjectKinds.rbac + ObjectKinds.workloads
    ) { context in
        guard !context.rbac.isEmpty else { return notAssessed }
        var violations: [Violation] = []
        for (b, binding) in context.rbac.bindings.enumerated() where binding.isClusterBinding && !binding.isBootstrapDefault {
            guard let r = context.rbac.resolvedRole[b], !binding.subjects.isEmpty else { continue }
            let namespaces = Set(binding.subjects.map { $0.subject.kind == .serviceAccount ? $0.subject.namespace : "" })
            guard namespaces.count == 1, let ns = namespaces.first, !ns.isEmpty, !ScanContext.isSystemNamespace(ns) else { continue }
            let rules = context.rbac.roles[r].rules
            let namespacedOnly = !rules.isEmpty && rules.allSatisfy { rule in
                rule.nonResourceURLs.isEmpty && !rule.resources.contains("*") && !rule.apiGroups.contains("*")
                    && rule.resources.allSatisfy { res in
                        rule.apiGroups.allSatisfy { APIResourceTable.isNamespaced(RBACResourceName.base(res), group: $0) }
                    }
            }
            guard namespacedOnly else { continue }
            violations.append(Violation(
                object: binding.object, path: "roleRef", value: binding.roleRef.description,
                message: "\(binding.key.description) grants \(binding.roleRef.description) in every namespace, but its only subjects are service accounts of \(ns) and the role holds only namespaced resources: a RoleBinding in \(ns) would do"))
        }
        return .from(violations, pass: "no ClusterRoleBinding could be a RoleBinding in the one namespace its service accounts use")
    }
}
