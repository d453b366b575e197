import ArgumentParser

/// Which namespace a scan judges, for every input kind: a live collection reads only it, and
/// manifests, snapshots and node files are limited to it (`NamespaceScope`). Separate from
/// `ClusterOptions` because the RBAC commands use `-n` for the namespace of their question.
struct NamespaceScopeOptions: ParsableArguments {
    @Option(name: [.customShort("n"), .customLong("namespace")],
            help: ArgumentHelp("Judge only this namespace's objects, whatever the input (live: only it is read); cluster-scoped objects (ClusterRoles, Nodes, webhooks…) are kept, as they apply to every namespace.", valueName: "name"))
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Judge every namespace (the default for a security scan).")
    var allNamespaces = false

    var isRequested: Bool { namespace != nil || allNamespaces }

    func validate() throws {
        if namespace != nil && allNamespaces { throw ValidationError("-n/--namespace and -A/--all-namespaces exclude each other.") }
    }
}
