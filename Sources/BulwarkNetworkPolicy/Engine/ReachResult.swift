/// The connection list `bulwark netpol reach` prints: workload to workload and workload to/from
/// external ranges, self-connections left out, external ranges with equal connections merged,
/// sorted by source then destination. Rows hold indices so that 10,000-pod inputs stay cheap.
public struct ReachResult: Sendable {
    /// Endpoints in sort order; a row's `src`/`dst` index this list.
    public let endpoints: [Endpoint]
    public let connections: [ConnectionSet]
    public let rows: [(src: Int32, dst: Int32, conn: Int32)]

    public var count: Int { rows.count }

    public init(analysis: NetworkAnalysis, reachability: Reachability) {
        // Workload ranks in sort order.
        let order = analysis.workloads.indices.sorted { analysis.workloads[$0].endpoint < analysis.workloads[$1].endpoint }
        var rank = Array(repeating: Int32(0), count: order.count)
        for (r, w) in order.enumerated() { rank[w] = Int32(r) }

        // External endpoints: for each class and direction, segments grouped by connection.
        var externalIDs: [[IPRange]: Int] = [:]
        var externalList: [[IPRange]] = []
        func externalGroups(_ ids: [Int32]) -> [(ext: Int, conn: Int32)] {
            var bySet: [Int32: [IPRange]] = [:]
            for (s, id) in ids.enumerated() where id != ConnectionTable.noneID {
                bySet[id, default: []].append(reachability.segments[s])
            }
            return bySet.map { id, ranges in
                let merged = IPRange.merged(ranges)
                if let known = externalIDs[merged] { return (known, id) }
                externalIDs[merged] = externalList.count
                externalList.append(merged)
                return (externalList.count - 1, id)
            }
        }
        var workloadRows: [(src: Int32, dst: Int32, conn: Int32)] = []
        var outbound: [(src: Int32, ext: Int, conn: Int32)] = []
        var inbound: [(ext: Int, dst: Int32, conn: Int32)] = []
        for (c, cls) in analysis.classes.enumerated() {
            for (d, conn) in reachability.classRows[c] {
                let targets = analysis.classes[Int(d)].members
                for s in cls.members {
                    for t in targets where t != s { workloadRows.append((rank[s], rank[t], conn)) }
                }
            }
            for g in externalGroups(reachability.egressExternal[c]) {
                for s in cls.members { outbound.append((rank[s], g.ext, g.conn)) }
            }
            for g in externalGroups(reachability.ingressExternal[c]) {
                for t in cls.members { inbound.append((g.ext, rank[t], g.conn)) }
            }
        }
        let externalOrder = externalList.indices.sorted { externalList[$0].lexicographicallyPrecedes(externalList[$1]) }
        var externalRank = Array(repeating: Int32(0), count: externalList.count)
        for (r, e) in externalOrder.enumerated() { externalRank[e] = Int32(order.count + r) }
        var rows = workloadRows
        rows.reserveCapacity(workloadRows.count + outbound.count + inbound.count)
        for o in outbound { rows.append((o.src, externalRank[o.ext], o.conn)) }
        for i in inbound { rows.append((externalRank[i.ext], i.dst, i.conn)) }
        rows.sort { ($0.src, $0.dst) < ($1.src, $1.dst) }
        self.rows = rows
        self.endpoints = order.map { Endpoint.workload(analysis.workloads[$0].endpoint) }
            + externalOrder.map { Endpoint.external(externalList[$0]) }
        self.connections = reachability.connections
    }

    /// Rows as values, for tests and diffs.
    public var list: [(src: Endpoint, dst: Endpoint, conn: ConnectionSet)] {
        rows.map { (endpoints[Int($0.src)], endpoints[Int($0.dst)], connections[Int($0.conn)]) }
    }
}
