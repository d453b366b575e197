import BulwarkModel

/// One Kubernetes CVE: what it is, which components and versions it affects, how severe the
/// Kubernetes Security Response Committee rated it, and how sure the data is.
public struct CVERecord: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Empty when unknown (a placeholder advisory): such a record is never judged.
    public var components: Set<KubernetesComponent>
    public var severity: Severity
    /// CVSS v3 base score, when known.
    public var cvssScore: Double?
    public var cvssVector: String?
    public var affected: AffectedVersions
    /// Only nodes running Windows are affected (the kubelet/kube-proxy there).
    public var windowsOnly: Bool
    /// What else must hold for a cluster to be exposed (a feature gate, an admission plugin, a
    /// volume type), for the finding's message.
    public var condition: String?
    /// For CVEs without a fix: what to do instead of upgrading.
    public var mitigation: String?
    /// The source does not confirm every value (`(?)` in the reference data, or a heuristic
    /// reading of an advisory's text); `note` says what is uncertain.
    public var uncertain: Bool
    public var note: String?
    /// The advisory (the official GitHub issue where there is one).
    public var link: String
    /// Issue state from the official feed (`open`, `fixed`, `unfixed`, `unknown`), nil for bundled data.
    public var status: String?

    public init(id: String, title: String, components: Set<KubernetesComponent>, severity: Severity,
                cvssScore: Double? = nil, cvssVector: String? = nil, affected: AffectedVersions,
                windowsOnly: Bool = false, condition: String? = nil, mitigation: String? = nil,
                uncertain: Bool = false, note: String? = nil, link: String, status: String? = nil) {
        self.id = id; self.title = title; self.components = components; self.severity = severity
        self.cvssScore = cvssScore; self.cvssVector = cvssVector; self.affected = affected
        self.windowsOnly = windowsOnly; self.condition = condition; self.mitigation = mitigation
        self.uncertain = uncertain; self.note = note; self.link = link; self.status = status
    }

    public var isUnfixed: Bool { affected == .allVersions }

    /// Whether the record concerns any of `components` (a record with unknown components concerns
    /// every one, so that it is reported as not assessed rather than silently dropped).
    public func concerns(_ components: Set<KubernetesComponent>) -> Bool {
        self.components.isEmpty || !self.components.isDisjoint(with: components)
    }
}
