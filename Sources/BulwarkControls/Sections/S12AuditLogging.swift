import BulwarkModel
import BulwarkComponentConfig

/// S12 Audit logging: kube-apiserver's audit flags and the audit Policy itself, evaluated the way
/// the API server does (rules in order, first match decides, no match means not logged).
public enum S12AuditLogging {
    public static let controls: [Control] = [policyFile, sink, retention, policyLogsSomething, sensitiveResourcesAtMetadata, riskyActionsLogged, catchAllNone]

    // MARK: helpers

    /// Runs `check` over the audit Policies to judge, each with the flag that uses it when one does.
    static func evaluatePolicies(_ context: ScanContext, pass: String, _ check: (AuditPolicy, DocumentMatch) -> [Violation]) -> ControlOutcome {
        context.evaluateAPIServerDocuments(context.componentConfig.auditPolicies, flag: "audit-policy-file",
                                           noun: ("audit Policy", "audit Policies"), pass: pass) { check(AuditPolicy($0.object), $0) }
    }

    static let readVerbs = ["get", "list", "watch"]
    static let writeVerbs = ["create", "update", "patch", "delete"]

    /// Resources whose bodies hold credentials or secret data.
    static let sensitive: [(label: String, requests: [AuditRequest])] = [
        ("Secrets", (readVerbs + writeVerbs).map { AuditRequest(verb: $0, resource: "secrets") }),
        ("ConfigMaps", (readVerbs + writeVerbs).map { AuditRequest(verb: $0, resource: "configmaps") }),
        ("TokenReviews", [AuditRequest(verb: "create", group: "authentication.k8s.io", resource: "tokenreviews", namespace: "")]),
    ]

    /// Actions an investigation needs to see. exec is asked as both verbs: kubectl 1.30+ opens it
    /// over WebSocket, a GET, which the audit log records as verb `get`.
    static let risky: [(label: String, requests: [AuditRequest])] = [
        ("pods/exec", [AuditRequest(verb: "create", resource: "pods/exec"), AuditRequest(verb: "get", resource: "pods/exec")]),
        ("pods/attach", [AuditRequest(verb: "create", resource: "pods/attach")]),
        ("RBAC changes", writeVerbs.flatMap { verb in
            [AuditRequest(verb: verb, group: "rbac.authorization.k8s.io", resource: "rolebindings"),
             AuditRequest(verb: verb, group: "rbac.authorization.k8s.io", resource: "roles"),
             AuditRequest(verb: verb, group: "rbac.authorization.k8s.io", resource: "clusterrolebindings", namespace: ""),
             AuditRequest(verb: verb, group: "rbac.authorization.k8s.io", resource: "clusterroles", namespace: "")]
        }),
        ("admission webhook changes", writeVerbs.flatMap { verb in
            [AuditRequest(verb: verb, group: "admissionregistration.k8s.io", resource: "mutatingwebhookconfigurations", namespace: ""),
             AuditRequest(verb: verb, group: "admissionregistration.k8s.io", resource: "validatingwebhookconfigurations", namespace: "")]
        }),
    ]

    // MARK: BW-S12-001

    /// Reads: kube-apiserver `--audit-policy-file`. Allows: set (without it nothing is audited).
    static let policyFile = Control(
        id: "BW-S12-001", section: .s12, severity: .high,
        title: "kube-apiserver has an audit policy",
        remediation: "Set --audit-policy-file on kube-apiserver to an audit Policy (mount it into the static pod).",
        references: ["cis": ["3.2.1"], "kubescape": ["C-0067"]],
        reads: ObjectKinds.controlPlanePods + ["Policy"]
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver has --audit-policy-file") { api in
            api.requireSet("audit-policy-file", "no --audit-policy-file, so no request is audited")
        }
    }

    // MARK: BW-S12-002

    /// Reads: kube-apiserver `--audit-log-path` and `--audit-webhook-config-file`. Allows: either set.
    static let sink = Control(
        id: "BW-S12-002", section: .s12, severity: .high,
        title: "kube-apiserver writes audit events somewhere",
        remediation: "Set --audit-log-path (a file on a persistent host path) or --audit-webhook-config-file on kube-apiserver.",
        references: ["cis": ["1.2.16"], "kubescape": ["C-0067"]],
        reads: ObjectKinds.controlPlanePods + ["Policy"]
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver has an audit log or webhook") { api in
            api.flags.value("audit-log-path") != nil || api.flags.value("audit-webhook-config-file") != nil ? []
                : [api.violation(flag: "audit-log-path", value: ComponentInstance.unset, message: "\(api.name) has neither --audit-log-path nor --audit-webhook-config-file: audit events go nowhere")]
        }
    }

    // MARK: BW-S12-003

    /// Reads: `--audit-log-maxage` (≥ 30), `--audit-log-maxbackup` (≥ 10), `--audit-log-maxsize`
    /// (≥ 100), the CIS thresholds. Not assessed without a log file (`-` is stdout).
    static let retention = Control(
        id: "BW-S12-003", section: .s12, severity: .low,
        title: "Audit log files are kept long enough",
        remediation: "Set --audit-log-maxage=30, --audit-log-maxbackup=10 and --audit-log-maxsize=100 (or more) on kube-apiserver, or ship the log elsewhere.",
        references: ["cis": ["1.2.17", "1.2.18", "1.2.19"]],
        reads: ObjectKinds.controlPlanePods + ["Policy"]
    ) { context in
        let apis = context.componentConfig.instances(.apiServer)
        guard !apis.isEmpty else { return .notAssessed(ComponentControls.absent(.apiServer)) }
        let withFile = apis.filter { ($0.flags.value("audit-log-path") ?? "-") != "-" }
        guard !withFile.isEmpty else { return .notAssessed("kube-apiserver writes no audit log file (--audit-log-path unset or -)") }
        var violations: [Violation] = []
        for api in withFile {
            for (flag, minimum) in [("audit-log-maxage", 30), ("audit-log-maxbackup", 10), ("audit-log-maxsize", 100)] {
                let value = api.flags.value(flag)
                if let n = value.flatMap(Int.init), n >= minimum { continue }
                violations.append(api.violation(flag: flag, value: value ?? ComponentInstance.unset, message: "\(api.name): --\(flag) is \(value ?? "unset"), below the recommended \(minimum)"))
            }
        }
        return .from(violations, pass: "audit log retention meets 30 days / 10 files / 100 MB")
    }

    // MARK: BW-S12-004

    /// Reads: the rules of every audit Policy in input or named by `--audit-policy-file`. Allows: at
    /// least one rule at Metadata or above, and only valid levels (None, Metadata, Request,
    /// RequestResponse).
    static let policyLogsSomething = Control(
        id: "BW-S12-004", section: .s12, severity: .high,
        title: "The audit Policy logs something",
        remediation: "Give the audit Policy rules that log at Metadata or above; a common base is Metadata for Secrets, ConfigMaps and TokenReviews, RequestResponse for RBAC changes, and Metadata for everything else.",
        reads: ObjectKinds.controlPlanePods + ["Policy"]
    ) { context in
        evaluatePolicies(context, pass: "the audit Policy logs some requests") { policy, match in
            if policy.rules.isEmpty {
                return [Violation(object: policy.object, path: "rules", value: "[]", message: "audit Policy has no rules\(match.context): nothing is logged (the API server rejects an empty policy)")]
            }
            if policy.rules.allSatisfy({ $0.level == AuditLevel.none }) {
                return [Violation(object: policy.object, path: "rules", value: "all None", message: "every rule of the audit Policy\(match.context) has level None: nothing is logged")]
            }
            return policy.rules.compactMap { rule in
                rule.level == nil ? Violation(object: policy.object, path: rule.path.appending("level"), value: rule.levelText, message: "rule \(rule.index) has level \"\(rule.levelText)\", which is not None, Metadata, Request or RequestResponse; the API server rejects the policy") : nil
            }
        }
    }

    // MARK: BW-S12-005

    /// Reads: the rules any request on Secrets, ConfigMaps (get/list/watch/create/update/patch/
    /// delete) or TokenReviews (create) can reach, in order, up to the first that covers them
    /// all. Allows: none of those rules at Request or RequestResponse, which would copy secret
    /// values and tokens into the log.
    static let sensitiveResourcesAtMetadata = Control(
        id: "BW-S12-005", section: .s12, severity: .high,
        title: "Audit Policy logs Secrets, ConfigMaps and TokenReviews at Metadata only",
        remediation: "Add, before any broader rule, a rule logging secrets and configmaps (group \"\") and tokenreviews (group authentication.k8s.io) at level Metadata.",
        reads: ObjectKinds.controlPlanePods + ["Policy"]
    ) { context in
        evaluatePolicies(context, pass: "no reachable rule logs Secret, ConfigMap or TokenReview bodies") { policy, match in
            var violations: [Violation] = []
            for (label, requests) in sensitive {
                var seen: Set<Int> = []
                for request in requests {
                    for rule in policy.reachableRules(for: request) where rule.level?.recordsBodies == true && seen.insert(rule.index).inserted {
                        violations.append(Violation(object: policy.object, path: rule.path.appending("level"), value: rule.levelText,
                                                    message: "rule \(rule.index) logs \(label) at \(rule.levelText)\(match.context): request or response bodies, and with them secret values or tokens, are written to the audit log"))
                    }
                }
            }
            return violations
        }
    }

    // MARK: BW-S12-006

    /// Reads: the level the first matching rule gives to exec/attach, RBAC object writes and
    /// admission webhook configuration writes by an ordinary user. Allows: Metadata or above.
    static let riskyActionsLogged = Control(
        id: "BW-S12-006", section: .s12, severity: .medium,
        title: "Audit Policy logs exec, attach, RBAC and webhook changes",
        remediation: "Make sure pods/exec and pods/attach, writes to roles, rolebindings, clusterroles and clusterrolebindings, and writes to mutating/validating webhook configurations reach a rule at Metadata or above before any None rule.",
        reads: ObjectKinds.controlPlanePods + ["Policy"]
    ) { context in
        evaluatePolicies(context, pass: "exec, attach, RBAC and webhook changes are logged") { policy, match in
            risky.compactMap { label, requests in
                let unlogged = requests.compactMap { r -> (AuditRequest, AuditRule?)? in
                    let result = policy.level(for: r)
                    return result.level == .none ? (r, result.rule) : nil
                }
                guard let (request, rule) = unlogged.first else { return nil }
                let why = rule.map { "rule \($0.index) (level None) matches first" } ?? "no rule matches"
                let path = rule.map { $0.path.appending("level") } ?? FieldPath("rules")
                return Violation(object: policy.object, path: path, value: rule?.levelText ?? "(no match)",
                                 message: "\(label) are not logged\(match.context): for \(request.description) \(why); \(unlogged.count) of \(requests.count) such requests go unrecorded")
            }
        }
    }

    // MARK: BW-S12-007

    /// Reads: rules with level None and no restriction at all. Allows: none, or only as the last
    /// rule (where it changes nothing). Anywhere else it hides every later rule.
    static let catchAllNone = Control(
        id: "BW-S12-007", section: .s12, severity: .high,
        title: "No catch-all None rule hides later audit rules",
        remediation: "Move the unrestricted level: None rule to the end of the Policy, or narrow it (users, userGroups, resources, nonResourceURLs) to the noise it is meant to drop.",
        reads: ObjectKinds.controlPlanePods + ["Policy"]
    ) { context in
        evaluatePolicies(context, pass: "no unrestricted None rule shadows other rules") { policy, match in
            guard let rule = policy.rules.first(where: { $0.isCatchAll }), rule.level == AuditLevel.none, rule.index < policy.rules.count - 1 else { return [] }
            let hidden = policy.rules.count - rule.index - 1
            return [Violation(object: policy.object, path: rule.path.appending("level"), value: "None",
                              message: "rule \(rule.index) matches every request at level None\(match.context): the \(hidden) rule\(hidden == 1 ? "" : "s") after it never apply\(rule.index == 0 ? ", so nothing is logged" : "")")]
        }
    }
}
