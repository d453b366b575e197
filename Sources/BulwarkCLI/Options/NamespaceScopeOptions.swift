import ArgumentParser

/// Which namespaces a live collection reads. Separate from `ClusterOptions` because the RBAC
/// commands use `-n` for the namespace of their question.
struct NamespaceScopeOptions: ParsableArguments {
    @Option(name: [.customShort("n"), .customLong("namespace")],
            help: ArgumentHelp("Live cluster: read only this namespace's namespaced objects (cluster-scoped ones are always read).", valueName: "name"))
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Live cluster: read every namespace (the default for a security scan).")
    var allNamespaces = false

    var isRequested: Bool { namespace != nil || allNamespaces }

    func validate() throws {
        if namespace != nil && allNamespaces { throw ValidationError("-n/--namespace and -A/--all-namespaces exclude each other.") }
    }
}
