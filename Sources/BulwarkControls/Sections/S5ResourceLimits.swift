import BulwarkModel

/// S5 Limiting resource use: container requests/limits (with LimitRange defaults applied as the
/// API server applies them), and per-namespace ResourceQuota and LimitRange.
public enum S5ResourceLimits {
    public static let controls: [Control] = [containerLimits, containerRequests, namespaceQuota, namespaceLimitRange]

    static let resources = ["cpu", "memory"]

    // MARK: BW-S5-001

    /// Reads: `c[*].resources.limits.{cpu,memory}` of `initContainers` and `containers` (ephemeral
    /// containers cannot set resources); LimitRange `spec.limits[type=Container].{default,max}` in
    /// the workload's namespace (an unset `default` takes `max`, as LimitRange defaulting does).
    /// Allows: a limit for both cpu and memory, written or supplied by a LimitRange default.
    /// A missing memory limit is medium (one container can exhaust node memory); a missing cpu
    /// limit alone is low (cpu is compressible; requests already share it fairly).
    static let containerLimits = Control(
        id: "BW-S5-001", section: .s5, severity: .medium,
        title: "Containers without cpu/memory limits and no LimitRange default",
        remediation: "Set resources.limits.cpu and resources.limits.memory on every container, or give the namespace a LimitRange of type Container with default limits.",
        references: ["kubescape": ["C-0004", "C-0009", "C-0050"], "checkov": ["CKV_K8S_11", "CKV_K8S_13"]],
        reads: ObjectKinds.workloads + ["LimitRange"]
    ) { context in
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        let defaults = LimitRangeDefaults(context: context)
        var violations: [Violation] = []
        for workload in context.workloadList {
            for container in workload.containers(includeEphemeral: false) {
                let limits = container.value["resources"]?["limits"]
                let missing = resources.filter { r in
                    limits?[r].map { !$0.isNull } != true && !defaults.suppliesLimit(r, in: workload.namespace)
                }
                guard !missing.isEmpty else { continue }
                violations.append(Violation(
                    object: workload.object,
                    path: container.path.appending("resources").appending("limits"),
                    value: limits?.summary() ?? "unset",
                    message: "\(container.label) sets no \(missing.joinedForMessage) limit and no LimitRange in namespace \"\(workload.namespace)\" supplies a default: it can take \(missing.contains("memory") ? "all of its node's memory" : "all of its node's spare cpu") and starve other pods",
                    severity: missing.contains("memory") ? .medium : .low))
            }
        }
        return .from(violations, pass: "every container has cpu and memory limits, written or defaulted by a LimitRange")
    }

    // MARK: BW-S5-002

    /// Reads: `c[*].resources.requests` and `.limits` (an unset request defaults to the limit);
    /// LimitRange `spec.limits[type=Container].{defaultRequest,default,max}` in the namespace.
    /// Allows: a cpu and a memory request, written, defaulted from the limit, or from a LimitRange.
    static let containerRequests = Control(
        id: "BW-S5-002", section: .s5, severity: .low,
        title: "Containers without cpu/memory requests and no LimitRange default",
        remediation: "Set resources.requests.cpu and resources.requests.memory on every container (or limits, which requests default to), or give the namespace a LimitRange with defaultRequest.",
        references: ["kubescape": ["C-0004", "C-0050"], "checkov": ["CKV_K8S_10", "CKV_K8S_12"]],
        reads: ObjectKinds.workloads + ["LimitRange"]
    ) { context in
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        let defaults = LimitRangeDefaults(context: context)
        var violations: [Violation] = []
        for workload in context.workloadList {
            for container in workload.containers(includeEphemeral: false) {
                let resourcesValue = container.value["resources"]
                let requests = resourcesValue?["requests"]
                let missing = resources.filter { r in
                    let written = requests?[r].map { !$0.isNull } == true
                    // The API server copies a limit into an unset request.
                    let fromLimit = resourcesValue?["limits"]?[r].map { !$0.isNull } == true
                    return !written && !fromLimit && !defaults.suppliesRequest(r, in: workload.namespace)
                }
                guard !missing.isEmpty else { continue }
                violations.append(Violation(
                    object: workload.object,
                    path: container.path.appending("resources").appending("requests"),
                    value: requests?.summary() ?? "unset",
                    message: "\(container.label) sets no \(missing.joinedForMessage) request (nor a limit it would default to) and no LimitRange in namespace \"\(workload.namespace)\" supplies one: the scheduler places it as if it needed nothing and a quota on requests cannot count it"))
            }
        }
        return .from(violations, pass: "every container has cpu and memory requests, written or defaulted")
    }

    // MARK: BW-S5-003

    /// Quota keys a namespace needs, each satisfied by any of its spellings.
    static let requiredQuotaKeys: [(label: String, keys: Set<String>)] = [
        ("requests.cpu", ["requests.cpu", "cpu"]),
        ("limits.cpu", ["limits.cpu"]),
        ("requests.memory", ["requests.memory", "memory"]),
        ("limits.memory", ["limits.memory"]),
        ("pods", ["pods", "count/pods"]),
        ("services.nodeports", ["services.nodeports"]),
        ("services.loadbalancers", ["services.loadbalancers"]),
    ]

    /// Reads: non-system namespaces that run workloads; ResourceQuota `spec.hard` keys in each,
    /// ignoring quotas with `spec.scopes` or `spec.scopeSelector` (they cover only some pods).
    /// Allows: quotas that together bound cpu and memory (requests and limits), the pod count, and
    /// `services.nodeports` and `services.loadbalancers` (who may expose services outside).
    static let namespaceQuota = Control(
        id: "BW-S5-003", section: .s5, severity: .medium,
        title: "Namespaces running workloads without a ResourceQuota on cpu, memory, pods and external services",
        remediation: "Create a ResourceQuota in each application namespace with hard limits on requests.cpu, limits.cpu, requests.memory, limits.memory, pods, services.nodeports and services.loadbalancers (0 where the namespace must not expose services outside the cluster).",
        reads: ObjectKinds.workloads + ["Namespace", "ResourceQuota"]
    ) { context in
        let namespaces = context.namespacesWithWorkloads
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        guard !namespaces.isEmpty else { return .notAssessed("no workloads outside system namespaces") }
        let quotas = context.objectsByNamespace(ofKind: "ResourceQuota")
        var violations: [Violation] = []
        for ns in namespaces {
            let all = quotas[ns] ?? []
            let unscoped = all.filter { q in
                q.value.value(at: "spec.scopes")?.array?.isEmpty ?? true
                    && (q.value.value(at: "spec.scopeSelector").map(\.isNull) ?? true)
            }
            guard let first = unscoped.first else {
                let note = all.isEmpty ? "" : " (its \(all.count) quota(s) are scoped and cover only some pods)"
                violations.append(Violation(
                    object: context.namespaceObject(named: ns), path: "metadata.name", value: ns,
                    message: "namespace \"\(ns)\" runs workloads but has no ResourceQuota\(note): its users can consume the cluster's cpu, memory and pod capacity and create NodePort/LoadBalancer services without limit"))
                continue
            }
            let hard = Set(unscoped.flatMap { $0.value.value(at: "spec.hard")?.mapping?.keys ?? [] })
            let missing = requiredQuotaKeys.filter { $0.keys.isDisjoint(with: hard) }.map(\.label)
            guard !missing.isEmpty else { continue }
            violations.append(Violation(
                object: first, path: "spec.hard", value: hard.sorted().joined(separator: ", "),
                message: "the ResourceQuotas of namespace \"\(ns)\" do not limit \(missing.joinedForMessage)",
                severity: missing.allSatisfy { $0.hasPrefix("services.") } ? .low : nil))
        }
        return .from(violations, pass: "every namespace running workloads has a ResourceQuota on cpu, memory, pods and external services")
    }

    // MARK: BW-S5-004

    /// Reads: non-system namespaces that run workloads; LimitRange `spec.limits[type=Container]`
    /// `default`, `defaultRequest` and `max` for cpu and memory.
    /// Allows: LimitRanges that together give containers default limits (directly or through
    /// `max`), default requests, and a max for cpu and memory.
    static let namespaceLimitRange = Control(
        id: "BW-S5-004", section: .s5, severity: .low,
        title: "Namespaces running workloads without a LimitRange giving container defaults and a max",
        remediation: "Create a LimitRange of type Container in each application namespace with default, defaultRequest and max for cpu and memory.",
        reads: ObjectKinds.workloads + ["Namespace", "LimitRange"]
    ) { context in
        let namespaces = context.namespacesWithWorkloads
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        guard !namespaces.isEmpty else { return .notAssessed("no workloads outside system namespaces") }
        let ranges = context.objectsByNamespace(ofKind: "LimitRange")
        let defaults = LimitRangeDefaults(context: context)
        var violations: [Violation] = []
        for ns in namespaces {
            guard let first = ranges[ns]?.first else {
                violations.append(Violation(
                    object: context.namespaceObject(named: ns), path: "metadata.name", value: ns,
                    message: "namespace \"\(ns)\" runs workloads but has no LimitRange: containers without resources run unbounded",
                    severity: .medium))
                continue
            }
            var missing: [String] = []
            for r in resources {
                if !defaults.suppliesLimit(r, in: ns) { missing.append("default.\(r)") }
                if !defaults.suppliesRequest(r, in: ns) { missing.append("defaultRequest.\(r)") }
                if !defaults.hasMax(r, in: ns) { missing.append("max.\(r)") }
            }
            guard !missing.isEmpty else { continue }
            violations.append(Violation(
                object: first, path: "spec.limits", value: first.value.value(at: "spec.limits")?.summary() ?? "unset",
                message: "the LimitRanges of namespace \"\(ns)\" set no container \(missing.joinedForMessage)"))
        }
        return .from(violations, pass: "every namespace running workloads has a LimitRange with container defaults and a max")
    }
}

/// Container defaults the LimitRanges of each namespace supply, after LimitRange defaulting
/// (`default` takes `max`, `defaultRequest` takes `default`).
struct LimitRangeDefaults {
    private var limits: [String: Set<String>] = [:]
    private var requests: [String: Set<String>] = [:]
    private var maxima: [String: Set<String>] = [:]

    init(context: ScanContext) {
        for range in context.inventory.objects(ofKind: "LimitRange") {
            let ns = Workload.effectiveNamespace(of: range)
            for item in range.value.value(at: "spec.limits")?.array ?? [] where item["type"]?.string == "Container" {
                func keys(_ field: String) -> Set<String> {
                    Set(item[field]?.mapping?.entries.filter { !$0.value.isNull }.map(\.key) ?? [])
                }
                let max = keys("max")
                let def = keys("default").union(max)
                let defReq = keys("defaultRequest").union(def)
                limits[ns, default: []].formUnion(def)
                requests[ns, default: []].formUnion(defReq)
                maxima[ns, default: []].formUnion(max)
            }
        }
    }

    func suppliesLimit(_ resource: String, in ns: String) -> Bool { limits[ns]?.contains(resource) == true }
    func suppliesRequest(_ resource: String, in ns: String) -> Bool { requests[ns]?.contains(resource) == true }
    func hasMax(_ resource: String, in ns: String) -> Bool { maxima[ns]?.contains(resource) == true }
}
