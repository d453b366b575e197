extension NetworkAnalysis {
    /// Egress rules of the policies isolating workload `w` that let it reach `address` on some
    /// port (empty when none does, or when `w` is not egress-isolated).
    public func egressRules(of w: Int, toward address: IPAddress) -> [RuleReference] {
        let c = classOfWorkload[w]
        var out: [RuleReference] = []
        for p in isolatingPolicies(ofClass: c, .egress) {
            let policy = policies[p]
            for rule in policy.rules(.egress) where !rule.connections(namedPorts: nil).isEmpty {
                if ruleMatches(rule, policyNamespace: policy.namespace, peer: .address(address)) {
                    out.append(RuleReference(namespace: policy.namespace, policy: policy.name, rule: rule.label))
                }
            }
        }
        return out
    }

    /// Whether the workload's pods are isolated for `direction` (host-network pods never are).
    public func isIsolated(workload w: Int, _ direction: PolicyDirection) -> Bool {
        !workloads[w].hostNetwork && !isolatingPolicies(ofClass: classOfWorkload[w], direction).isEmpty
    }

    /// Rules of the policies isolating workload `w` that allow everything (`{}`: no peers, no ports).
    public func allowAllRules(of w: Int, _ direction: PolicyDirection) -> [RuleReference] {
        isolatingPolicies(ofClass: classOfWorkload[w], direction).flatMap { p -> [RuleReference] in
            let policy = policies[p]
            return policy.rules(direction).filter(\.allowsEverything).map {
                RuleReference(namespace: policy.namespace, policy: policy.name, rule: $0.label)
            }
        }
    }
}

extension Reachability {
    /// For each destination class in `targets`, every source class that may reach it, with what.
    public func sources(of targets: Set<Int>) -> [Int: [(classIndex: Int, connection: ConnectionSet)]] {
        var out: [Int: [(classIndex: Int, connection: ConnectionSet)]] = [:]
        for (s, row) in classRows.enumerated() {
            for entry in row where targets.contains(Int(entry.dst)) {
                out[Int(entry.dst), default: []].append((s, connections[Int(entry.conn)]))
            }
        }
        return out
    }

    /// External ranges that may open connections to class `destination`, with what.
    public func externalSources(ofClass destination: Int) -> [(ranges: [IPRange], connection: ConnectionSet)] {
        var bySet: [Int32: [IPRange]] = [:]
        for (s, id) in ingressExternal[destination].enumerated() where id != ConnectionTable.noneID {
            bySet[id, default: []].append(segments[s])
        }
        return bySet.sorted { $0.key < $1.key }.map { (IPRange.merged($0.value), connections[Int($0.key)]) }
    }
}

extension ConnectionSet {
    /// True when everything in `self` is also in `other`.
    public func isSubset(of other: ConnectionSet) -> Bool { intersection(other) == self }

    /// TCP and UDP 53: what every pod needs toward cluster DNS.
    public static let dns: ConnectionSet = ConnectionSet(.tcp, PortSet(53...53)).union(ConnectionSet(.udp, PortSet(53...53)))
}
