import BulwarkModel
import BulwarkInputs

/// k3s: config.yaml and its drop-ins, the server or agent command line.
extension NodeCollection {
    // MARK: k3s

    mutating func readK3s(processes: [Process]) {
        let server = processes.first { $0.component == "k3s-server" }
        var settings = Mapping()
        var sources: [String] = []
        for entry in NodeCandidates.k3sConfigs {
            search(entry.path, for: "k3sConfig")
            let dropInDirectory = entry.path + ".d"
            search(dropInDirectory, for: "k3sConfig")
            var paths: [String] = root.exists(entry.path) ? [entry.path] : []
            paths += (root.list(dropInDirectory) ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { dropInDirectory + "/" + $0 }
            for path in paths {
                guard let bytes = recordFile(path, role: .other, content: true) else { continue }
                let value: Value
                do { value = try TreeParser.parse(bytes) } catch {
                    inventory.add(issue: InputIssue(file: path, line: error.line, message: "k3s config is not valid YAML: \(error.message)"))
                    continue
                }
                if value.isNull { sources.append(path); continue }
                guard case .mapping(let m) = value else {
                    issue(path, "k3s config is \(value.typeNameWithArticle); expected a mapping of settings")
                    continue
                }
                for e in m.entries {
                    // `key+:` appends to a list set by an earlier file (k3s config drop-ins).
                    if e.key.hasSuffix("+") {
                        let key = String(e.key.dropLast())
                        let before = settings[key]?.array ?? (settings[key].map { [$0] } ?? [])
                        let added = e.value.array ?? [e.value]
                        settings.set(key, .array(before + added), line: e.line)
                    } else {
                        settings.set(e.key, e.value, line: e.line)
                    }
                }
                sources.append(path)
            }
        }
        // An agent (worker) node has the same config file but runs only the kubelet: the install
        // script's k3s-agent.service, or a `k3s agent` process, tells it apart.
        let agentProcess = processes.first { $0.component == "k3s-agent" }
        search("/etc/systemd/system/k3s-agent.service", for: "k3sConfig")
        let agentUnitOnly = root.exists("/etc/systemd/system/k3s-agent.service") && !root.exists("/etc/systemd/system/k3s.service")
        let isAgent = server == nil && (agentProcess != nil || agentUnitOnly)
        let process = server ?? agentProcess
        guard process != nil || !sources.isEmpty else { return }
        noteDistribution(isAgent ? "k3s (agent)" : "k3s")
        var m = baseObject(kind: "K3sConfig", name: sources.first ?? "k3s \(isAgent ? "agent" : "server") command line")
        m.set("mode", isAgent ? "agent" : "server")
        m.set("settings", NodeValues.redact(.mapping(settings)))
        m.set("sources", NodeValues.strings(sources))
        if let server = process {
            m.set("command", NodeValues.strings(NodeValues.redact(arguments: server.argv)))
            m.set("commandSource", .string("/proc/\(server.pid)/cmdline"))
        }
        inventory.add(KubeObject(.mapping(m), source: SourceLocation(file: sources.first ?? "/proc/\(process?.pid ?? 0)/cmdline", document: 0, line: 1)))
        if isAgent { return }
        // Files the k3s API server is told to read: `kube-apiserver-arg` entries and secrets encryption.
        var apiArgs = (settings["kube-apiserver-arg"]?.array ?? []).compactMap(\.string).map { $0.hasPrefix("-") ? $0 : "--" + $0 }
        if let server { apiArgs += server.argv.filter { $0.hasPrefix("--kube-apiserver-arg=") }.map { "--" + $0.dropFirst("--kube-apiserver-arg=".count) } }
        let dataDir = settings["data-dir"]?.string ?? "/var/lib/rancher/k3s"
        let secretsEncryption = settings["secrets-encryption"]?.bool == true || (server?.argv.contains("--secrets-encryption") ?? false)
        if secretsEncryption && NodeValues.flag("encryption-provider-config", in: apiArgs) == nil {
            apiArgs.append("--encryption-provider-config=\(dataDir)/server/cred/encryption-config.json")
        }
        componentArguments.append(("kube-apiserver", apiArgs))
    }
}
