/// Every allowed connection of an input, computed once at the level of pod classes: for each class
/// the classes and external address segments it may open connections to.
public struct Reachability: Sendable {
    /// Per source class: (destination class, connection id), ascending by destination.
    let classRows: [[(dst: Int32, conn: Int32)]]
    /// Per source class: connection id per external segment (egress to the outside).
    let egressExternal: [[Int32]]
    /// Per destination class: connection id per external segment (ingress from the outside).
    let ingressExternal: [[Int32]]
    let segments: [IPRange]
    let connections: [ConnectionSet]

    public init(_ analysis: NetworkAnalysis) {
        var table = ConnectionTable()
        let n = analysis.classes.count
        let blocks = analysis.policies.flatMap { p in
            (p.ingress + p.egress).flatMap { $0.peers ?? [] }.compactMap { peer -> IPBlock? in
                if case .ipBlock(let b) = peer { return b }; return nil
            }
        }
        let ext = ExternalSegments(blocks: blocks)

        // Rows depend on a class only through its isolating policies (and, for ingress, its named
        // ports), so each distinct signature is computed once.
        var egressCache: [[Int]: (pods: [Int: Int32]?, ext: [Int32])] = [:]
        var ingressCache: [IngressKey: (pods: [Int: Int32]?, ext: [Int32])] = [:]
        var egressRows: [(pods: [Int: Int32]?, ext: [Int32])] = []
        var ingressRows: [(pods: [Int: Int32]?, ext: [Int32])] = []
        let allExternal = Array(repeating: ConnectionTable.allID, count: ext.count)
        var matchedCache: [RuleKey: [Int]] = [:]
        func matched(_ p: Int, _ rule: PolicyRule) -> [Int] {
            let key = RuleKey(policy: p, direction: rule.direction, index: rule.index)
            if let m = matchedCache[key] { return m }
            let m = analysis.classesMatched(by: rule, policyNamespace: analysis.policies[p].namespace)
            matchedCache[key] = m
            return m
        }
        func externalSegments(of rule: PolicyRule) -> [Range<Int>] {
            guard let peers = rule.peers else { return [0..<ext.count] }
            return peers.flatMap { peer -> [Range<Int>] in
                guard case .ipBlock(let b) = peer else { return [] }
                return b.ranges.map(ext.indices(of:))
            }
        }

        for c in 0..<n {
            let cls = analysis.classes[c]
            let egressPolicies = cls.hostNetwork ? [] : analysis.isolatingPolicies(ofClass: c, .egress)
            if egressPolicies.isEmpty {
                egressRows.append((nil, allExternal))
            } else if let cached = egressCache[egressPolicies] {
                egressRows.append(cached)
            } else {
                var pods: [Int: ConnectionSet] = [:]
                var outside = Array(repeating: ConnectionSet.none, count: ext.count)
                for p in egressPolicies {
                    for rule in analysis.policies[p].rules(.egress) {
                        let constant = rule.hasNamedPorts ? nil : rule.connections(namedPorts: [:])
                        for d in matched(p, rule) {
                            let conn = constant ?? rule.connections(namedPorts: analysis.classes[d].namedPorts)
                            if !conn.isEmpty { pods[d] = (pods[d] ?? .none).union(conn) }
                        }
                        let toAddresses = rule.connections(namedPorts: nil)
                        if !toAddresses.isEmpty {
                            for r in externalSegments(of: rule) { for s in r { outside[s] = outside[s].union(toAddresses) } }
                        }
                    }
                }
                let row = (pods: Optional(pods.mapValues { table.id($0) }), ext: outside.map { table.id($0) })
                egressCache[egressPolicies] = row
                egressRows.append(row)
            }

            let ingressPolicies = cls.hostNetwork ? [] : analysis.isolatingPolicies(ofClass: c, .ingress)
            if ingressPolicies.isEmpty {
                ingressRows.append((nil, allExternal))
                continue
            }
            let key = IngressKey(policies: ingressPolicies, namedPorts: cls.namedPorts)
            if let cached = ingressCache[key] { ingressRows.append(cached); continue }
            var pods: [Int: ConnectionSet] = [:]
            var outside = Array(repeating: ConnectionSet.none, count: ext.count)
            for p in ingressPolicies {
                for rule in analysis.policies[p].rules(.ingress) {
                    // Ingress ports resolve against this (the destination) class.
                    let conn = rule.connections(namedPorts: cls.namedPorts)
                    if conn.isEmpty { continue }
                    for s in matched(p, rule) { pods[s] = (pods[s] ?? .none).union(conn) }
                    for r in externalSegments(of: rule) { for s in r { outside[s] = outside[s].union(conn) } }
                }
            }
            let row = (pods: Optional(pods.mapValues { table.id($0) }), ext: outside.map { table.id($0) })
            ingressCache[key] = row
            ingressRows.append(row)
        }

        // Combine: egress of the source AND ingress of the destination.
        var rows: [[(dst: Int32, conn: Int32)]] = []
        rows.reserveCapacity(n)
        for s in 0..<n {
            var row: [(dst: Int32, conn: Int32)] = []
            func ingress(_ d: Int) -> Int32 {
                guard let pods = ingressRows[d].pods else { return ConnectionTable.allID }
                return pods[s] ?? ConnectionTable.noneID
            }
            if let egress = egressRows[s].pods {
                for (d, e) in egress.sorted(by: { $0.key < $1.key }) {
                    let c = table.intersect(e, ingress(d))
                    if c != ConnectionTable.noneID { row.append((Int32(d), c)) }
                }
            } else {
                for d in 0..<n {
                    let c = ingress(d)
                    if c != ConnectionTable.noneID { row.append((Int32(d), c)) }
                }
            }
            rows.append(row)
        }
        self.classRows = rows
        self.egressExternal = egressRows.map(\.ext)
        self.ingressExternal = ingressRows.map(\.ext)
        self.segments = ext.segments
        self.connections = table.sets
    }

    /// What class `source` may open to class `destination`.
    public func connection(fromClass source: Int, toClass destination: Int) -> ConnectionSet {
        let row = classRows[source]
        var lo = 0, hi = row.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if row[mid].dst < Int32(destination) { lo = mid + 1 } else { hi = mid }
        }
        guard lo < row.count, row[lo].dst == Int32(destination) else { return .none }
        return connections[Int(row[lo].conn)]
    }

    /// Classes `source` may reach, with what.
    public func destinations(ofClass source: Int) -> [(classIndex: Int, connection: ConnectionSet)] {
        classRows[source].map { (Int($0.dst), connections[Int($0.conn)]) }
    }

    /// What class `source` may open toward an external address.
    public func connection(fromClass source: Int, toAddress address: IPAddress) -> ConnectionSet {
        guard let s = segments.firstIndex(where: { $0.contains(address) }) else { return .none }
        return connections[Int(egressExternal[source][s])]
    }

    struct IngressKey: Hashable { var policies: [Int]; var namedPorts: [NamedPort: Int] }
    struct RuleKey: Hashable { var policy: Int; var direction: PolicyDirection; var index: Int }
}
