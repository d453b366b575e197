import BulwarkModel
import BulwarkInputs

/// Components: processes, static pods, the kubelet (command line, systemd unit, config file and drop-ins).
extension NodeCollection {
    // MARK: processes

    struct Process {
        var pid: Int
        var argv: [String]
        var component: String
        /// etcd's `ETCD_*` environment variables (etcd reads a flag from one when the command line
        /// does not set it; kubespray configures etcd this way). Nothing else of the environment is read.
        var etcdEnvironment: [(String, String)] = []
    }

    mutating func readProcesses() -> [Process] {
        search("/proc/*/cmdline", for: "processes")
        guard let entries = root.list("/proc") else {
            notRead.append(("processes", "/proc not found under the root"))
            return []
        }
        var out: [Process] = []
        for entry in entries {
            guard let pid = Int(entry) else { continue }
            processCount += 1
            guard case .success(let bytes) = root.read("/proc/\(entry)/cmdline", limit: 1 << 20), !bytes.isEmpty else { continue }
            var argv = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            if argv.last == "" { argv.removeLast() }
            guard let component = ComponentBinary.component(argv) else { continue }
            var process = Process(pid: pid, argv: argv, component: component)
            if component == "etcd", case .success(let env) = root.read("/proc/\(entry)/environ", limit: 1 << 20) {
                for item in env.split(separator: 0) {
                    let text = String(decoding: item, as: UTF8.self)
                    guard text.hasPrefix("ETCD_"), let eq = text.firstIndex(of: "=") else { continue }
                    let name = String(text[..<eq])
                    let value = String(text[text.index(after: eq)...])
                    process.etcdEnvironment.append((name, CredentialRedaction.isCredentialVariable(name) ? CredentialRedaction.placeholder : CredentialRedaction.redact(text: value)))
                }
            }
            out.append(process)
        }
        return out.sorted { $0.pid < $1.pid }
    }

    mutating func emitProcesses(_ processes: [Process], kubeletConfig: String?) {
        for p in processes {
            var m = baseObject(kind: "NodeProcess", name: "\(NodeValues.basename(p.argv.first ?? ""))-\(p.pid)")
            m.set("pid", .int(p.pid))
            m.set("command", NodeValues.strings(NodeValues.redact(arguments: p.argv)))
            m.set("source", .string("/proc/\(p.pid)/cmdline"))
            m.set("component", .string(p.component))
            if let manifest = staticPodComponents[p.component] {
                // The same component from its manifest carries file lines; it is judged from there.
                m.set("staticPod", .string(manifest))
            }
            if p.component == "kubelet", let kubeletConfig { m.set("kubeletConfig", .string(kubeletConfig)) }
            if !p.etcdEnvironment.isEmpty {
                m.set("environment", .mapping(Mapping(p.etcdEnvironment.map { Mapping.Entry(key: $0.0, value: .string($0.1)) })))
            }
            if !p.component.hasPrefix("k3s") { componentArguments.append((p.component, p.argv)) }
            if p.component == "etcd", let dir = p.etcdEnvironment.first(where: { $0.0 == "ETCD_DATA_DIR" })?.1 { etcdDataDirFromEnvironment = dir }
            inventory.add(KubeObject(.mapping(m), source: SourceLocation(file: "/proc/\(p.pid)/cmdline", document: 0, line: 1)))
        }
        if processes.isEmpty && processCount > 0 {
            notRead.append(("processes", "no Kubernetes component among \(processCount) processes in /proc"))
        }
    }

    // MARK: static pods

    mutating func readStaticPods(extraFolders: [String]) {
        let folders = extraFolders.isEmpty ? NodeCandidates.staticPodFolders.map(\.path) : extraFolders
        for folder in folders {
            search(folder, for: "staticPods")
            guard root.isDirectory(folder), let names = root.list(folder) else { continue }
            for name in names where [".yaml", ".yml", ".json", ".manifest"].contains(where: name.hasSuffix) {
                let path = folder + "/" + name
                guard let bytes = recordFile(path, role: .staticPodManifest, content: true) else { continue }
                for object in parseDocuments(bytes, path: path) {
                    inventory.add(object)
                    for component in Self.components(inPod: object) where staticPodComponents[component] == nil {
                        staticPodComponents[component] = path
                        componentArguments.append((component, Self.arguments(ofPod: object, component: component)))
                    }
                }
                if folder.contains("/rke2/") { noteDistribution("RKE2") }
                else if folder.hasPrefix("/etc/kubernetes") { noteDistribution("kubeadm") }
            }
        }
    }

    mutating func noteDistribution(_ name: String) { if !distributions.contains(name) { distributions.append(name) } }

    static func containers(of pod: KubeObject) -> [Value] {
        (pod.value["spec"]?["containers"]?.array ?? []) + (pod.value["spec"]?["initContainers"]?.array ?? [])
    }

    static func commandLine(_ container: Value) -> [String] {
        ((container["command"]?.array ?? []) + (container["args"]?.array ?? [])).compactMap { v in
            switch v {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .bool(let b): return b ? "true" : "false"
            default: return nil
            }
        }
    }

    static func components(inPod pod: KubeObject) -> [String] {
        guard pod.kind == "Pod" else { return [] }
        var out: [String] = []
        for c in containers(of: pod) {
            let argv = commandLine(c)
            if let found = ComponentBinary.component(argv) ?? (ComponentBinary.names.contains(c["name"]?.string ?? "") ? c["name"]?.string : nil) {
                out.append(found)
            }
        }
        return out
    }

    static func arguments(ofPod pod: KubeObject, component: String) -> [String] {
        for c in containers(of: pod) {
            let argv = commandLine(c)
            if ComponentBinary.component(argv) == component || c["name"]?.string == component { return argv }
        }
        return []
    }

    // MARK: kubelet

    struct KubeletFound {
        var configPath: String?
        var staticPodPath: String?
    }

    mutating func readKubelet(processes: [Process]) -> KubeletFound {
        // The systemd unit is always recorded (CIS 4.1.1/4.1.2); its command is used only when no
        // kubelet process shows the real one.
        let unit = readKubeletUnit()
        var arguments: [String]?
        var origins: [String]?
        if let process = processes.first(where: { $0.component == "kubelet" }) {
            arguments = process.argv
        } else if let words = unit?.command {
            arguments = words.map(\.text)
            origins = words.map(\.origin)
        }
        var found = KubeletFound()
        if let arguments {
            found.configPath = NodeValues.flag("config", in: arguments)
            found.staticPodPath = NodeValues.flag("pod-manifest-path", in: arguments)
            let dropInDirectory = NodeValues.flag("config-dir", in: arguments)
            if let config = found.configPath {
                search(config, for: "kubeletConfig")
                if let staticPods = readKubeletConfig(config, dropIns: dropInDirectory) { found.staticPodPath = found.staticPodPath ?? staticPods }
            } else if let dropInDirectory {
                // Drop-ins without a base file merge over the command-line defaults, which the
                // settings model does not express: record the files, judge no setting (not assessed).
                search(dropInDirectory, for: "kubeletConfig")
                for name in (root.list(dropInDirectory) ?? []) where name.hasSuffix(".conf") {
                    recordFile(dropInDirectory + "/" + name, role: .kubeletConfig)
                }
                found.configPath = dropInDirectory
                notRead.append(("kubeletConfig", "the kubelet uses --config-dir \(dropInDirectory) without --config: its drop-ins merge over the command-line defaults, which Bulwark does not model yet"))
            } else {
                notRead.append(("kubeletConfig", "the kubelet command line has no --config: it runs on flags and their defaults"))
            }
            if processes.first(where: { $0.component == "kubelet" }) == nil, let unit, let origins {
                // Not running (or /proc not visible): the unit's command stands in for the process.
                var m = baseObject(kind: "NodeProcess", name: "kubelet-systemd")
                m.set("command", NodeValues.strings(NodeValues.redact(arguments: arguments)))
                m.set("commandOrigins", NodeValues.strings(origins))
                m.set("source", .string(unit.files.joined(separator: ", ")))
                m.set("component", "kubelet")
                m.set("configuredBy", "systemd")
                if let config = found.configPath { m.set("kubeletConfig", .string(config)) }
                componentArguments.append(("kubelet", arguments))
                inventory.add(KubeObject(.mapping(m), source: SourceLocation(file: unit.files.last ?? "kubelet.service", document: 0, line: 1)))
            }
        } else {
            // No command line: a config file in a usual place is judged on its own, as a file scan would.
            for entry in NodeCandidates.kubeletConfigs {
                search(entry.path, for: "kubeletConfig")
                if root.exists(entry.path) {
                    found.configPath = entry.path
                    found.staticPodPath = readKubeletConfig(entry.path, dropIns: nil)
                    break
                }
            }
            if found.configPath == nil {
                notRead.append(("kubeletConfig", "no kubelet process, systemd unit or config file found"))
            }
        }
        return found
    }

    /// Reads the kubelet unit and its drop-ins; nil when there is none.
    mutating func readKubeletUnit() -> SystemdUnit? {
        var unitFile: String?
        for entry in NodeCandidates.kubeletUnits {
            search(entry.path, for: "kubeletUnit")
            if unitFile == nil, root.exists(entry.path) { unitFile = entry.path }
        }
        // Drop-ins by file name across directories; the first directory holding a name wins.
        var dropIns: [String: String] = [:]
        for directory in NodeCandidates.kubeletUnitDropInDirectories {
            search(directory, for: "kubeletUnit")
            for name in root.list(directory) ?? [] where name.hasSuffix(".conf") && dropIns[name] == nil {
                dropIns[name] = directory + "/" + name
            }
        }
        guard unitFile != nil || !dropIns.isEmpty else { return nil }
        var unit = SystemdUnit()
        for path in ([unitFile].compactMap { $0 } + dropIns.keys.sorted().compactMap { dropIns[$0] }) {
            guard let bytes = recordFile(path, role: .systemdUnit, content: true) else { continue }
            var envFiles: [String] = []
            let problems = unit.apply(String(decoding: bytes, as: UTF8.self), file: path) { envPath in
                envFiles.append(envPath)
                if case .success(let text) = root.readText(envPath, limit: 1 << 20) { return text }
                return nil
            }
            // Environment files hold flags, not unit settings: recorded, but not judged as units.
            for envPath in envFiles where root.exists(envPath) { recordFile(envPath, role: .other) }
            for p in problems { issue(path, p) }
        }
        return unit
    }

    /// Reads the kubelet config file and its `--config-dir` drop-ins (`*.conf`, sorted, merged over
    /// the file) into one KubeletConfiguration object; returns its `staticPodPath`.
    mutating func readKubeletConfig(_ path: String, dropIns: String?) -> String? {
        guard let bytes = recordFile(path, role: .kubeletConfig, content: true) else {
            if !root.exists(path) { issue(path, "kubelet --config names this file, but it does not exist under \(root.description)") }
            notRead.append(("kubeletConfig", "\(path): \(files[path]?["error"]?.string ?? "cannot read")"))
            return nil
        }
        guard var object = parseDocuments(bytes, path: path).first(where: { $0.kind == "KubeletConfiguration" }) else {
            issue(path, "no KubeletConfiguration document in the kubelet config file")
            notRead.append(("kubeletConfig", "\(path): no readable KubeletConfiguration document"))
            return nil
        }
        var mergedFrom: [Value] = []
        if let dropIns {
            search(dropIns, for: "kubeletConfig")
            for name in (root.list(dropIns) ?? []) where name.hasSuffix(".conf") {
                let dropIn = dropIns + "/" + name
                guard let b = recordFile(dropIn, role: .kubeletConfig, content: true) else { continue }
                let docs = parseDocuments(b, path: dropIn)
                guard let d = docs.first(where: { $0.kind == "KubeletConfiguration" }) else {
                    if docs.isEmpty == false { issue(dropIn, "kubelet drop-in has no KubeletConfiguration document; ignored") }
                    continue
                }
                object.value = NodeValues.merge(object.value, d.value)
                mergedFrom.append(.string(dropIn))
            }
        }
        // Name and annotate so the component index pairs it with the kubelet that uses it.
        if case .mapping(var m) = object.value {
            var metadata = m["metadata"]?.mapping ?? Mapping()
            if metadata["name"] == nil { metadata.set("name", .string(path)) }
            var annotations = metadata["annotations"]?.mapping ?? Mapping()
            annotations.set("bulwark.io/node-path", .string(path))
            if !mergedFrom.isEmpty { annotations.set("bulwark.io/drop-ins", .string(mergedFrom.compactMap(\.string).joined(separator: ","))) }
            metadata.set("annotations", .mapping(annotations))
            m.set("metadata", .mapping(metadata))
            object.value = .mapping(m)
        }
        inventory.add(object)
        for key in ["authentication.x509.clientCAFile", "tlsCertFile", "tlsPrivateKeyFile"] {
            if let file = object.value.value(at: FieldPath(key))?.string, file.hasPrefix("/") {
                componentArguments.append(("kubelet", ["--\(key)=\(file)"]))
            }
        }
        return object.value["staticPodPath"]?.string
    }
}
