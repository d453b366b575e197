extension NetworkAnalysis {
    /// Decides one connection and names the rules responsible on each side.
    public func decide(from source: TrafficEndpoint, to destination: TrafficEndpoint,
                       proto: NetworkProtocol, port: Int) -> TrafficDecision {
        var decision = TrafficDecision()
        // The destination's named ports resolve every rule's named port on both sides.
        let destinationPorts: [NamedPort: Int]? = {
            if case .workload(let w) = destination { return workloads[w].namedPorts }
            return nil
        }()
        if case .workload(let s) = source {
            decision.egress = side(.egress, subject: s, peer: destination, namedPorts: destinationPorts, proto: proto, port: port)
        }
        if case .workload(let d) = destination {
            decision.ingress = side(.ingress, subject: d, peer: source, namedPorts: destinationPorts, proto: proto, port: port)
        }
        return decision
    }

    func side(_ direction: PolicyDirection, subject w: Int, peer: TrafficEndpoint, namedPorts: [NamedPort: Int]?,
              proto: NetworkProtocol, port: Int) -> SideDecision {
        let subject = workloads[w]
        let c = classOfWorkload[w]
        if subject.hostNetwork {
            return SideDecision(direction: direction, subject: subject.endpoint.description, reason: .hostNetwork,
                                isolatingPolicies: [], allowingRules: [])
        }
        let isolatingIndices = isolatingPolicies(ofClass: c, direction)
        guard !isolatingIndices.isEmpty else {
            return SideDecision(direction: direction, subject: subject.endpoint.description, reason: .notIsolated,
                                isolatingPolicies: [], allowingRules: [])
        }
        var allowing: [RuleReference] = []
        for p in isolatingIndices {
            let policy = policies[p]
            for rule in policy.rules(direction) {
                guard rule.connections(namedPorts: namedPorts).allows(proto, port: port) else { continue }
                if ruleMatches(rule, policyNamespace: policy.namespace, peer: peer) {
                    allowing.append(RuleReference(namespace: policy.namespace, policy: policy.name, rule: rule.label))
                }
            }
        }
        return SideDecision(direction: direction, subject: subject.endpoint.description,
                            reason: allowing.isEmpty ? .noRuleAllows : .allowedByRule,
                            isolatingPolicies: isolatingIndices.map { policies[$0].displayName }, allowingRules: allowing)
    }

    func ruleMatches(_ rule: PolicyRule, policyNamespace: String, peer: TrafficEndpoint) -> Bool {
        guard let peers = rule.peers else { return true }
        switch peer {
        case .workload(let w):
            let c = classOfWorkload[w]
            return peers.contains { self.peer($0, policyNamespace: policyNamespace, matchesClass: c) }
        case .address(let a):
            return peers.contains { self.peer($0, matchesAddress: a) }
        }
    }
}
