import BulwarkModel
import BulwarkRBAC

/// A rule's resource string, `pods` or `pods/log`: its resource part, total on any input (`""`
/// and `"/"` occur in real roles and have an empty resource part).
enum RBACResourceName {
    static func base(_ resource: String) -> String {
        resource.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }
}

/// A power RBAC can grant, tested on a rule regardless of resourceNames (names narrow a power,
/// they do not remove it; the message shows them).
struct RBACPower: Sendable {
    var label: String
    var verbs: [String]
    var group: String
    var resources: [String]
    /// Only grants at cluster scope count (e.g. deletion cluster-wide).
    var clusterOnly = false

    func granted(by rule: PolicyRule) -> Bool {
        guard rule.apiGroupMatches(group), verbs.contains(where: rule.verbMatches) else { return false }
        return resources.contains { r in
            let parts = r.split(separator: "/", maxSplits: 1).map(String.init)
            return rule.resourceMatches(combined: r, subresource: parts.count == 2 ? parts[1] : "")
        }
    }

    func granted(by grant: Grant) -> Bool {
        if clusterOnly && grant.scope != .cluster { return false }
        guard granted(by: grant.rule) else { return false }
        // RoleBindings cannot grant cluster-scoped resources.
        if case .namespace = grant.scope {
            return resources.contains { APIResourceTable.isNamespaced(RBACResourceName.base($0), group: group) }
        }
        return true
    }
}

extension ScanContext {
    /// Every grant of the input (bootstrap defaults included), each subject of each live binding;
    /// built once per scan as `ScanContext.rbacGrants`.
    static func grants(of rbac: RBACIndex) -> [Grant] {
        var out: [Grant] = []
        for (b, binding) in rbac.bindings.enumerated() {
            guard let r = rbac.resolvedRole[b] else { continue }
            let role = rbac.roles[r]
            for s in binding.subjects {
                for rule in role.rules {
                    out.append(Grant(subject: s.subject, binding: binding.key, role: role.key, rule: rule, scope: binding.scope, bindingIndex: b))
                }
            }
        }
        return out
    }

    /// Violations for every grant of `powers` to a subject that is not Kubernetes' own (bootstrap
    /// bindings and system identities are counted as exempt), one per subject, binding and power.
    func rbacViolations(_ powers: [RBACPower], severity: (Grant) -> Severity? = { _ in nil }) -> (violations: [Violation], exempt: Int) {
        var violations: [Violation] = []
        var exempt = 0
        var seen = Set<String>()
        for grant in rbacGrants {
            // `*` on `*` is BW-S3-101's finding; repeating it under every power would only add noise.
            if grant.rule.verbs.contains("*") && grant.rule.apiGroups.contains("*") && grant.rule.resources.contains("*") { continue }
            guard let power = powers.first(where: { $0.granted(by: grant) }) else { continue }
            let binding = rbac.bindings[grant.bindingIndex]
            let key = "\(grant.subject.description)|\(grant.binding.description)|\(power.label)"
            guard seen.insert(key).inserted else { continue }
            if binding.isBootstrapDefault || grant.subject.isSystem { exempt += 1; continue }
            violations.append(rbacViolation(grant, "can \(power.label) \(grant.scope.phrase)", severity: severity(grant)))
        }
        return (violations, exempt)
    }

    /// A violation on the granting binding, at the subject's entry, naming subject, role and rule.
    func rbacViolation(_ grant: Grant, _ what: String, severity: Severity? = nil) -> Violation {
        let binding = rbac.bindings[grant.bindingIndex]
        let index = binding.subjects.first { $0.subject == grant.subject }?.index ?? 0
        let names = grant.rule.resourceNames.isEmpty ? "" : " (only names \(grant.rule.resourceNames.joined(separator: ", ")))"
        return Violation(object: binding.object, path: FieldPath([.key("subjects"), .index(index)]), value: grant.subject.description,
                         message: "\(grant.subject.description) \(what)\(names): \(grant.binding.description) → \(grant.role.description) grants \"\(grant.rule.summary)\"",
                         severity: severity, subject: grant.subject.reference)
    }

    func rbacOutcome(_ result: (violations: [Violation], exempt: Int), pass: String) -> ControlOutcome {
        let note = result.exempt == 0 ? "" : " (\(result.exempt) grants to Kubernetes' own identities or by its default bindings exempt)"
        return .from(result.violations, pass: pass + note)
    }
}

extension RBACSubject {
    /// How a finding names the subject.
    var reference: SubjectReference { SubjectReference(kind: kind.rawValue, namespace: namespace, name: name) }
}
