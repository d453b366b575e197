import BulwarkModel

/// Components read on a node by `bulwark node` (NODEFILES.md): `NodeProcess` command lines are
/// read like a container's command; a kubelet process is paired with the KubeletConfiguration its
/// `--config` names (flags over file, as the kubelet resolves them); `K3sConfig` objects (config.yaml,
/// its drop-ins, and the `k3s server` command line, which wins) become k3s server configs.
public enum NodeComponents {
    public static let apiVersion = "node.bulwark.io/v1"

    /// Component processes, except those also read from their static pod manifest (judged there,
    /// with file lines) and k3s (read through its config).
    public static func processes(in inventory: Inventory) -> [ComponentInstance] {
        inventory.objects(ofKind: "NodeProcess").compactMap { object -> ComponentInstance? in
            guard object.apiVersion == apiVersion, object.value["staticPod"] == nil else { return nil }
            let command = (object.value["command"]?.array ?? []).compactMap(\.string)
            let origins = (object.value["commandOrigins"]?.array ?? []).compactMap(\.string)
            let source = object.value["source"]?.string ?? object.name
            let commandPath = FieldPath("command")
            var tokens: [CommandLineToken] = []
            for (i, text) in command.enumerated() {
                let location = i < origins.count ? origins[i] : "\(source) argv[\(i)]"
                tokens.append(CommandLineToken(text, location: location, fieldPath: commandPath.appending(index: i)))
            }
            guard let first = tokens.first else { return nil }
            let binary = ComponentRecognizer.basename(first.text)
            let kind: ComponentKind?
            var flagTokens = Array(tokens.dropFirst())
            if binary == "hyperkube", tokens.count > 1 {
                kind = ComponentKind.allCases.first { $0.hyperkubeNames.contains(tokens[1].text) }
                flagTokens = Array(tokens.dropFirst(2))
            } else {
                kind = ComponentKind.allCases.first { $0.binary == binary }
            }
            guard let kind else { return nil }
            var flags = FlagSet.parse(flagTokens, booleanFlags: kind.booleanFlags)
            if kind == .etcd { flags = environmentFlags(object, source: source).overridden(by: flags) }
            return ComponentInstance(kind: kind, object: object, flags: flags,
                                     commandPath: commandPath, origin: "process \(object.name) (\(source))")
        }
    }

    /// etcd's `ETCD_<FLAG>` variables from `/proc/<pid>/environ`, as flags the command line overrides.
    static func environmentFlags(_ object: KubeObject, source: String) -> FlagSet {
        var flags = FlagSet()
        let environ = source.replacingOccurrences(of: "/cmdline", with: "/environ")
        for entry in object.value["environment"]?.mapping?.entries ?? [] {
            guard let value = entry.value.string else { continue }
            let flag = String(entry.key.dropFirst(5)).lowercased().replacingOccurrences(of: "_", with: "-")
            flags.append(CommandLineFlag(name: flag, value: value, location: "\(environ) (\(entry.key))"))
        }
        return flags
    }

    /// Each kubelet process with the configuration file it uses; returns the settings and the
    /// configuration objects so paired (not to be judged a second time without flags).
    public static func kubelets(_ instances: [ComponentInstance], configurations: [KubeObject]) -> (settings: [KubeletSettings], paired: [KubeObject]) {
        var settings: [KubeletSettings] = []
        var paired: [KubeObject] = []
        for instance in instances where instance.kind == .kubelet {
            let configPath = instance.flags.value("config") ?? instance.object.value["kubeletConfig"]?.string
            let config = configPath.flatMap { path in
                configurations.first { $0.annotations["bulwark.io/node-path"] == path }
            }
            // A --config that was not read (missing, unreadable, a YAML error: an input error names
            // it) leaves the kubelet's settings unknown; judging flag defaults instead would be wrong.
            if configPath != nil && config == nil { continue }
            if let config { paired.append(config) }
            let origin = config.map { "kubelet \(instance.object.name) with \($0.source?.file ?? $0.name)" } ?? "kubelet \(instance.object.name) (flags only)"
            settings.append(KubeletSettings(object: config ?? instance.object, config: config?.value, flags: instance.flags, origin: origin))
        }
        return (settings, paired)
    }

    /// k3s servers described on the node: the merged config files with the command line over them.
    public static func k3sServers(in inventory: Inventory) -> [K3sServerConfig] {
        k3sConfigs(in: inventory, agents: false)
    }

    /// The kubelets of k3s agents (worker nodes): k3s's kubelet defaults with `kubelet-arg` over them.
    public static func k3sAgentKubelets(in inventory: Inventory) -> [KubeletSettings] {
        k3sConfigs(in: inventory, agents: true).flatMap { config in
            config.components.filter { $0.kind == .kubelet }.map { instance in
                KubeletSettings(object: instance.object, config: nil, flags: instance.flags, distribution: "k3s",
                                origin: "k3s agent (\(config.source))")
            }
        }
    }

    static func k3sConfigs(in inventory: Inventory, agents: Bool) -> [K3sServerConfig] {
        inventory.objects(ofKind: "K3sConfig").compactMap { object in
            guard object.apiVersion == apiVersion, (object.value["mode"]?.string == "agent") == agents else { return nil }
            var settings = object.value["settings"]?.mapping ?? Mapping()
            let command = (object.value["command"]?.array ?? []).compactMap(\.string)
            var source = object.name
            if !command.isEmpty {
                // `k3s agent …`: the sub-command is not a setting.
                let fromCommand = K3sServerConfig(commandLine: command.filter { $0 != "agent" })
                for e in fromCommand.settings.mapping?.entries ?? [] {
                    if e.key.hasSuffix("-arg"), let before = settings[e.key]?.array, let added = e.value.array {
                        settings.set(e.key, .array(before + added))
                    } else {
                        settings.set(e.key, e.value)
                    }
                }
                source += " and " + (object.value["commandSource"]?.string ?? "the k3s server command line")
            }
            return K3sServerConfig(settings: .mapping(settings), source: source)
        }
    }
}
