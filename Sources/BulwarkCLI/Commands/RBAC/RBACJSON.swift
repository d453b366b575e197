import Foundation
import BulwarkRBAC

/// The JSON shapes of the `rbac` queries (issue 5): grants as {binding, role, rule, scope}.
enum RBACJSON {
    struct Ref: Encodable {
        var kind, namespace, name: String
        init(_ key: ObjectKey) { kind = key.kind; namespace = key.namespace; name = key.name }
    }

    struct Subject: Encodable {
        var kind, namespace, name: String
        init(_ s: RBACSubject) { kind = s.kind.rawValue; namespace = s.namespace; name = s.name }
    }

    struct GrantJSON: Encodable {
        var binding: Ref
        var role: Ref
        var rule: PolicyRule
        var scope: String
        /// The group through which the subject holds it, when not directly.
        var via: Subject?
        init(_ g: Grant, for subject: RBACSubject? = nil) {
            binding = Ref(g.binding); role = Ref(g.role); rule = g.rule; scope = g.scope.name
            via = subject.flatMap { $0 == g.subject ? nil : Subject(g.subject) }
        }
    }

    struct SubjectGrants: Encodable {
        var kind, namespace, name: String
        var grants: [GrantJSON]
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Grants grouped by subject, subjects sorted by kind, namespace, name; grants in a stable order.
    static func bySubject(_ grants: [Grant]) -> [(RBACSubject, [Grant])] {
        Dictionary(grouping: grants, by: \.subject)
            .map { ($0.key, $0.value.sorted(by: grantOrder)) }
            .sorted { $0.0 < $1.0 }
    }

    static func grantOrder(_ a: Grant, _ b: Grant) -> Bool {
        (a.scope, a.binding, a.role, a.rule.summary) < (b.scope, b.binding, b.role, b.rule.summary)
    }
}
