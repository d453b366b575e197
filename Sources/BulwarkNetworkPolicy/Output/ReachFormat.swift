/// Output formats of `bulwark netpol reach`.
public enum ReachFormat: String, Sendable, CaseIterable {
    case table, json, dot, csv

    /// Renders `result`, handing text to `write` in chunks so that large outputs stream.
    public func render(_ result: ReachResult, write: (String) -> Void) {
        let endpointText = result.endpoints.map(\.description)
        switch self {
        case .json:
            let endpointJSON = result.endpoints.map(JSONText.endpoint)
            let connJSON = result.connections.map(JSONText.connection)
            write("{\"connections\":[")
            var buffer = ""
            for (i, row) in result.rows.enumerated() {
                if i > 0 { buffer += "," }
                buffer += "\n{\"src\":" + endpointJSON[Int(row.src)] + ",\"dst\":" + endpointJSON[Int(row.dst)]
                    + ",\"conn\":" + connJSON[Int(row.conn)] + "}"
                if buffer.utf8.count > 1 << 16 { write(buffer); buffer = "" }
            }
            write(buffer)
            write(result.rows.isEmpty ? "]}\n" : "\n]}\n")
        case .table:
            var buffer = ""
            for row in result.rows {
                buffer += endpointText[Int(row.src)] + " => " + endpointText[Int(row.dst)] + " : "
                    + result.connections[Int(row.conn)].description + "\n"
                if buffer.utf8.count > 1 << 16 { write(buffer); buffer = "" }
            }
            write(buffer)
            write("\n\(result.count) allowed connections\n")
        case .csv:
            func field(_ s: String) -> String {
                s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }
            var buffer = "src,dst,conn\n"
            for row in result.rows {
                buffer += field(endpointText[Int(row.src)]) + "," + field(endpointText[Int(row.dst)]) + ","
                    + field(result.connections[Int(row.conn)].description) + "\n"
                if buffer.utf8.count > 1 << 16 { write(buffer); buffer = "" }
            }
            write(buffer)
        case .dot:
            var buffer = "digraph netpol {\n  rankdir=LR;\n  node [shape=box, fontsize=10];\n"
            // Workloads grouped by namespace; external ranges as ellipses.
            var byNamespace: [String: [Int]] = [:]
            for (i, e) in result.endpoints.enumerated() {
                if case .workload(let w) = e { byNamespace[w.namespace, default: []].append(i) }
            }
            for (n, ns) in byNamespace.keys.sorted().enumerated() {
                buffer += "  subgraph cluster_\(n) {\n    label=\(JSONText.quoted(ns));\n"
                for i in byNamespace[ns] ?? [] {
                    if case .workload(let w) = result.endpoints[i] {
                        buffer += "    n\(i) [label=\(JSONText.quoted("\(w.name)[\(w.kind)]"))];\n"
                    }
                }
                buffer += "  }\n"
            }
            for (i, e) in result.endpoints.enumerated() {
                if case .external(let ranges) = e {
                    buffer += "  n\(i) [shape=ellipse, label=\(JSONText.quoted(ranges.map(\.description).joined(separator: "\n")))];\n"
                }
            }
            for row in result.rows {
                buffer += "  n\(row.src) -> n\(row.dst) [label=\(JSONText.quoted(result.connections[Int(row.conn)].description))];\n"
                if buffer.utf8.count > 1 << 16 { write(buffer); buffer = "" }
            }
            write(buffer + "}\n")
        }
    }

    public func render(_ result: ReachResult) -> String {
        var out = ""
        render(result) { out += $0 }
        return out
    }
}
