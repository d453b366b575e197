import BulwarkModel

/// A control: data (ID, section, severity, title, remediation, references) plus one pure function
/// over the scan's facts. Adding a control touches one section file and its test.
public struct Control: Sendable {
    public var info: ControlInfo
    /// The object kinds the control reads, stated by every declaration (`[]`: none, e.g. a control
    /// over kubeconfig files or the server version). When a cluster input could not collect one of
    /// them (forbidden, or the list failed), the runner reports the control not assessed instead of
    /// judging it on missing objects.
    public var reads: [String]
    /// Kinds the control also looks at without needing them: facts that add to a finding or
    /// exempt an object (a service account's token Secret), whose absence — or a cluster refusing
    /// them — leaves the verdict sound. They never make the control "not assessed".
    public var tolerates: [String] = []
    /// The judgement. It throws when it meets facts it cannot judge (an inconsistency it
    /// detects in an object, not a trap): the runner reports this control not assessed, naming the
    /// object, and every other control still reports.
    public var assess: @Sendable (ScanContext) throws(ControlEvaluationError) -> ControlOutcome

    /// The judgement with a thrown `ControlEvaluationError` turned into `.broken`.
    public var evaluate: @Sendable (ScanContext) -> ControlOutcome {
        let assess = self.assess
        return { context in
            do throws(ControlEvaluationError) { return try assess(context) } catch { return .broken(error) }
        }
    }

    public init(_ info: ControlInfo, reads: [String],
                evaluate: @escaping @Sendable (ScanContext) throws(ControlEvaluationError) -> ControlOutcome) {
        self.info = info
        self.reads = reads
        self.assess = evaluate
    }

    public init(id: String, section: GuideSection, severity: Severity, title: String, remediation: String,
                references: [String: [String]] = [:], reads: [String],
                evaluate: @escaping @Sendable (ScanContext) throws(ControlEvaluationError) -> ControlOutcome) {
        self.init(ControlInfo(id: id, section: section, severity: severity, title: title,
                              remediation: remediation, references: references), reads: reads, evaluate: evaluate)
    }

    public var id: String { info.id }

    /// The same control, also looking at `kinds` without needing them (`tolerates`); `"*"`: every kind.
    public func tolerating(_ kinds: [String]) -> Control {
        var copy = self
        copy.tolerates = kinds
        return copy
    }
}

/// What a control found. `pass` and the two not-assessed cases carry the reason; `fail` carries
/// violations. `notAssessed`: the input holds nothing of the kind the control judges (not given);
/// `unreadable`: it was given but could not be read, was refused or did not answer — `--strict`
/// fails on this one only.
public enum ControlOutcome: Sendable {
    case pass(String)
    case fail([Violation])
    case notAssessed(String)
    case unreadable(String)
    /// The control could not judge an object (it threw `ControlEvaluationError`).
    case broken(ControlEvaluationError)

    /// Fails with `violations`, or passes with `passReason` when there are none.
    public static func from(_ violations: [Violation], pass passReason: String) -> ControlOutcome {
        violations.isEmpty ? .pass(passReason) : .fail(violations)
    }
}

/// One failure of a control on one object; the engine turns it into a `Finding` carrying the
/// control's ID, section, remediation and the field's line.
public struct Violation: Sendable {
    public var object: KubeObject?
    public var path: String
    public var value: String?
    public var message: String
    /// Overrides the control's severity when this case is worse or milder (e.g. a writable hostPath
    /// of `/var/run/docker.sock` versus a read-only one of `/data`).
    public var severity: Severity?
    /// The field path used to find the line, when `path` is a field path.
    public var fieldPath: FieldPath?
    /// The RBAC subject the finding is about, when there is one.
    public var subject: SubjectReference?

    public init(object: KubeObject?, path: FieldPath, value: String?, message: String, severity: Severity? = nil,
                subject: SubjectReference? = nil) {
        self.subject = subject
        self.object = object
        self.path = path.description
        self.fieldPath = path
        self.value = value
        self.message = message
        self.severity = severity
    }

    /// For flags and other non-field locations (`--anonymous-auth`).
    public init(object: KubeObject?, location: String, value: String?, message: String, severity: Severity? = nil) {
        self.object = object
        self.path = location
        self.fieldPath = nil
        self.value = value
        self.message = message
        self.severity = severity
    }
}

/// A control met facts it cannot judge: an inconsistency it detected (two facts about one object
/// that cannot both hold, an index that does not match its list), not a trap. Reported as the
/// control not assessed, with the reason and the object, never as a pass or a crash.
public struct ControlEvaluationError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var object: ObjectReference?

    public init(_ reason: String, object: ObjectReference? = nil) {
        self.reason = reason
        self.object = object
    }

    public init(_ reason: String, object: KubeObject) {
        self.init(reason, object: object.reference)
    }

    public var description: String {
        guard let o = object else { return reason }
        let name = o.namespace.isEmpty ? "\(o.kind) \(o.name)" : "\(o.kind) \(o.namespace)/\(o.name)"
        let place = o.file.map { " (\($0)\(o.line.map { ":\($0)" } ?? ""))" } ?? ""
        return "\(name)\(place): \(reason)"
    }
}
