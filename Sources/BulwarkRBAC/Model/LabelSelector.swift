import BulwarkModel

/// A `metav1.LabelSelector`: every `matchLabels` pair and every `matchExpressions` requirement
/// must hold. An empty selector matches everything (as `LabelSelectorAsSelector` makes it); a
/// selector with an unknown operator matches nothing (upstream rejects it).
public struct LabelSelector: Sendable, Hashable {
    public struct Requirement: Sendable, Hashable {
        public var key: String
        public var op: String
        public var values: [String]
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels; self.matchExpressions = matchExpressions
    }

    public init(_ value: Value) {
        var labels: [String: String] = [:]
        for entry in value["matchLabels"]?.mapping?.entries ?? [] {
            if let s = entry.value.string { labels[entry.key] = s }
        }
        let expressions = (value["matchExpressions"]?.array ?? []).map { e in
            Requirement(key: e["key"]?.string ?? "", op: e["operator"]?.string ?? "",
                        values: e["values"]?.array?.compactMap(\.string) ?? [])
        }
        self.init(matchLabels: labels, matchExpressions: expressions)
    }

    public func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels where labels[k] != v { return false }
        for r in matchExpressions {
            switch r.op {
            case "In": guard let v = labels[r.key], r.values.contains(v) else { return false }
            case "NotIn": if let v = labels[r.key], r.values.contains(v) { return false }
            case "Exists": if labels[r.key] == nil { return false }
            case "DoesNotExist": if labels[r.key] != nil { return false }
            default: return false
            }
        }
        return true
    }
}
