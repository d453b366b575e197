import BulwarkModel

extension LabelSelector {
    /// The namespace names this selector can only match through `kubernetes.io/metadata.name`,
    /// or nil when it may match namespaces by other labels (or by no name at all).
    public var pinnedNamespaceNames: Set<String>? {
        let key = NamespaceIndex.nameLabel
        guard invalidReason == nil else { return nil }
        var names: Set<String>?
        if let n = matchLabels[key] { names = [n] }
        for r in requirements where r.key == key && r.op == .in {
            names = names.map { $0.intersection(r.values) } ?? r.values
        }
        return names
    }
}
