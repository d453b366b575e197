import BulwarkModel

/// A typed view of `audit.k8s.io/v1 Policy`. Rules are evaluated in order and the first match
/// decides the level; a request that matches no rule is not logged.
public struct AuditPolicy: Sendable {
    public var object: KubeObject
    public var rules: [AuditRule]

    public init(_ object: KubeObject) {
        self.object = object
        rules = (object.value["rules"]?.array ?? []).enumerated().map { AuditRule($1, index: $0) }
    }

    /// The level of one concrete request and the rule that decided it (nil: no rule matched).
    public func level(for request: AuditRequest) -> (level: AuditLevel, rule: AuditRule?) {
        for rule in rules where rule.matches(request) { return (rule.level ?? .none, rule) }
        return (.none, nil)
    }

    /// Every rule some request on this resource can reach, in order, up to and including the
    /// first that covers all such requests. Conditional rules (per user, namespace or name) are
    /// reachable; after an unconditional one nothing is.
    public func reachableRules(for request: AuditRequest) -> [AuditRule] {
        var out: [AuditRule] = []
        for rule in rules where rule.mayMatch(request) {
            out.append(rule)
            if rule.coversAll(of: request) { break }
        }
        return out
    }
}
