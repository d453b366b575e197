/// A Kubernetes label selector (`matchLabels` and `matchExpressions`), evaluated as the API
/// server does: every requirement must hold; an empty selector matches everything.
public struct LabelSelector: Sendable, Equatable {
    public struct Requirement: Sendable, Equatable {
        public enum Operator: String, Sendable { case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist" }
        public var key: String
        public var op: Operator
        public var values: [String]

        public func matches(_ labels: [String: String]) -> Bool {
            switch op {
            case .in: return labels[key].map(values.contains) ?? false
            case .notIn: return labels[key].map { !values.contains($0) } ?? true
            case .exists: return labels[key] != nil
            case .doesNotExist: return labels[key] == nil
            }
        }
    }

    public var requirements: [Requirement]

    public init(requirements: [Requirement]) { self.requirements = requirements }

    /// Reads a selector; nil when it is malformed (an unknown operator, values of the wrong type),
    /// which the API server would have rejected.
    public init?(_ value: Value) {
        if value.isNull { self.init(requirements: []); return }
        guard case .mapping(let m) = value else { return nil }
        var requirements: [Requirement] = []
        if let labels = m["matchLabels"], !labels.isNull {
            guard case .mapping(let lm) = labels else { return nil }
            for e in lm.entries {
                guard let v = e.value.string else { return nil }
                requirements.append(Requirement(key: e.key, op: .in, values: [v]))
            }
        }
        if let expressions = m["matchExpressions"], !expressions.isNull {
            guard let list = expressions.array else { return nil }
            for item in list {
                guard let key = item["key"]?.string, let op = item["operator"]?.string.flatMap(Requirement.Operator.init(rawValue:)) else { return nil }
                let values = (item["values"]?.array ?? []).compactMap(\.string)
                requirements.append(Requirement(key: key, op: op, values: values))
            }
        }
        self.init(requirements: requirements)
    }

    /// What a selector the API server would reject selects: nothing.
    public static let matchingNothing = LabelSelector(requirements: [Requirement(key: "", op: .in, values: [])])

    public var isEmpty: Bool { requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }
}
