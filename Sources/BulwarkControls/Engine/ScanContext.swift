import BulwarkModel

/// What every control reads: the inventory, the settings, and indexes built once per scan.
public struct ScanContext: Sendable {
    public let inventory: Inventory
    public let settings: ScanSettings
    /// Objects that run pods, with their pod template, found once.
    public let workloads: [(object: KubeObject, pod: PodTemplate)]

    public init(inventory: Inventory, settings: ScanSettings = ScanSettings()) {
        self.inventory = inventory
        self.settings = settings
        self.workloads = inventory.workloads
    }

    /// Namespaces Kubernetes itself runs (exempt from the namespace-level controls).
    public static let systemNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]

    public static func isSystemNamespace(_ name: String) -> Bool { systemNamespaces.contains(name) }
}
