/// The address space outside the cluster (all of IPv4 and IPv6) cut at every ipBlock boundary, so
/// that each segment is either wholly inside or wholly outside every ipBlock of the input.
struct ExternalSegments {
    private(set) var segments: [IPRange] = []

    init(blocks: [IPBlock]) {
        for family in [IPAddress.Family.v4, .v6] {
            var cuts: Set<IPAddress> = [.smallest(family)]
            for block in blocks {
                for r in block.ranges where r.family == family {
                    cuts.insert(r.first)
                    if let next = r.last.successor { cuts.insert(next) }
                }
            }
            let starts = cuts.sorted()
            for (i, start) in starts.enumerated() {
                let end = i + 1 < starts.count ? (starts[i + 1].predecessor ?? start) : .largest(family)
                segments.append(IPRange(first: start, last: end))
            }
        }
    }

    var count: Int { segments.count }

    /// Indices of the segments inside `range` (contiguous; segments are cut at its boundaries).
    func indices(of range: IPRange) -> Range<Int> {
        // First segment starting at or after `a` (lower) / strictly after `a` (upper).
        func bound(_ a: IPAddress, strict: Bool) -> Int {
            var lo = 0, hi = segments.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if segments[mid].first < a || (strict && segments[mid].first == a) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let start = bound(range.first, strict: false)
        return start..<max(start, bound(range.last, strict: true))
    }

    /// The segment holding an address.
    func index(of address: IPAddress) -> Int? {
        segments.firstIndex { $0.contains(address) }
    }
}
