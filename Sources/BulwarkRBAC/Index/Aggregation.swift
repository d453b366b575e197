/// Fills the rules of aggregated ClusterRoles as kube-controller-manager's
/// clusterrole-aggregation controller does: the union (duplicates dropped, first occurrence
/// kept) of the rules of every other ClusterRole whose labels match any of the selectors; rules
/// written by hand into an aggregated role are replaced. Iterates to a fixed point because a
/// matched role may itself be aggregated (the controller converges to the same result over resyncs).
enum Aggregation {
    static func resolve(_ roles: inout [RBACRole]) {
        let aggregated = roles.indices.filter { roles[$0].aggregationSelectors != nil }
        guard !aggregated.isEmpty else { return }
        let clusterRoles = roles.indices.filter { roles[$0].isClusterRole }
            .sorted { roles[$0].key.name < roles[$1].key.name }
        var sources: [Int: [Int]] = [:]
        for a in aggregated {
            let selectors = roles[a].aggregationSelectors ?? []
            sources[a] = clusterRoles.filter { c in c != a && selectors.contains { $0.matches(roles[c].labels) } }
            roles[a].rules = []
        }
        for _ in 0...aggregated.count {
            var changed = false
            for a in aggregated {
                var seen = Set<PolicyRule>()
                var union: [PolicyRule] = []
                for c in sources[a] ?? [] {
                    for rule in roles[c].rules where seen.insert(rule).inserted { union.append(rule) }
                }
                if union != roles[a].rules { roles[a].rules = union; changed = true }
            }
            if !changed { break }
        }
    }
}
