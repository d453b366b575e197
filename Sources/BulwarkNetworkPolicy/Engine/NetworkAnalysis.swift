import BulwarkModel

/// The NetworkPolicy facts of one input, indexed once: workloads grouped into pod classes,
/// namespaces with their labels, policies with `policyTypes` defaulted, and which policies
/// isolate which classes. Reachability (`Reachability`) and single questions (`decide`) read it.
public struct NetworkAnalysis: Sendable {
    public let workloads: [NetworkWorkload]
    public let classes: [PodClass]
    /// Class of each workload, same order as `workloads`.
    public let classOfWorkload: [Int]
    public let namespaces: NamespaceIndex
    public let policies: [NetworkPolicyView]
    /// Classes each policy selects (same order as `policies`).
    public let selectedClasses: [[Int]]
    /// Policies isolating each class, per direction (indices into `policies`).
    let isolating: [PolicyDirection: [[Int]]]
    let classesByNamespace: [String: [Int]]
    let workloadByEndpoint: [WorkloadEndpoint: Int]
    /// Namespaces with at least one workload in the input.
    public let namespacesWithWorkloads: Set<String>
    /// Pod IPs and pod CIDRs the input reveals (for the ipBlock warning).
    public let podAddresses: PodAddresses

    public init(inventory: Inventory) {
        let workloads = NetworkWorkload.all(in: inventory)
        self.workloads = workloads
        var classIndex: [PodClass.Key: Int] = [:]
        var classes: [PodClass] = []
        var classOf: [Int] = []
        for (i, w) in workloads.enumerated() {
            let key = PodClass.Key(namespace: w.namespace, labels: w.labels, namedPorts: w.namedPorts, hostNetwork: w.hostNetwork)
            if let c = classIndex[key] {
                classes[c].members.append(i); classOf.append(c)
            } else {
                classIndex[key] = classes.count; classOf.append(classes.count)
                classes.append(PodClass(namespace: w.namespace, labels: w.labels, namedPorts: w.namedPorts, hostNetwork: w.hostNetwork, members: [i]))
            }
        }
        self.classes = classes
        self.classOfWorkload = classOf
        var byNamespace: [String: [Int]] = [:]
        for (i, c) in classes.enumerated() { byNamespace[c.namespace, default: []].append(i) }
        self.classesByNamespace = byNamespace
        self.namespacesWithWorkloads = Set(byNamespace.keys)
        var byEndpoint: [WorkloadEndpoint: Int] = [:]
        for (i, w) in workloads.enumerated() { byEndpoint[w.endpoint] = i }
        self.workloadByEndpoint = byEndpoint

        let policies = inventory.objects(ofKind: "NetworkPolicy")
            .filter { $0.apiVersion.hasPrefix("networking.k8s.io/") }
            .map(NetworkPolicyView.init)
        self.policies = policies
        var policyNamespaces = Set(policies.map(\.namespace))
        policyNamespaces.formUnion(byNamespace.keys)
        self.namespaces = NamespaceIndex(inventory: inventory, extraNames: policyNamespaces)

        var selected: [[Int]] = []
        var isolating: [PolicyDirection: [[Int]]] = [.ingress: Array(repeating: [], count: classes.count),
                                                     .egress: Array(repeating: [], count: classes.count)]
        for (p, policy) in policies.enumerated() {
            // A policy selects pods of its own namespace only; host-network pods are outside policy.
            let chosen = (byNamespace[policy.namespace] ?? []).filter {
                !classes[$0].hostNetwork && policy.podSelector.matches(classes[$0].labels)
            }
            selected.append(chosen)
            for d in PolicyDirection.allCases where policy.affects(d) {
                for c in chosen { isolating[d]?[c].append(p) }
            }
        }
        self.selectedClasses = selected
        self.isolating = isolating
        self.podAddresses = PodAddresses(inventory: inventory)
    }

    /// Policies that select the class for `direction` (empty: the class is not isolated that way).
    public func isolatingPolicies(ofClass c: Int, _ direction: PolicyDirection) -> [Int] {
        isolating[direction]?[c] ?? []
    }

    public func workloadIndex(_ endpoint: WorkloadEndpoint) -> Int? { workloadByEndpoint[endpoint] }

    // MARK: peers

    /// Namespaces a selector peer covers.
    func peerNamespaces(_ namespaceSelector: LabelSelector?, policyNamespace: String) -> [String] {
        guard let namespaceSelector else { return [policyNamespace] }
        return namespaces.names.filter { namespaceSelector.matches(namespaces.labels[$0] ?? [:]) }
    }

    /// Whether a peer matches a pod class. Host-network pods carry node addresses, so no selector
    /// matches them; ipBlock never matches pods (taken to name addresses outside the cluster).
    public func peer(_ peer: PolicyPeer, policyNamespace: String, matchesClass c: Int) -> Bool {
        guard case .pods(let nsSel, let podSel) = peer else { return false }
        let cls = classes[c]
        if cls.hostNetwork { return false }
        if let nsSel {
            guard nsSel.matches(namespaces.labels[cls.namespace] ?? [NamespaceIndex.nameLabel: cls.namespace]) else { return false }
        } else if cls.namespace != policyNamespace {
            return false
        }
        return podSel?.matches(cls.labels) ?? true
    }

    public func peer(_ peer: PolicyPeer, matchesAddress address: IPAddress) -> Bool {
        guard case .ipBlock(let block) = peer else { return false }
        return block.contains(address)
    }

    /// Classes a rule's peers match (every class when the rule names no peers).
    func classesMatched(by rule: PolicyRule, policyNamespace: String) -> [Int] {
        guard let peers = rule.peers else { return Array(classes.indices) }
        var hit = Set<Int>()
        for peer in peers {
            guard case .pods(let nsSel, _) = peer else { continue }
            for ns in peerNamespaces(nsSel, policyNamespace: policyNamespace) {
                for c in classesByNamespace[ns] ?? [] where self.peer(peer, policyNamespace: policyNamespace, matchesClass: c) {
                    hit.insert(c)
                }
            }
        }
        return hit.sorted()
    }

    /// Classes one peer matches (for dangling-peer checks).
    public func classesMatched(by peer: PolicyPeer, policyNamespace: String) -> [Int] {
        guard case .pods(let nsSel, _) = peer else { return [] }
        return peerNamespaces(nsSel, policyNamespace: policyNamespace).flatMap { ns in
            (classesByNamespace[ns] ?? []).filter { self.peer(peer, policyNamespace: policyNamespace, matchesClass: $0) }
        }
    }
}

extension NetworkAnalysis {
    /// A workload by `NAMESPACE/KIND/NAME`, the kind matched without regard to case (`deployment`).
    public func workloadIndex(namespace: String, kind: String, name: String) -> Int? {
        if let exact = workloadIndex(WorkloadEndpoint(kind: kind, namespace: namespace, name: name)) { return exact }
        if let byKind = workloads.firstIndex(where: { $0.namespace == namespace && $0.name == name && $0.kind.lowercased() == kind.lowercased() }) {
            return byKind
        }
        // A pod named directly though its controller names the workload.
        return workloads.firstIndex { w in
            w.namespace == namespace && w.members.contains { $0.name == name && $0.kind.lowercased() == kind.lowercased() }
        }
    }
}
