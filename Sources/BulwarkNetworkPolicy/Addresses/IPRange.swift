/// An inclusive range of addresses of one family, written `first-last` as netpol-analyzer does.
public struct IPRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var first: IPAddress
    public var last: IPAddress

    public init(first: IPAddress, last: IPAddress) { self.first = first; self.last = last }

    public static func whole(_ family: IPAddress.Family) -> IPRange {
        IPRange(first: .smallest(family), last: .largest(family))
    }

    /// Parses a CIDR such as `10.0.0.0/8` or `fd00:ec2::254/128`; host bits are ignored, as the
    /// address block they name is the same.
    public init?(cidr: String) {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])),
              let prefix = Int(parts[1]), prefix >= 0, prefix <= address.family.bits else { return nil }
        self.init(first: address.masked(prefix: prefix, last: false), last: address.masked(prefix: prefix, last: true))
    }

    public var family: IPAddress.Family { first.family }

    public func contains(_ address: IPAddress) -> Bool { first <= address && address <= last }
    public func contains(_ other: IPRange) -> Bool { first <= other.first && other.last <= last }

    public static func < (a: IPRange, b: IPRange) -> Bool { (a.first, a.last) < (b.first, b.last) }

    public var description: String { "\(first)-\(last)" }

    /// `self` minus `others`, as sorted disjoint ranges.
    public func subtracting(_ others: [IPRange]) -> [IPRange] {
        var pieces = [self]
        for cut in others where cut.family == family {
            var next: [IPRange] = []
            for piece in pieces {
                if cut.last < piece.first || piece.last < cut.first { next.append(piece); continue }
                if piece.first < cut.first, let end = cut.first.predecessor { next.append(IPRange(first: piece.first, last: end)) }
                if cut.last < piece.last, let start = cut.last.successor { next.append(IPRange(first: start, last: piece.last)) }
            }
            pieces = next
        }
        return pieces.sorted()
    }

    /// Sorted ranges with adjacent and overlapping ones joined.
    public static func merged(_ ranges: [IPRange]) -> [IPRange] {
        var out: [IPRange] = []
        for r in ranges.sorted() {
            if let lastRange = out.last, lastRange.family == r.family,
               r.first <= lastRange.last || lastRange.last.successor == r.first {
                out[out.count - 1].last = max(lastRange.last, r.last)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
