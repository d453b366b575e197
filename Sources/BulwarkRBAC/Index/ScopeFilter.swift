/// Which bindings a question consults, as the upstream resolver does: every ClusterRoleBinding,
/// plus the RoleBindings of the request's namespace (none for a cluster-wide question, all of
/// them when surveying every namespace at once).
public enum ScopeFilter: Sendable, Hashable {
    /// Who may do it in every namespace: ClusterRoleBindings only.
    case clusterWide
    /// Who may do it in this namespace: ClusterRoleBindings and this namespace's RoleBindings.
    case namespace(String)
    /// Every binding, each at its own scope (for controls that survey the whole cluster).
    case everywhere

    func admits(_ scope: GrantScope) -> Bool {
        switch (self, scope) {
        case (_, .cluster), (.everywhere, _): return true
        case (.namespace(let ns), .namespace(let bound)): return ns == bound
        case (.clusterWide, .namespace): return false
        }
    }
}
