/// A Kubernetes label selector: `matchLabels` AND every `matchExpressions` entry. The empty
/// selector matches everything; a malformed one (which the API server would reject) matches nothing
/// and says why. Shared by RBAC aggregation, NetworkPolicy peers and webhook namespace selectors.
public struct LabelSelector: Sendable, Hashable {
    public struct Requirement: Sendable, Hashable {
        public enum Operator: String, Sendable, Hashable { case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist" }
        public var key: String
        public var op: Operator
        public var values: Set<String>
    }

    public var matchLabels: [String: String]
    public var requirements: [Requirement]
    /// Why the API server would reject this selector; nil when valid.
    public var invalidReason: String?

    public init(matchLabels: [String: String] = [:], requirements: [Requirement] = [], invalidReason: String? = nil) {
        self.matchLabels = matchLabels; self.requirements = requirements; self.invalidReason = invalidReason
    }

    public static let everything = LabelSelector()

    public var isEmpty: Bool { invalidReason == nil && matchLabels.isEmpty && requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        if invalidReason != nil { return false }
        for (k, v) in matchLabels where labels[k] != v { return false }
        for r in requirements {
            let value = labels[r.key]
            switch r.op {
            case .in: guard let value, r.values.contains(value) else { return false }
            case .notIn: if let value, r.values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }

    /// Decodes a selector; `nil` input means the field is absent.
    public init(decoding value: Value) {
        self.init()
        guard case .mapping(let m) = value else {
            if !value.isNull { invalidReason = "selector is \(value.typeNameWithArticle), not an object" }
            return
        }
        if let labels = m["matchLabels"], !labels.isNull {
            guard case .mapping(let lm) = labels else { invalidReason = "matchLabels is not an object"; return }
            for e in lm.entries {
                guard let s = Self.scalar(e.value) else { invalidReason = "matchLabels.\(e.key) is not a string"; return }
                matchLabels[e.key] = s
            }
        }
        if let exprs = m["matchExpressions"], !exprs.isNull {
            guard let list = exprs.array else { invalidReason = "matchExpressions is not a list"; return }
            for (i, e) in list.enumerated() {
                guard let key = e["key"]?.string, let opText = e["operator"]?.string else {
                    invalidReason = "matchExpressions[\(i)] needs key and operator"; return
                }
                guard let op = Requirement.Operator(rawValue: opText) else {
                    invalidReason = "matchExpressions[\(i)].operator \"\(opText)\" is not In, NotIn, Exists or DoesNotExist"; return
                }
                let values = (e["values"]?.array ?? []).compactMap(Self.scalar)
                // (A `where` clause binds to the last pattern only, hence the explicit test.)
                let needsValues = op == .in || op == .notIn
                if needsValues && values.isEmpty { invalidReason = "matchExpressions[\(i)]: \(opText) needs values"; return }
                if !needsValues && !values.isEmpty { invalidReason = "matchExpressions[\(i)]: \(opText) takes no values"; return }
                requirements.append(Requirement(key: key, op: op, values: Set(values)))
            }
        }
    }

    /// A label value as the API server reads it from YAML (`true`, `80` are strings to it).
    public static func scalar(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// `app=web,tier in (a,b)`, or `{}` for the empty selector.
    public var summary: String {
        if let invalidReason { return "invalid (\(invalidReason))" }
        var parts = matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for r in requirements {
            switch r.op {
            case .in: parts.append("\(r.key) in (\(r.values.sorted().joined(separator: ",")))")
            case .notIn: parts.append("\(r.key) notin (\(r.values.sorted().joined(separator: ",")))")
            case .exists: parts.append(r.key)
            case .doesNotExist: parts.append("!\(r.key)")
            }
        }
        return parts.isEmpty ? "{}" : parts.joined(separator: ",")
    }
}

extension Value {
    /// A mapping of labels or annotations as the API server reads them: string values, with YAML's
    /// `true` and `80` taken as the strings they were written as; nil when not a mapping.
    public var stringMap: [String: String]? {
        guard case .mapping(let m) = self else { return nil }
        var out: [String: String] = [:]
        for e in m.entries { if let s = LabelSelector.scalar(e.value) { out[e.key] = s } }
        return out
    }
}
