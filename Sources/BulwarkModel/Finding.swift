/// One thing found wrong: which control, which object, which field or flag, what was seen, and the fix.
public struct Finding: Sendable, Hashable, Codable {
    public var control: String
    public var section: GuideSection
    public var severity: Severity
    public var object: ObjectReference?
    /// A field path like `spec.containers[0].securityContext.privileged`, or a flag like `--anonymous-auth`.
    public var path: String
    /// 1-based line of the field itself in `object.file`, when known (the object's `line` is where
    /// its document starts).
    public var line: Int?
    /// What was seen, already redacted where it could be secret.
    public var value: String?
    public var message: String
    public var remediation: String
    /// Who holds the power, for findings about an RBAC subject (the granting binding is `object`).
    public var subject: SubjectReference?

    public init(control: String, section: GuideSection, severity: Severity, object: ObjectReference?,
                path: String, line: Int? = nil, value: String?, message: String, remediation: String, subject: SubjectReference? = nil) {
        self.control = control; self.section = section; self.severity = severity; self.object = object
        // Every report format renders these two from input: credentials never reach them.
        self.path = path; self.line = line; self.value = value.map { CredentialRedaction.redact(text: $0) }
        self.message = CredentialRedaction.redact(text: message); self.remediation = remediation; self.subject = subject
    }
}

/// An RBAC subject as a finding names it: `User`, `Group` or `ServiceAccount`, with the namespace
/// of a service account (empty for users and groups).
public struct SubjectReference: Sendable, Hashable, Codable {
    public var kind: String
    public var namespace: String
    public var name: String
    public init(kind: String, namespace: String = "", name: String) {
        self.kind = kind; self.namespace = namespace; self.name = name
    }
}
