import BulwarkModel
import BulwarkNetworkPolicy

/// S8 Network access: what the NetworkPolicies in force really allow, computed by the
/// BulwarkNetworkPolicy engine (not by the presence of a policy object).
public enum S8NetworkAccess {
    public static let controls: [Control] = [
        namespaceDefaultDenyIngress, namespaceDefaultDenyEgress, workloadsWithoutIngressPolicy,
        sensitiveNamespaceReachability, danglingPolicies, externallyExposedServices, serviceExternalIPs,
        cniDoesNotEnforcePolicies,
    ]

    /// Namespaces labelled with this key set to "true" are treated like kube-system by BW-S8-004.
    public static let sensitiveLabel = "bulwark.io/sensitive"

    // MARK: BW-S8-001 / BW-S8-002

    static let namespaceDefaultDenyIngress = defaultDeny(
        .ingress, id: "BW-S8-001", severity: .medium,
        remediation: """
        Add a default-deny ingress policy to the namespace, then allow only the flows it needs:
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-ingress, namespace: NAMESPACE}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
        Note `ingress: []` (or no ingress field) denies; `ingress: [{}]` is one empty rule and allows everything.
        """)

    static let namespaceDefaultDenyEgress = defaultDeny(
        .egress, id: "BW-S8-002", severity: .low,
        remediation: """
        Add a default-deny egress policy (policyTypes must list Egress explicitly: without egress rules the \
        default does not include it), plus an allow to cluster DNS on UDP and TCP 53:
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny-egress, namespace: NAMESPACE}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
            - to:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
                  podSelector: {matchLabels: {k8s-app: kube-dns}}
              ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
        """)

    /// Reads: NetworkPolicies of each non-system namespace that runs workloads.
    /// Allows: a policy with `podSelector: {}` whose (defaulted) policyTypes include the direction
    /// (every pod of the namespace, present and future, is isolated), and no namespace-wide rule that
    /// allows everything (`{}`), which would undo the deny.
    static func defaultDeny(_ direction: PolicyDirection, id: String, severity: Severity, remediation: String) -> Control {
        Control(
            id: id, section: .s8, severity: severity,
            title: "Namespaces with workloads but no default-deny \(direction.field) NetworkPolicy",
            remediation: remediation,
            references: ["cis": ["5.3.2"], "kubescape": ["C-0260"]],
            reads: ObjectKinds.workloads + ["NetworkPolicy", "Namespace"]
        ) { context in
            let analysis = context.networkPolicy.analysis
            guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
            var violations: [Violation] = []
            let namespaces = context.namespacesWithWorkloads
            for ns in namespaces {
                let wide = analysis.policies.filter { $0.namespace == ns && $0.podSelector.isEmpty && $0.affects(direction) }
                let object = context.namespaceObject(named: ns)
                let open = direction == .ingress ? "accepts all ingress traffic" : "may send traffic anywhere"
                let openPlural = direction == .ingress ? "accept all ingress traffic" : "may send traffic anywhere"
                if wide.isEmpty {
                    let any = analysis.policies.contains { $0.namespace == ns }
                    violations.append(Violation(
                        object: object, location: "NetworkPolicy (podSelector: {}, policyTypes: [\(direction.rawValue)])", value: nil,
                        message: any
                            ? "no NetworkPolicy of namespace \(ns) selects every pod for \(direction.rawValue): pods its policies do not select (and new ones) \(openPlural)"
                            : "namespace \(ns) has no NetworkPolicy at all: every pod \(open)"))
                    continue
                }
                for policy in wide {
                    for rule in policy.rules(direction) where rule.allowsEverything {
                        violations.append(Violation(
                            object: policy.object, path: FieldPath("spec").appending(direction.field).appending(index: rule.index),
                            value: "{}",
                            message: "NetworkPolicy \(policy.displayName) selects every pod but its rule \(rule.label) is empty ({}), which allows all \(direction.field) traffic; `\(direction.field): []` denies"))
                    }
                }
            }
            return .from(violations, pass: "all \(namespaces.count) namespaces with workloads have a default-deny \(direction.field) policy")
        }
    }

    // MARK: BW-S8-003

    /// Reads: every workload outside system namespaces (host-network ones are BW-S9-001's).
    /// Allows: selected by at least one policy with Ingress, and no rule of those allows everything.
    static let workloadsWithoutIngressPolicy = Control(
        id: "BW-S8-003", section: .s8, severity: .medium,
        title: "Workloads that accept traffic from anywhere (selected by no ingress NetworkPolicy)",
        remediation: "Select the workload's pods with a NetworkPolicy listing Ingress (a namespace default-deny does this), and allow only the peers and ports it serves.",
        references: ["kubescape": ["C-0260"]],
        reads: ObjectKinds.workloads + ["NetworkPolicy", "Namespace"]
    ) { context in
        let analysis = context.networkPolicy.analysis
        guard !analysis.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        for (i, w) in analysis.workloads.enumerated() where !w.hostNetwork && !ScanContext.isSystemNamespace(w.namespace) {
            let labelsPath = w.selectionPath
            if !analysis.isIsolated(workload: i, .ingress) {
                violations.append(Violation(object: w.object, path: labelsPath, value: nil,
                    message: "no NetworkPolicy selects these pods for Ingress: every pod and external address may connect on every port"))
            } else if let open = analysis.allowAllRules(of: i, .ingress).first {
                violations.append(Violation(object: w.object, path: labelsPath, value: nil,
                    message: "NetworkPolicy \(open) is an empty rule ({}) that allows all ingress traffic to these pods"))
            }
        }
        return .from(violations, pass: "every workload is isolated for ingress")
    }

    // MARK: BW-S8-004

    /// Reads: reachability into workloads of kube-system and of namespaces labelled
    /// `bulwark.io/sensitive: "true"`, from workloads of other namespaces and from outside.
    /// Allows: DNS (TCP/UDP 53) only. Host-network workloads are left out (policy cannot protect them).
    static let sensitiveNamespaceReachability = Control(
        id: "BW-S8-004", section: .s8, severity: .high,
        title: "Workloads in sensitive namespaces reachable from other namespaces",
        remediation: "Give the sensitive namespace a default-deny ingress policy and allow only named clients: one peer holding both namespaceSelector and podSelector (same list item: AND). Separate items (`- namespaceSelector` / `- podSelector`) are ORed and admit every pod of those namespaces.",
        references: ["kubescape": ["C-0260"]],
        reads: ObjectKinds.workloads + ["NetworkPolicy", "Namespace"]
    ) { context in
        let index = context.networkPolicy
        let analysis = index.analysis
        guard !analysis.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        let sensitive = Set(analysis.namespaces.names.filter { ns in
            ns == "kube-system" || analysis.namespaces.labels[ns]?[sensitiveLabel] == "true"
        })
        let targets = Set(analysis.classes.indices.filter { sensitive.contains(analysis.classes[$0].namespace) && !analysis.classes[$0].hostNetwork })
        guard !targets.isEmpty else { return .pass("no workloads in sensitive namespaces (\(sensitive.sorted().joined(separator: ", ")))") }
        let sources = index.reachability.sources(of: targets)
        var violations: [Violation] = []
        for t in targets.sorted() {
            let cls = analysis.classes[t]
            var reached: [String] = []
            for (s, conn) in sources[t] ?? [] where analysis.classes[s].namespace != cls.namespace && !conn.isSubset(of: .dns) {
                for m in analysis.classes[s].members { reached.append("\(analysis.workloads[m].endpoint) (\(conn))") }
            }
            for (ranges, conn) in index.reachability.externalSources(ofClass: t) where !conn.isSubset(of: .dns) {
                reached.append("external \(ranges.map(\.description).joined(separator: ",")) (\(conn))")
            }
            guard !reached.isEmpty else { continue }
            reached.sort()
            let shown = reached.prefix(5).joined(separator: "; ") + (reached.count > 5 ? "; and \(reached.count - 5) more" : "")
            for m in cls.members {
                let w = analysis.workloads[m]
                violations.append(Violation(object: w.object, path: w.selectionPath, value: "\(reached.count) sources",
                    message: "reachable from outside namespace \(w.namespace) beyond DNS: \(shown)"))
            }
        }
        return .from(violations, pass: "workloads in \(sensitive.sorted().joined(separator: ", ")) are reachable from other namespaces on DNS only, if at all")
    }

    // MARK: BW-S8-005

    /// Reads: every NetworkPolicy. Fails a policy that selects no pod, and a peer that matches no
    /// pod, where the input holds the namespace's workloads (own namespace, or namespaces named
    /// through kubernetes.io/metadata.name); peers the API server would reject match nothing.
    static let danglingPolicies = Control(
        id: "BW-S8-005", section: .s8, severity: .low,
        title: "NetworkPolicies that select no pod, or whose peers match nothing (dangling)",
        remediation: "Fix the selector's labels (compare with the pods' template labels) or delete the policy. A dangling allow rule usually means the intended traffic is denied, or a label change silently removed a protection.",
        references: [:],
        reads: ObjectKinds.workloads + ["NetworkPolicy", "Namespace"]
    ) { context in
        let analysis = context.networkPolicy.analysis
        guard !analysis.policies.isEmpty else { return .notAssessed("no NetworkPolicy objects in input") }
        guard !analysis.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        for (p, policy) in analysis.policies.enumerated() where analysis.namespacesWithWorkloads.contains(policy.namespace) {
            if analysis.selectedClasses[p].isEmpty {
                violations.append(Violation(object: policy.object, path: "spec.podSelector", value: policy.podSelector.summary,
                    message: "NetworkPolicy \(policy.displayName) selects no pod of namespace \(policy.namespace)"))
            }
            for rule in policy.ingress + policy.egress where policy.affects(rule.direction) {
                for (j, peer) in (rule.peers ?? []).enumerated() {
                    let path = FieldPath("spec").appending(rule.direction.field).appending(index: rule.index)
                        .appending(rule.direction.peerField).appending(index: j)
                    switch peer {
                    case .invalid(let reason):
                        violations.append(Violation(object: policy.object, path: path, value: nil,
                            message: "invalid peer (the API server would reject it) matches nothing: \(reason)"))
                    case .pods(let nsSel, _):
                        let scope: Set<String>? = nsSel == nil ? [policy.namespace] : nsSel?.pinnedNamespaceNames
                        guard let scope, !scope.isEmpty, scope.isSubset(of: analysis.namespacesWithWorkloads) else { continue }
                        if analysis.classesMatched(by: peer, policyNamespace: policy.namespace).isEmpty {
                            violations.append(Violation(object: policy.object, path: path, value: peer.summary,
                                message: "peer matches no pod in \(scope.sorted().joined(separator: ", ")): rule \(rule.label) of \(policy.displayName) allows nothing through it"))
                        }
                    case .ipBlock: continue
                    }
                }
            }
        }
        return .from(violations, pass: "every NetworkPolicy selects pods and every peer matches pods (where the input holds them)")
    }
    // MARK: BW-S8-006

    /// The `services.nodeports` / `services.loadbalancers` quota of a namespace, when one is set.
    static func serviceQuota(_ key: String, namespace: String, in inventory: Inventory) -> String? {
        inventory.objects(ofKind: "ResourceQuota").filter { $0.namespace == namespace }
            .compactMap { $0.value["spec"]?["hard"]?[key]?.scalarText }.first
    }

    /// Reads: every Service. Fails type NodePort and LoadBalancer (each opens a port on every node,
    /// or an address outside the cluster, to whoever reaches it); the message tells whether the
    /// namespace's ResourceQuota caps such Services (S5), which decides who may create more.
    static let externallyExposedServices = Control(
        id: "BW-S8-006", section: .s8, severity: .low,
        title: "Services exposed outside the cluster (type NodePort or LoadBalancer)",
        remediation: "Use type ClusterIP behind an Ingress or Gateway with TLS and authentication where possible; keep NodePort/LoadBalancer for what must be reached from outside, restrict it with loadBalancerSourceRanges or firewall rules, and cap them per namespace with a ResourceQuota (services.nodeports, services.loadbalancers: 0 where none are allowed).",
        references: [:], reads: ["Service", "ResourceQuota"]
    ) { context in
        let services = context.inventory.objects(ofKind: "Service")
        guard !services.isEmpty else { return .notAssessed("no Service objects in input") }
        var violations: [Violation] = []
        for service in services {
            guard let type = service.value["spec"]?["type"]?.string, type == "NodePort" || type == "LoadBalancer" else { continue }
            let key = type == "NodePort" ? "services.nodeports" : "services.loadbalancers"
            let quota = serviceQuota(key, namespace: service.namespace, in: context.inventory)
            let ports = (service.value["spec"]?["ports"]?.array ?? []).compactMap { p -> String? in
                guard let port = p["port"]?.scalarText else { return nil }
                return p["nodePort"]?.scalarText.map { "\(port)→node \($0)" } ?? port
            }
            var message = type == "NodePort"
                ? "NodePort Service opens \(ports.isEmpty ? "its ports" : "ports " + ports.joined(separator: ", ")) on every node to whoever can reach a node"
                : "LoadBalancer Service asks for an address outside the cluster\(ports.isEmpty ? "" : " for ports " + ports.joined(separator: ", "))"
            if type == "LoadBalancer", service.value["spec"]?["loadBalancerSourceRanges"]?.array?.isEmpty ?? true {
                message += ", open to every source (no loadBalancerSourceRanges)"
            }
            message += quota.map { "; namespace quota \(key)=\($0)" } ?? "; no ResourceQuota of namespace \(service.namespace) caps \(key)"
            violations.append(Violation(object: service, path: "spec.type", value: type, message: message))
        }
        return .from(violations, pass: "none of the \(services.count) Services is of type NodePort or LoadBalancer")
    }

    // MARK: BW-S8-007

    /// Reads: every Service's `spec.externalIPs`. Any entry fails: whoever may set externalIPs can
    /// intercept traffic to those addresses cluster-wide (CVE-2020-8554, unfixed; the mitigation is
    /// the DenyServiceExternalIPs admission plugin, or a policy that rejects the field).
    static let serviceExternalIPs = Control(
        id: "BW-S8-007", section: .s8, severity: .medium,
        title: "Services with spec.externalIPs (CVE-2020-8554 traffic interception)",
        remediation: "Remove spec.externalIPs (use a LoadBalancer or Ingress instead) and enable the DenyServiceExternalIPs admission plugin on kube-apiserver (--enable-admission-plugins=...,DenyServiceExternalIPs), or reject the field with a ValidatingAdmissionPolicy; also restrict who may update services/status.",
        references: [:], reads: ["Service"]
    ) { context in
        let services = context.inventory.objects(ofKind: "Service")
        guard !services.isEmpty else { return .notAssessed("no Service objects in input") }
        var violations: [Violation] = []
        for service in services {
            let ips = (service.value["spec"]?["externalIPs"]?.array ?? []).compactMap(\.string)
            guard !ips.isEmpty else { continue }
            violations.append(Violation(object: service, path: "spec.externalIPs", value: ips.joined(separator: ","),
                message: "Service claims external IPs \(ips.joined(separator: ", ")): kube-proxy sends traffic for these addresses, from every pod and node, to this Service's endpoints (CVE-2020-8554)"))
        }
        return .from(violations, pass: "none of the \(services.count) Services sets spec.externalIPs")
    }

    // MARK: BW-S8-008

    /// Reads: the images of DaemonSets and Pods, to recognise the CNI (`S8CNIDetection`), and the
    /// NetworkPolicies. Fails when every recognised agent is known not to enforce NetworkPolicy
    /// (flannel alone, kindnet before kind v0.24.0, weave without weave-npc): policies present are
    /// inert (high), and none could take effect (medium). Not assessed when no CNI is recognised, or
    /// when the only ones found cannot be judged from the input.
    static let cniDoesNotEnforcePolicies = Control(
        id: "BW-S8-008", section: .s8, severity: .high,
        title: "NetworkPolicies present but the CNI in use does not enforce them",
        remediation: "Run a CNI that enforces NetworkPolicy (Calico, Cilium, Antrea, kube-router, or Canal to keep flannel's networking with Calico's policy), or add a NetworkPolicy controller such as kube-network-policies next to the current one; then test that a default-deny policy blocks traffic.",
        references: ["cis": ["5.3.1"], "kubescape": ["C-0205"]],
        reads: ["DaemonSet", "Pod", "NetworkPolicy"]
    ) { context in
        let detection = S8CNIDetection(workloads: context.workloads)
        guard !detection.agents.isEmpty else {
            return .notAssessed("no recognised CNI DaemonSet or pod in input (looked for calico, cilium, antrea, kube-router, weave, flannel, kindnet, kube-network-policies)")
        }
        if let enforcing = detection.agents.first(where: { $0.enforces == true }) {
            return .pass("\(enforcing.name) enforces NetworkPolicy (\(enforcing.evidence))")
        }
        let unknown = detection.agents.filter { $0.enforces == nil }
        if !unknown.isEmpty {
            return .notAssessed("cannot tell whether \(unknown.map { "\($0.name) (\($0.evidence))" }.joined(separator: "; ")) enforces NetworkPolicy")
        }
        let policies = context.inventory.objects(ofKind: "NetworkPolicy")
        let names = detection.agents.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var violations: [Violation] = []
        for agent in detection.agents {
            let message = policies.isEmpty
                ? "the CNI in use (\(names.joined(separator: ", "))) does not enforce NetworkPolicy: no policy written later would take effect (\(agent.evidence))"
                : "the CNI in use (\(names.joined(separator: ", "))) does not enforce NetworkPolicy: all \(policies.count) NetworkPolicies are inert (\(agent.evidence))"
            violations.append(Violation(object: agent.object, path: "spec", value: agent.name, message: message,
                                        severity: policies.isEmpty ? .medium : .high))
        }
        return .fail(violations)
    }
}

extension NetworkWorkload {
    /// Where a finding about what selects these pods points: the pod's labels when written,
    /// else the pod spec (a path that exists, so the finding's line resolves).
    var selectionPath: FieldPath {
        pod.metadata["labels"] != nil ? pod.path(FieldPath("metadata.labels")) : pod.path(FieldPath("spec"))
    }
}

private extension Value {
    /// A quota amount or port number as written: `"0"`, `0` or `30080`.
    var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        default: return nil
        }
    }
}
