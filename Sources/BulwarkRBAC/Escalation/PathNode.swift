/// A node of the escalation graph: an identity, a set of identities one capability reaches at
/// once (so that "create pods in NS" is one edge, not one per service account), or the goal.
public enum PathNode: Sendable, Hashable {
    case identity(RBACSubject)
    /// Every service account of a namespace (nil: of every namespace): pods can run as any of them.
    case anyServiceAccount(namespace: String?)
    /// The service accounts that running workloads of a namespace (nil: all) mount.
    case runningPods(namespace: String?)
    /// The service accounts of a namespace whose legacy token Secret is in the input.
    case tokenSecrets(namespace: String?)
    /// Cluster-admin-equivalent power.
    case clusterAdmin

    public var description: String {
        switch self {
        case .identity(let s): return s.description
        case .anyServiceAccount(let ns): return "any service account \(ns.map { "of \($0)" } ?? "of any namespace")"
        case .runningPods(let ns): return "running pods \(ns.map { "in \($0)" } ?? "in any namespace")"
        case .tokenSecrets(let ns): return "token Secrets \(ns.map { "in \($0)" } ?? "in any namespace")"
        case .clusterAdmin: return "cluster-admin-equivalent"
        }
    }
}
