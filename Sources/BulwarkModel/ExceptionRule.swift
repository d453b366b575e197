import Foundation

/// A user's decision to accept a finding: from an exceptions file, or from the annotation
/// `bulwark.io/ignore` on the object itself. An expired rule stops hiding findings and says so.
public struct ExceptionRule: Sendable, Hashable {
    /// Control ID or glob (`BW-S6-*`).
    public var control: String
    /// Globs; nil matches anything.
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var reason: String
    /// The day it expires (through the end of that day, UTC), as written and as a time.
    public var expires: String?
    public var expiresAt: Date?
    /// Where the rule was written: `exceptions.yaml:12` or `annotation`.
    public var source: String

    public init(control: String, kind: String? = nil, namespace: String? = nil, name: String? = nil,
                reason: String, expires: String? = nil, source: String) {
        self.control = control; self.kind = kind; self.namespace = namespace; self.name = name
        self.reason = reason; self.expires = expires; self.source = source
        self.expiresAt = expires.flatMap(RFC3339.parseDay)
    }

    public func matches(control id: String, object: ObjectReference?) -> Bool {
        guard Glob.matches(control, id) else { return false }
        if let kind, !Glob.matches(kind, object?.kind ?? "") { return false }
        if let namespace, !Glob.matches(namespace, object?.namespace ?? "") { return false }
        if let name, !Glob.matches(name, object?.name ?? "") { return false }
        return true
    }

    public func isExpired(at now: Date) -> Bool {
        guard let expiresAt else { return false }
        return now > expiresAt
    }
}

/// Shell-style globs: `*` any run of characters, `?` one character.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                starP = pi; starT = ti; pi += 1
            } else if starP >= 0 {
                pi = starP + 1; starT += 1; ti = starT
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
