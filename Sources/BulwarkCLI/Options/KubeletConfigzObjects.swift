import BulwarkModel

/// A node's `/configz` answer as a `KubeletConfiguration` object named after the node, so the
/// kubelet controls (S4) judge it like a configuration file. configz reports the kubelet's
/// effective settings (file, flags and defaults merged), so reading it as a file is faithful.
enum KubeletConfigzObjects {
    static func object(node: String, config: Value) -> KubeObject? {
        guard case .mapping(let settings) = config else { return nil }
        var m = Mapping()
        m.set("apiVersion", "kubelet.config.k8s.io/v1beta1")
        m.set("kind", "KubeletConfiguration")
        m.set("metadata", ["name": .string(node), "annotations": ["bulwark.io/source": .string("nodes/\(node)/proxy/configz")]])
        for entry in settings.entries where !["apiVersion", "kind", "metadata"].contains(entry.key) {
            m.entries.append(entry)
        }
        return KubeObject(.mapping(m))
    }
}
