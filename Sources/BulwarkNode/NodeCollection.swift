import BulwarkModel
import BulwarkInputs

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
    /// etcd's data directory from its ETCD_DATA_DIR, when the process sets it that way.
    var etcdDataDirFromEnvironment: String?

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
        let status: NodeRoot.FileStatus
        switch root.statusResult(path) {
        case .success(let s): status = s
        case .failure(let e):
            m.set("error", .string(e.message))
            if !e.isMissing { issue(path, "cannot read: \(e.message)") }
            files[path] = m
            return nil
        }
        if let resolved = root.resolve(path), resolved != path { m.set("linkTarget", .string(resolved)) }
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
    /// the node's file and flags naming the same path match it. Every document is redacted here,
    /// before anything keeps it: static pod manifests, kubeconfigs, kubelet and encryption configs.
    mutating func parseDocuments(_ bytes: [UInt8], path: String) -> [KubeObject] {
        let result = ManifestReader().parse(bytes, file: path)
        for i in result.issues { inventory.add(issue: i) }
        return result.objects.map { object in
            var redacted = object
            redacted.value = CredentialRedaction.redact(object: object.value)
            return redacted
        }
    }
}
