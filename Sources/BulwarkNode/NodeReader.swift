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

/// The state of one read: what was found so far, what was searched, what could not be read.
struct NodeCollection {
    let root: NodeRoot
    let accounts: NodeAccounts
    let nodeName: String
    var inventory = Inventory()
    var searched: [String] = []
    var searchedFor: [String: [String]] = [:]
    var notRead: [(String, String)] = []
    var files: [String: Mapping] = [:]
    var fileOrder: [String] = []
    var distributions: [String] = []
    /// Component name → static pod manifest that runs it.
    var staticPodComponents: [String: String] = [:]
    /// Arguments of every component found (processes, static pods, the kubelet unit), for the files they name.
    var componentArguments: [(component: String, arguments: [String])] = []
    var processCount = 0

    init(root: NodeRoot) {
        self.root = root
        self.accounts = NodeAccounts(root: root)
        if case .success(let text) = root.readText("/etc/hostname", limit: 4096),
           let name = text.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }), !name.isEmpty {
            nodeName = name
        } else {
            nodeName = "node"
        }
    }

    mutating func run() {
        let processes = readProcesses()
        readStaticPods(extraFolders: [])
        let kubelet = readKubelet(processes: processes)
        if let folder = kubelet.staticPodPath, !NodeCandidates.staticPodFolders.contains(where: { $0.path == folder }) {
            readStaticPods(extraFolders: [folder])
        }
        emitProcesses(processes, kubeletConfig: kubelet.configPath)
        readK3s(processes: processes)
        readReferencedDocuments()
        readKubeconfigs()
        readPKI()
        readCNI()
        readEtcdDataDirectory()
        inventory.add(hostObject())
        for path in fileOrder { if let m = files[path] { inventory.add(KubeObject(.mapping(m), source: SourceLocation(file: path, document: 0, line: 1))) } }
    }

    // MARK: searching and recording

    mutating func search(_ path: String, for purpose: String) {
        if !searched.contains(path) { searched.append(path) }
        if !(searchedFor[purpose]?.contains(path) ?? false) { searchedFor[purpose, default: []].append(path) }
    }

    mutating func issue(_ file: String, _ message: String, level: InputIssue.Level = .error) {
        inventory.add(issue: InputIssue(file: file, level: level, message: message))
    }

    func baseObject(kind: String, name: String) -> Mapping {
        var m = Mapping()
        m.set("apiVersion", .string(NodeReader.apiVersion))
        m.set("kind", .string(kind))
        m.set("metadata", ["name": .string(name)])
        m.set("node", .string(nodeName))
        return m
    }

    /// Records a NodeFile for `path` (a node path), reading its mode and owners; returns the bytes
    /// when `content` is asked for and the file could be read.
    @discardableResult
    mutating func recordFile(_ path: String, role: NodeFileRole, content: Bool = false, limit: Int = 4 << 20) -> [UInt8]? {
        var m = files[path] ?? baseObject(kind: "NodeFile", name: path)
        let previousRole = m["role"]?.string.flatMap(NodeFileRole.init(rawValue:))
        if previousRole == nil || previousRole!.rank < role.rank { m.set("role", .string(role.rawValue)) }
        m.set("path", .string(path))
        if files[path] == nil { fileOrder.append(path) }
        guard let status = root.status(path) else {
            m.set("error", "not found")
            files[path] = m
            return nil
        }
        let resolved = root.resolve(path)
        if resolved != path { m.set("linkTarget", .string(resolved)) }
        m.set("mode", .string(status.modeText))
        m.set("owner", .string(accounts.user(status.uid)))
        m.set("group", .string(accounts.group(status.gid)))
        m.set("size", .int(status.size))
        var bytes: [UInt8]?
        if content || role == .certificate || role == .privateKey {
            switch root.read(path, limit: limit) {
            case .success(let b): bytes = b
            case .failure(let e):
                m.set("error", .string(e.message))
                issue(path, "cannot read: \(e.message)")
            }
        }
        files[path] = m
        return bytes
    }

    mutating func setFileField(_ path: String, _ key: String, _ value: Value) {
        guard var m = files[path] else { return }
        m.set(key, value)
        files[path] = m
    }

    /// Parses a configuration file as documents, named by its node path so that findings point at
    /// the node's file and flags naming the same path match it.
    mutating func parseDocuments(_ bytes: [UInt8], path: String) -> [KubeObject] {
        let result = ManifestReader().parse(bytes, file: path)
        for i in result.issues { inventory.add(issue: i) }
        return result.objects
    }

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
                    let secret = name.contains("TOKEN") || name.contains("PASSWORD") || name.contains("SECRET")
                    process.etcdEnvironment.append((name, secret ? "(redacted)" : String(text[text.index(after: eq)...])))
                }
            }
            out.append(process)
        }
        return out.sorted { $0.pid < $1.pid }
    }

    mutating func emitProcesses(_ processes: [Process], kubeletConfig: String?) {
        for p in processes {
            var m = baseObject(kind: "NodeProcess", name: "\(NodeValues.basename(p.argv[0]))-\(p.pid)")
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
                    issue(path, "k3s config is a \(value.typeName); expected a mapping of settings")
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

    // MARK: documents named by flags

    /// Flags of kube-apiserver naming documents the existing controls evaluate (S12, S16, S2, S3).
    static let documentFlags: [(flag: String, role: NodeFileRole)] = [
        ("encryption-provider-config", .encryptionConfig), ("audit-policy-file", .auditPolicy),
        ("admission-control-config-file", .admissionConfig), ("authentication-config", .other), ("authorization-config", .other),
    ]

    mutating func readReferencedDocuments() {
        var done: Set<String> = []
        for (component, arguments) in componentArguments where component == "kube-apiserver" {
            for (flag, role) in Self.documentFlags {
                guard let path = NodeValues.flag(flag, in: arguments), path.hasPrefix("/"), done.insert(path).inserted else { continue }
                search(path, for: "referencedDocuments")
                guard let bytes = recordFile(path, role: role, content: true) else {
                    if !root.exists(path) { issue(path, "kube-apiserver --\(flag) names this file, but it does not exist under \(root.description)") }
                    continue
                }
                for object in parseDocuments(bytes, path: path) { inventory.add(object) }
            }
        }
    }

    // MARK: kubeconfigs

    mutating func readKubeconfigs() {
        var paths: [String] = []
        for entry in NodeCandidates.kubeconfigs {
            search(entry.path, for: "kubeconfigs")
            if root.exists(entry.path) { paths.append(entry.path) }
        }
        for entry in NodeCandidates.kubeconfigFolders {
            search(entry.path, for: "kubeconfigs")
            for name in root.list(entry.path) ?? [] where name.hasSuffix(".kubeconfig") || name.hasSuffix(".conf") {
                paths.append(entry.path + "/" + name)
            }
        }
        let kubeconfigFlags: Set<String> = ["kubeconfig", "bootstrap-kubeconfig", "authentication-kubeconfig", "authorization-kubeconfig",
                                            "audit-webhook-config-file", "authentication-token-webhook-config-file", "authorization-webhook-config-file"]
        for (_, arguments) in componentArguments {
            for (flag, path) in NodeValues.pathFlags(in: arguments) where kubeconfigFlags.contains(flag) {
                search(path, for: "kubeconfigs")
                if root.exists(path) { paths.append(path) }
            }
        }
        var seen: Set<String> = []
        for path in paths where seen.insert(path).inserted {
            guard let bytes = recordFile(path, role: .kubeconfig, content: true, limit: 1 << 20) else { continue }
            for object in parseDocuments(bytes, path: path) where object.kind == "Config" {
                var redacted = object
                redacted.value = NodeValues.redact(object.value)
                inventory.add(redacted)
            }
        }
    }

    // MARK: certificates and keys

    mutating func readPKI() {
        for entry in NodeCandidates.pkiFolders {
            search(entry.path, for: "pki")
            let top = root.resolve(entry.path)
            walk(entry.path, depth: 0) { collection, path in
                // A link to a file in the same folder (kubelet-client-current.pem) is that file: judged once.
                let target = collection.root.resolve(path)
                if target != path && target.hasPrefix(top + "/") && NodeValues.basename(target) != NodeValues.basename(path) { return }
                let name = NodeValues.basename(path)
                let lower = name.lowercased()
                guard [".crt", ".key", ".pem", ".cert", ".pub"].contains(where: lower.hasSuffix) else { return }
                collection.recordCredentialFile(path)
            }
        }
        // Certificates and keys named by component flags (and the kubelet config's file fields).
        for (_, arguments) in componentArguments {
            for (flag, path) in NodeValues.pathFlags(in: arguments) {
                let lower = path.lowercased()
                let isCredentialFlag = flag.hasSuffix("-file") || flag.hasSuffix("File") || flag.hasSuffix("cafile") || flag.hasSuffix("certfile") || flag.hasSuffix("keyfile")
                    || flag.hasSuffix("-certificate") || flag.hasSuffix("-key") || flag.hasSuffix("-authority")
                guard isCredentialFlag, [".crt", ".key", ".pem", ".cert"].contains(where: lower.hasSuffix) else { continue }
                search(path, for: "pki")
                if root.exists(path) { recordCredentialFile(path) }
            }
        }
    }

    /// A certificate, key or both: classified by content (PEM block types), else by name. Only the
    /// certificate blocks are kept; a key's content never leaves this function.
    mutating func recordCredentialFile(_ path: String) {
        if files[path]?["role"]?.string == NodeFileRole.certificate.rawValue || files[path]?["role"]?.string == NodeFileRole.privateKey.rawValue { return }
        let lower = path.lowercased()
        let guess: NodeFileRole = lower.hasSuffix(".key") ? .privateKey : lower.hasSuffix(".pub") ? .other : .certificate
        let bytes = recordFile(path, role: guess == .other ? .other : guess, content: true, limit: 1 << 20)
        guard let bytes else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        let pem = PEMBlocks(text)
        var role = guess
        if pem.hasPrivateKey { role = .privateKey } else if !pem.certificates.isEmpty { role = .certificate }
        setFileField(path, "role", .string(role.rawValue))
        if !pem.certificates.isEmpty { setFileField(path, "certificatesPEM", .string(pem.certificates.joined(separator: "\n") + "\n")) }
        if role == .privateKey { setFileField(path, "containsPrivateKey", true) }
        if pem.certificates.isEmpty && !pem.hasPrivateKey && !pem.hasPublicKey && role != .other {
            setFileField(path, "error", "not PEM")
        }
    }

    // MARK: CNI

    mutating func readCNI() {
        for entry in NodeCandidates.cniFolders {
            search(entry.path, for: "cni")
            for name in root.list(entry.path) ?? [] where name.hasSuffix(".conf") || name.hasSuffix(".conflist") || name.hasSuffix(".json") {
                recordFile(entry.path + "/" + name, role: .cniConfig)
            }
        }
    }

    // MARK: etcd data

    /// The etcd data directory (`--data-dir`, default /var/lib/etcd) when etcd runs here; recorded
    /// as a NodeFile with `purpose: etcdDataDir` for the mode check (CIS 1.1.11/1.1.12).
    var etcdDataDirFromEnvironment: String?

    mutating func readEtcdDataDirectory() {
        guard let arguments = componentArguments.first(where: { $0.component == "etcd" })?.arguments else { return }
        let path = NodeValues.flag("data-dir", in: arguments) ?? etcdDataDirFromEnvironment ?? "/var/lib/etcd"
        search(path, for: "etcdData")
        guard root.isDirectory(path) else { return }
        recordFile(path, role: .other)
        setFileField(path, "purpose", "etcdDataDir")
        setFileField(path, "directory", true)
    }

    /// Visits regular files under a folder, at most four levels deep.
    mutating func walk(_ folder: String, depth: Int, _ visit: (inout NodeCollection, String) -> Void) {
        guard depth < 4, root.isDirectory(folder), let names = root.list(folder) else { return }
        for name in names {
            let path = folder + "/" + name
            guard let status = root.status(path) else { continue }
            if status.isDirectory { walk(path, depth: depth + 1, visit) } else if status.isRegular { visit(&self, path) }
        }
    }

    // MARK: host facts

    func hostObject() -> KubeObject {
        var m = baseObject(kind: "NodeHost", name: nodeName)
        m.set("root", .string(root.description))
        var notRead = self.notRead
        var host = HostFacts(root: root)
        host.read()
        if let loaded = host.loaded { m.set("kernelModules", ["loaded": NodeValues.strings(loaded), "source": "/proc/modules"]) }
        if let modprobe = host.modprobe {
            m.set("modprobe", [
                "blacklisted": .array(modprobe.blocks.map { b in
                    ["module": .string(b.module), "directive": .string(b.directive), "file": .string(b.file), "line": .int(b.line)]
                }),
                "sources": NodeValues.strings(modprobe.sources),
            ])
        }
        if let selinux = host.selinux { m.set("selinux", ["enforce": .string(selinux), "source": .string(HostFacts.selinuxPath)]) }
        if let apparmor = host.apparmor { m.set("apparmor", ["enabled": .string(apparmor), "source": .string(HostFacts.apparmorPath)]) }
        m.set("sysfs", .bool(host.sysfsPresent))
        notRead += host.notRead
        var searched = self.searched
        for path in host.searched where !searched.contains(path) { searched.append(path) }
        m.set("searched", NodeValues.strings(searched))
        var by = Mapping()
        for key in searchedFor.keys.sorted() { by.set(key, NodeValues.strings(searchedFor[key] ?? [])) }
        m.set("searchedFor", .mapping(by))
        var reasons = Mapping()
        for (field, reason) in notRead where reasons[field] == nil { reasons.set(field, .string(reason)) }
        m.set("notRead", .mapping(reasons))
        m.set("distributions", NodeValues.strings(distributions))
        let components = Set(staticPodComponents.keys).union(componentArguments.map(\.component)).sorted()
        m.set("components", NodeValues.strings(components))
        return KubeObject(.mapping(m), source: SourceLocation(file: root.description, document: 0, line: 1))
    }
}
