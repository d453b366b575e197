import BulwarkModel

/// Every namespace the input names, with its labels; `kubernetes.io/metadata.name` is synthesised
/// (the API server sets it on every namespace, and offline manifests often leave it out).
public struct NamespaceIndex: Sendable {
    public static let nameLabel = "kubernetes.io/metadata.name"
    public private(set) var labels: [String: [String: String]] = [:]
    /// Namespaces that have a Namespace object in the input (labels known for sure).
    public private(set) var declared: Set<String> = []

    public init(inventory: Inventory, extraNames: Set<String>) {
        for ns in inventory.objects(ofKind: "Namespace") where !ns.name.isEmpty {
            var l = ns.labels
            l[Self.nameLabel] = ns.name
            labels[ns.name] = l
            declared.insert(ns.name)
        }
        for name in extraNames where labels[name] == nil { labels[name] = [Self.nameLabel: name] }
        names = labels.keys.sorted()
    }

    /// Every namespace name, sorted once: peers' namespace selectors are matched against these per rule.
    public private(set) var names: [String] = []
}
