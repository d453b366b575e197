import BulwarkModel

/// Delta debugging of a failing mutant: drop files, then objects, then node files, then keys and
/// list elements (top-down), then shorten long strings — each step kept only while it still fails.
public struct Minimiser {
    public var stillFails: (Mutant) -> Bool
    /// Most re-runs spent (each is a child process).
    public var budget: Int

    public init(budget: Int = 400, stillFails: @escaping (Mutant) -> Bool) {
        self.budget = budget
        self.stillFails = stillFails
    }

    private mutating func test(_ m: Mutant) -> Bool {
        guard budget > 0 else { return false }
        budget -= 1
        return stillFails(m)
    }

    public mutating func minimise(_ input: Mutant) -> Mutant {
        var m = input.structured()
        // Structured form must still fail (writing documents back normalises them).
        if m != input, !test(m) { m = input }
        var i = m.files.count - 1
        while i >= 0 {
            var candidate = m
            candidate.files.remove(at: i)
            if (!candidate.files.isEmpty || candidate.node != nil || candidate.snapshot != nil), test(candidate) { m = candidate }
            i -= 1
        }
        for f in m.files.indices.reversed() {
            var d = m.files[f].documents.count - 1
            while d >= 0 {
                var candidate = m
                candidate.files[f].documents.remove(at: d)
                if !candidate.files[f].documents.isEmpty, test(candidate) { m = candidate }
                d -= 1
            }
        }
        if var node = m.node {
            var n = node.count - 1
            while n >= 0 {
                var candidate = m
                node = m.node ?? []
                node.remove(at: n)
                candidate.node = node
                if test(candidate) { m = candidate }
                n -= 1
            }
        }
        // Bytes of node files and of files that did not parse: keep shorter prefixes while it fails.
        for n in (m.node ?? []).indices {
            m = shortenBytes(m, get: { $0.node?[n].bytes ?? [] }, set: { $0.node?[n].bytes = $1 })
        }
        for f in m.files.indices where m.files[f].raw != nil {
            m = shortenBytes(m, get: { $0.files[f].raw ?? [] }, set: { $0.files[f].raw = $1 })
        }
        for f in m.files.indices {
            for d in m.files[f].documents.indices {
                let base = m
                m.files[f].documents[d] = reduceTree(m.files[f].documents[d]) { value in
                    var candidate = base
                    candidate.files[f].documents[d] = value
                    return candidate
                }
            }
        }
        if let snapshot = m.snapshot {
            let base = m
            m.snapshot = reduceTree(snapshot) { value in
                var candidate = base
                candidate.snapshot = value
                return candidate
            }
        }
        return m
    }

    /// Cuts bytes from the end, then from the start (halves, quarters, … one byte) while it still fails.
    mutating func shortenBytes(_ m: Mutant, get: (Mutant) -> [UInt8], set: (inout Mutant, [UInt8]) -> Void) -> Mutant {
        var m = m
        for fromEnd in [true, false] {
            var k = get(m).count / 2
            while k >= 1, budget > 0 {
                let bytes = get(m)
                guard bytes.count > k else { k /= 2; continue }
                var candidate = m
                set(&candidate, fromEnd ? Array(bytes.dropLast(k)) : Array(bytes.dropFirst(k)))
                if test(candidate) { m = candidate } else { k /= 2 }
            }
        }
        return m
    }

    /// Removes entries and elements of `root` while `rebuild(candidate)` still fails.
    mutating func reduceTree(_ root: Value, _ rebuild: (Value) -> Mutant) -> Value {
        var root = root
        var queue: [[Int]] = [[]]
        while let path = queue.popLast(), budget > 0 {
            guard let node = Self.get(root, path) else { continue }
            switch node {
            case .mapping(var current):
                var i = current.entries.count - 1
                while i >= 0 {
                    var candidate = current
                    candidate.entries.remove(at: i)
                    let r = Self.set(root, path, .mapping(candidate))
                    if test(rebuild(r)) { root = r; current = candidate }
                    i -= 1
                }
                for j in current.entries.indices { queue.append(path + [j]) }
            case .array(var current):
                var i = current.count - 1
                while i >= 0 {
                    var candidate = current
                    candidate.remove(at: i)
                    let r = Self.set(root, path, .array(candidate))
                    if test(rebuild(r)) { root = r; current = candidate }
                    i -= 1
                }
                for j in current.indices { queue.append(path + [j]) }
            case .string(let s) where s.count > 64:
                for shorter in [String(s.prefix(64)), String(s.prefix(1024)), String(s.prefix(8192))] where shorter.count < s.count {
                    let r = Self.set(root, path, .string(shorter))
                    if test(rebuild(r)) { root = r; break }
                }
            default:
                break
            }
        }
        return root
    }

    static func get(_ v: Value, _ path: [Int]) -> Value? {
        var current = v
        for step in path {
            switch current {
            case .mapping(let m) where m.entries.indices.contains(step): current = m.entries[step].value
            case .array(let a) where a.indices.contains(step): current = a[step]
            default: return nil
            }
        }
        return current
    }

    static func set(_ v: Value, _ path: [Int], _ new: Value) -> Value {
        guard let step = path.first else { return new }
        let rest = Array(path.dropFirst())
        switch v {
        case .mapping(var m) where m.entries.indices.contains(step):
            m.entries[step].value = set(m.entries[step].value, rest, new)
            return .mapping(m)
        case .array(var a) where a.indices.contains(step):
            a[step] = set(a[step], rest, new)
            return .array(a)
        default:
            return v
        }
    }
}
