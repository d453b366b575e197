/// A set of ports 1…65535 as sorted, disjoint, non-adjacent closed ranges.
public struct PortSet: Sendable, Hashable {
    public private(set) var ranges: [ClosedRange<Int>]

    public static let validPorts = 1...65535
    public static let empty = PortSet(ranges: [])
    public static let full = PortSet(ranges: [validPorts])

    public init(ranges: [ClosedRange<Int>]) {
        self.ranges = Self.normalized(ranges)
    }

    public init(_ range: ClosedRange<Int>) { self.init(ranges: [range]) }

    public var isEmpty: Bool { ranges.isEmpty }
    public var isFull: Bool { ranges == [Self.validPorts] }

    public func contains(_ port: Int) -> Bool { ranges.contains { $0.contains(port) } }

    public func union(_ other: PortSet) -> PortSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        return PortSet(ranges: ranges + other.ranges)
    }

    public func intersection(_ other: PortSet) -> PortSet {
        var out: [ClosedRange<Int>] = []
        var i = 0, j = 0
        while i < ranges.count && j < other.ranges.count {
            let a = ranges[i], b = other.ranges[j]
            let lo = max(a.lowerBound, b.lowerBound), hi = min(a.upperBound, b.upperBound)
            if lo <= hi { out.append(lo...hi) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        var result = PortSet.empty
        result.ranges = out
        return result
    }

    /// `["80", "8000-8080"]`.
    public var strings: [String] {
        ranges.map { $0.lowerBound == $0.upperBound ? String($0.lowerBound) : "\($0.lowerBound)-\($0.upperBound)" }
    }

    static func normalized(_ input: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        let clamped = input.compactMap { r -> ClosedRange<Int>? in
            let lo = max(r.lowerBound, validPorts.lowerBound), hi = min(r.upperBound, validPorts.upperBound)
            return lo <= hi ? lo...hi : nil
        }.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<Int>] = []
        for r in clamped {
            if let last = out.last, r.lowerBound <= last.upperBound + 1 {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
