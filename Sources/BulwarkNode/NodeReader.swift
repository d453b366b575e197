import BulwarkModel
import BulwarkInputs

/// Reads one node — the machine itself (`/`) or a node's filesystem mounted elsewhere (`--root`) —
/// into inventory objects (NODEFILES.md): a `NodeHost`, a `NodeProcess` per Kubernetes component
/// found running (or configured in the kubelet's systemd unit), a `NodeFile` per security-relevant
/// file, and the configuration documents themselves (static pods, the kubelet's effective
/// KubeletConfiguration, kubeconfigs with credentials removed, EncryptionConfiguration, audit
/// Policy, admission config, the k3s config) so that the existing controls judge them unchanged.
/// Nothing here writes to the node or reaches the network; every unreadable file is an input
/// issue naming the file, never a crash.
public struct NodeReader: Sendable {
    public static let apiVersion = "node.bulwark.io/v1"

    let root: NodeRoot

    public init(root: String = "/") {
        self.root = NodeRoot(root)
    }

    public func read() -> Inventory {
        var collection = NodeCollection(root: root)
        collection.run()
        return collection.inventory
    }
}
