import BulwarkModel

/// One failed check, as upstream Pod Security Admission reports it, plus the fields that failed.
public struct PSSViolation: Sendable, Hashable {
    /// Upstream check ID: `privileged`, `hostNamespaces`, `capabilities_baseline`, `runAsNonRoot`, …
    public var check: String
    /// Upstream's forbidden reason, e.g. `privileged`.
    public var reason: String
    /// Upstream's forbidden detail, e.g. `container "app" must not set securityContext.privileged=true`.
    public var detail: String
    /// The failing fields, relative to the pod (`spec.containers[0].securityContext.privileged`,
    /// `metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]`), first one first.
    public var paths: [FieldPath]
    /// What was seen at the first path, short.
    public var value: String?

    public init(check: String, reason: String, detail: String, paths: [FieldPath], value: String? = nil) {
        self.check = check; self.reason = reason; self.detail = detail; self.paths = paths; self.value = value
    }
}

/// A field whose type the API server would reject (e.g. `privileged: "true"`, a string).
public struct PSSMalformedField: Sendable, Hashable {
    public var path: FieldPath
    public var expected: String
    public var found: String
    public init(path: FieldPath, expected: String, found: String) {
        self.path = path; self.expected = expected; self.found = found
    }
}

public struct PSSEvaluation: Sendable {
    public var allowed: Bool { violations.isEmpty }
    public var violations: [PSSViolation]
    public var malformed: [PSSMalformedField]
    public init(violations: [PSSViolation], malformed: [PSSMalformedField] = []) {
        self.violations = violations; self.malformed = malformed
    }
}

/// Describes one upstream check for catalogues (`bulwark controls`).
public struct PSSCheckInfo: Sendable, Hashable {
    public var id: String
    /// The level that introduced the check (restricted checks also apply to nothing below).
    public var level: PSSLevel
    public var title: String
    /// Minor versions at which the check's behaviour changed (the first is when it appeared).
    public var versions: [Int]
    public init(id: String, level: PSSLevel, title: String, versions: [Int]) {
        self.id = id; self.level = level; self.title = title; self.versions = versions
    }
}
