/// What changed between the connections of two versions of an input (for pull-request review):
/// connections added, removed, and connections whose allowed protocols/ports changed.
public struct ReachDiff: Sendable {
    public enum Change: String, Sendable { case added, removed, changed }
    public struct Entry: Sendable {
        public var change: Change
        public var src: Endpoint
        public var dst: Endpoint
        public var old: ConnectionSet?
        public var new: ConnectionSet?
    }

    public let entries: [Entry]

    public init(old: ReachResult, new: ReachResult) {
        struct Key: Hashable { var src: Endpoint; var dst: Endpoint }
        var before: [Key: ConnectionSet] = [:]
        for row in old.list { before[Key(src: row.src, dst: row.dst)] = row.conn }
        var entries: [Entry] = []
        var seen = Set<Key>()
        for row in new.list {
            let key = Key(src: row.src, dst: row.dst)
            seen.insert(key)
            if let was = before[key] {
                if was != row.conn { entries.append(Entry(change: .changed, src: row.src, dst: row.dst, old: was, new: row.conn)) }
            } else {
                entries.append(Entry(change: .added, src: row.src, dst: row.dst, old: nil, new: row.conn))
            }
        }
        for row in old.list where !seen.contains(Key(src: row.src, dst: row.dst)) {
            entries.append(Entry(change: .removed, src: row.src, dst: row.dst, old: row.conn, new: nil))
        }
        self.entries = entries.sorted { ($0.src, $0.dst) < ($1.src, $1.dst) }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public var table: String {
        var lines = entries.map { e -> String in
            switch e.change {
            case .added: return "+ \(e.src) => \(e.dst) : \(e.new?.description ?? "")"
            case .removed: return "- \(e.src) => \(e.dst) : \(e.old?.description ?? "")"
            case .changed: return "~ \(e.src) => \(e.dst) : \(e.old?.description ?? "") -> \(e.new?.description ?? "")"
            }
        }
        let counts = [Change.added, .removed, .changed].map { c in "\(entries.filter { $0.change == c }.count) \(c.rawValue)" }
        lines.append("")
        lines.append(counts.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"added": [{src, dst, conn}], "removed": [...], "changed": [{src, dst, old, new}]}`.
    public var json: String {
        func list(_ change: Change) -> String {
            let items = entries.filter { $0.change == change }.map { e -> String in
                var fields = ["\"src\":" + JSONText.endpoint(e.src), "\"dst\":" + JSONText.endpoint(e.dst)]
                switch change {
                case .added: fields.append("\"conn\":" + JSONText.connection(e.new ?? .none))
                case .removed: fields.append("\"conn\":" + JSONText.connection(e.old ?? .none))
                case .changed:
                    fields.append("\"old\":" + JSONText.connection(e.old ?? .none))
                    fields.append("\"new\":" + JSONText.connection(e.new ?? .none))
                }
                return "{" + fields.joined(separator: ",") + "}"
            }
            return "\"\(change.rawValue)\":[" + items.joined(separator: ",") + "]"
        }
        return "{" + [list(.added), list(.removed), list(.changed)].joined(separator: ",") + "}\n"
    }
}
