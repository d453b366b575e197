/// Minimal JSON string escaping for the hand-written reach output (kept fast for large outputs).
enum JSONText {
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

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
