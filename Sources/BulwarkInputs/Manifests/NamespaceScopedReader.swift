import BulwarkModel

/// Reads from manifests only what can concern a few namespaces: every object in them (a document
/// without `metadata.namespace` is in `defaultNamespace`), the Namespace objects of those names,
/// and every document whose text `DocumentPrescan` cannot read for sure (flow style, anchors, odd
/// quoting, `List` kinds, JSON files) — those are parsed in full and kept whatever they hold. The
/// inventory therefore holds, in the same order, exactly the objects of a full read that lie in
/// those namespaces or are those Namespaces, plus possibly others; questions that look only there
/// (`bulwark netpol can`) get the same answer for a fraction of the parsing.
/// Input errors are reported only for the documents it parses.
public struct NamespaceScopedReader: Sendable {
    public var namespaces: Set<String>
    public var defaultNamespace: String
    public var maxFileBytes: Int

    public init(namespaces: Set<String>, defaultNamespace: String = "default", maxFileBytes: Int = InputFile.defaultLimit) {
        self.namespaces = namespaces
        self.defaultNamespace = defaultNamespace
        self.maxFileBytes = maxFileBytes
    }

    /// What was read, and how many documents were left unread because they cannot concern the namespaces.
    public func read(_ paths: [String]) -> (inventory: Inventory, skippedDocuments: Int) {
        var reader = ManifestReader(maxFileBytes: maxFileBytes)
        let wanted = self
        reader.documentFilter = { wanted.mayConcern(DocumentPrescan.scan($0)) }
        return reader.readCounting(paths)
    }

    /// Whether a document with this prescan may hold an object the namespaces need (nil: unknown).
    func mayConcern(_ prescan: DocumentPrescan?) -> Bool {
        guard let prescan else { return true }
        // A List's items may be in any namespace.
        if prescan.kind.hasSuffix("List") { return true }
        if prescan.kind == "Namespace" { return prescan.name.map(namespaces.contains) ?? true }
        let namespace = prescan.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? defaultNamespace
        return namespaces.contains(namespace)
    }
}
