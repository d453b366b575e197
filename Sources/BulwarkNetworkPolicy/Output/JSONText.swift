import BulwarkModel

/// The hand-written reach output (kept fast for large outputs); strings are escaped as every JSON
/// Bulwark writes.
enum JSONText {
    static func quoted(_ s: String) -> String { Value.jsonQuoted(s) }

    static func endpoint(_ e: Endpoint) -> String {
        switch e {
        case .workload(let w):
            return "{\"kind\":\(quoted(w.kind)),\"namespace\":\(quoted(w.namespace)),\"name\":\(quoted(w.name))}"
        case .external(let ranges):
            return "{\"ipRanges\":[" + ranges.map { quoted($0.description) }.joined(separator: ",") + "]}"
        }
    }

    static func connection(_ c: ConnectionSet) -> String {
        if c.isAll { return "{\"all\":true}" }
        return "{" + c.protocolPorts.map { "\(quoted($0.0.rawValue)):[" + $0.1.map(quoted).joined(separator: ",") + "]" }
            .joined(separator: ",") + "}"
    }
}
