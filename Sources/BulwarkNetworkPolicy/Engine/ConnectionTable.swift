/// Interns connection sets as small integers so that reachability rows stay compact and repeated
/// intersections are computed once.
struct ConnectionTable {
    static let noneID: Int32 = 0
    static let allID: Int32 = 1
    private(set) var sets: [ConnectionSet] = [.none, .all]
    private var ids: [ConnectionSet: Int32] = [.none: 0, .all: 1]
    private var intersections: [Int64: Int32] = [:]

    mutating func id(_ set: ConnectionSet) -> Int32 {
        if set.isAll { return Self.allID }
        if set.isEmpty { return Self.noneID }
        if let known = ids[set] { return known }
        let new = Int32(sets.count)
        sets.append(set)
        ids[set] = new
        return new
    }

    mutating func intersect(_ a: Int32, _ b: Int32) -> Int32 {
        if a == Self.allID { return b }
        if b == Self.allID || a == b { return a }
        if a == Self.noneID || b == Self.noneID { return Self.noneID }
        let key = Int64(min(a, b)) << 32 | Int64(max(a, b))
        if let known = intersections[key] { return known }
        let result = id(sets[Int(a)].intersection(sets[Int(b)]))
        intersections[key] = result
        return result
    }
}
