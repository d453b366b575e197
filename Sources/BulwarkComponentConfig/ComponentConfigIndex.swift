import BulwarkModel

/// Everything the flag and configuration controls read, found once per scan: components with
/// their flags, kubelets with their effective settings, and the configuration documents.
public struct ComponentConfigIndex: Sendable {
    public let components: [ComponentInstance]
    public let kubelets: [KubeletSettings]
    public let encryptionConfigurations: [KubeObject]
    public let auditPolicies: [KubeObject]
    public let authenticationConfigurations: [KubeObject]
    public let authorizationConfigurations: [KubeObject]
    public let kubeconfigs: [KubeObject]
    /// Set when the input shows etcd is not the datastore (k3s with SQLite or an SQL database).
    public let etcdNotApplicableReason: String?

    public init(inventory: Inventory, k3sConfigs: [K3sServerConfig] = []) {
        // Node scans add component processes, kubelets paired with their config file, and k3s configs.
        let processes = NodeComponents.processes(in: inventory)
        var components = ComponentRecognizer.components(in: inventory) + processes.filter { $0.kind != .kubelet }
        let configurations = inventory.objects(ofKind: "KubeletConfiguration")
        let node = NodeComponents.kubelets(processes, configurations: configurations)
        var kubelets: [KubeletSettings] = configurations.filter { !node.paired.contains($0) }.map { object in
            KubeletSettings(object: object, config: object.value, origin: "KubeletConfiguration \(object.source?.file ?? object.name)")
        } + node.settings + NodeComponents.k3sAgentKubelets(in: inventory)
        var etcdReason: String?
        for k3s in k3sConfigs + NodeComponents.k3sServers(in: inventory) {
            for instance in k3s.components {
                if instance.kind == .kubelet {
                    kubelets.append(KubeletSettings(object: instance.object, config: nil, flags: instance.flags, distribution: "k3s",
                                                    origin: instance.origin))
                } else {
                    components.append(instance)
                }
            }
            etcdReason = etcdReason ?? k3s.etcdNotApplicableReason
        }
        self.components = components
        self.kubelets = kubelets
        encryptionConfigurations = inventory.objects(ofKind: "EncryptionConfiguration")
        auditPolicies = inventory.objects(ofKind: "Policy").filter { $0.apiVersion.hasPrefix("audit.k8s.io/") }
        authenticationConfigurations = inventory.objects(ofKind: "AuthenticationConfiguration")
        authorizationConfigurations = inventory.objects(ofKind: "AuthorizationConfiguration")
        kubeconfigs = inventory.objects(ofKind: "Config").filter { $0.apiVersion == "v1" || $0.apiVersion.isEmpty }
        etcdNotApplicableReason = components.contains { $0.kind == .etcd } ? nil : etcdReason
    }

    public func instances(_ kind: ComponentKind) -> [ComponentInstance] { components.filter { $0.kind == kind } }

    /// The document among `candidates` that a component's flag names: the same path first, then
    /// the same file name (a manifest names `/etc/kubernetes/enc.yaml`, the user passes `./enc.yaml`).
    public func document(named path: String, in candidates: [KubeObject]) -> (object: KubeObject, how: String)? {
        if let exact = candidates.first(where: { $0.source?.file == path }) { return (exact, "same path") }
        let wanted = Self.basename(path)
        if let byName = candidates.first(where: { Self.basename($0.source?.file ?? "") == wanted }) {
            return (byName, "matched by file name: the flag names \(path), the input file is \(byName.source?.file ?? wanted)")
        }
        return nil
    }

    /// Every document of a kind, each with the component flag that uses it when one does.
    public func documents(_ candidates: [KubeObject], referencedBy flag: String, of kind: ComponentKind) -> [DocumentMatch] {
        var matches: [DocumentMatch] = []
        var used: Set<Int> = []
        for instance in instances(kind) {
            guard let path = instance.flags.value(flag), let found = document(named: path, in: candidates),
                  let i = candidates.firstIndex(of: found.object) else { continue }
            if used.insert(i).inserted {
                matches.append(DocumentMatch(object: found.object, referencedBy: "\(kind.binary) --\(flag)", how: found.how))
            }
        }
        for (i, object) in candidates.enumerated() where !used.contains(i) {
            matches.append(DocumentMatch(object: object, referencedBy: nil, how: "not referenced"))
        }
        return matches
    }

    static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
