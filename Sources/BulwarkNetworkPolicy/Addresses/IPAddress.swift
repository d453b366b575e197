/// An IPv4 or IPv6 address as a 128-bit number (IPv4 in the low 32 bits) plus its family, so that
/// ranges of either family share one arithmetic.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Family: Int, Sendable, Hashable, Comparable {
        case v4 = 4, v6 = 6
        public static func < (a: Family, b: Family) -> Bool { a.rawValue < b.rawValue }
        /// Number of bits in an address of this family.
        public var bits: Int { self == .v4 ? 32 : 128 }
    }

    public var family: Family
    public var high: UInt64
    public var low: UInt64

    public init(family: Family, high: UInt64, low: UInt64) {
        self.family = family; self.high = high; self.low = low
    }

    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        (a.family, a.high, a.low) < (b.family, b.high, b.low)
    }

    public static func smallest(_ family: Family) -> IPAddress { IPAddress(family: family, high: 0, low: 0) }
    public static func largest(_ family: Family) -> IPAddress {
        family == .v4 ? IPAddress(family: .v4, high: 0, low: 0xFFFF_FFFF) : IPAddress(family: .v6, high: .max, low: .max)
    }

    /// The next address, or nil past the end of the family's space.
    public var successor: IPAddress? {
        if self == .largest(family) { return nil }
        let (lo, carry) = low.addingReportingOverflow(1)
        return IPAddress(family: family, high: carry ? high &+ 1 : high, low: lo)
    }

    /// The previous address, or nil before the start of the family's space.
    public var predecessor: IPAddress? {
        if self == .smallest(family) { return nil }
        let (lo, borrow) = low.subtractingReportingOverflow(1)
        return IPAddress(family: family, high: borrow ? high &- 1 : high, low: lo)
    }

    /// Keeps the first `prefix` bits, clearing the rest (`last: false`) or setting them (`last: true`).
    func masked(prefix: Int, last: Bool) -> IPAddress {
        let hostBits = family.bits - prefix
        func apply(_ word: UInt64, _ bitsInWord: Int) -> UInt64 {
            // bitsInWord: how many low bits of this word are host bits (0...64).
            if bitsInWord <= 0 { return word }
            let mask: UInt64 = bitsInWord >= 64 ? .max : (UInt64(1) << UInt64(bitsInWord)) - 1
            return last ? (word | mask) : (word & ~mask)
        }
        if family == .v4 {
            var lo = apply(low, hostBits)
            lo &= 0xFFFF_FFFF
            return IPAddress(family: .v4, high: 0, low: lo)
        }
        return IPAddress(family: .v6, high: apply(high, hostBits - 64), low: apply(low, hostBits))
    }

    /// Parses dotted IPv4 or IPv6 text (with `::` and an embedded IPv4 tail); nil when malformed.
    public init?(_ text: String) {
        if text.contains(":") {
            guard let parsed = Self.parseV6(text) else { return nil }
            self = parsed
        } else {
            guard let v4 = Self.parseV4(Substring(text)) else { return nil }
            self.init(family: .v4, high: 0, low: UInt64(v4))
        }
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy(\.isASCII), let n = UInt32(p), n <= 255 else { return nil }
            // Leading zeros are ambiguous (octal in some parsers); Go's ParseIP rejects them.
            if p.count > 1 && p.hasPrefix("0") { return nil }
            value = value << 8 | n
        }
        return value
    }

    static func parseV6(_ text: String) -> IPAddress? {
        var groups: [UInt16] = []
        var tail: [UInt16] = []
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func parseGroups(_ s: String, allowV4Tail: Bool) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, p) in parts.enumerated() {
                if allowV4Tail && i == parts.count - 1 && p.contains(".") {
                    guard let v4 = parseV4(p) else { return nil }
                    out.append(UInt16(v4 >> 16)); out.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard !p.isEmpty, p.count <= 4, let n = UInt16(p, radix: 16) else { return nil }
                    out.append(n)
                }
            }
            return out
        }
        if halves.count == 2 {
            guard let a = parseGroups(halves[0], allowV4Tail: false), let b = parseGroups(halves[1], allowV4Tail: true),
                  a.count + b.count <= 7 else { return nil }
            groups = a; tail = b
            groups += Array(repeating: 0, count: 8 - a.count - b.count) + tail
        } else {
            guard let a = parseGroups(text, allowV4Tail: true), a.count == 8 else { return nil }
            groups = a
        }
        var hi: UInt64 = 0, lo: UInt64 = 0
        for g in groups[0..<4] { hi = hi << 16 | UInt64(g) }
        for g in groups[4..<8] { lo = lo << 16 | UInt64(g) }
        return IPAddress(family: .v6, high: hi, low: lo)
    }

    /// Dotted IPv4, or IPv6 compressed as RFC 5952 recommends (longest run of zero groups as `::`).
    public var description: String {
        if family == .v4 {
            return [24, 16, 8, 0].map { String((low >> UInt64($0)) & 0xFF) }.joined(separator: ".")
        }
        var groups: [UInt16] = []
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16((high >> UInt64(shift)) & 0xFFFF)) }
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16((low >> UInt64(shift)) & 0xFFFF)) }
        var bestStart = -1, bestLength = 0, i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLength && j - i >= 2 { bestStart = i; bestLength = j - i }
                i = j
            } else { i += 1 }
        }
        let hex = groups.map { String($0, radix: 16) }
        if bestStart < 0 { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let rest = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + rest
    }
}
