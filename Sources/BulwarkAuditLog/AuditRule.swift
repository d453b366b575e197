import BulwarkModel
import BulwarkRBAC

/// One audit-log rule, as data: what it is, where it comes from, and how an event is judged.
public struct AuditRule: Sendable {
    /// Events counted per key and reported once per window with the count.
    public struct Burst: Sendable {
        /// Window length in seconds.
        public var window: Double
        /// Reported when the window holds at least this many (distinct, when `distinct` is set).
        public var threshold: Int
        /// What one window counts: the key of an event, nil when the event does not count.
        public var key: @Sendable (AuditEvent) -> String?
        /// Count distinct values (e.g. distinct Secrets) rather than events.
        public var distinct: (@Sendable (AuditEvent) -> String)?
        /// What to say about `count` events for `key`.
        public var message: @Sendable (_ key: String, _ count: Int) -> String
    }

    public enum Judgement: Sendable {
        /// A message when the event is a detection, nil when it is not.
        case single(@Sendable (AuditEvent) -> String?)
        case burst(Burst)
    }

    public var id: String
    public var title: String
    public var severity: Severity
    public var section: GuideSection
    public var remediation: String
    public var falco: [String]
    public var panther: [String]
    /// True for rules about who acts: Kubernetes' own identities are not judged by them.
    public var excludesKubernetesIdentities: Bool
    public var judgement: Judgement

    public var references: [String: [String]] {
        var out: [String: [String]] = [:]
        if !falco.isEmpty { out["falco"] = falco }
        if !panther.isEmpty { out["panther"] = panther }
        return out
    }
}

/// Identities Kubernetes itself runs as: the bootstrap policy's users and groups (`system:` names
/// other than the anonymous and unauthenticated ones), kube-controller-manager's per-controller
/// service accounts and the other kube-system accounts the bootstrap policy binds, and nodes
/// (`system:node:NAME`). Judged by RBAC's own list, so Bulwark has one definition of them.
public enum KubernetesIdentity {
    public static func contains(_ username: String) -> Bool {
        if username.isEmpty || username == "system:anonymous" || username == "system:unauthenticated" { return false }
        return RBACSubject.user(username).isSystem
    }

    /// The kube-system accounts Kubernetes creates (for the service-account rule).
    public static var kubeSystemServiceAccounts: Set<String> { BootstrapPolicy.kubernetesServiceAccounts }
}
