/// One end of a listed connection: a workload, or a set of external address ranges.
public enum Endpoint: Sendable, Hashable, Comparable, CustomStringConvertible {
    case workload(WorkloadEndpoint)
    case external([IPRange])

    public static func < (a: Endpoint, b: Endpoint) -> Bool {
        switch (a, b) {
        case (.workload(let x), .workload(let y)): return x < y
        case (.workload, .external): return true
        case (.external, .workload): return false
        case (.external(let x), .external(let y)): return x.lexicographicallyPrecedes(y)
        }
    }

    public var description: String {
        switch self {
        case .workload(let w): return w.description
        case .external(let ranges): return ranges.map(\.description).joined(separator: ",")
        }
    }
}
