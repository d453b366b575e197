import Foundation
import BulwarkModel

/// One kustomization file as far as Bulwark needs it: what it references, and whether it is a
/// `Component`. Paths are absolute and standardized so references from different folders compare.
struct Kustomization: Sendable, Equatable {
    /// The folder holding the kustomization file (absolute).
    var directory: String
    /// The kustomization file itself (absolute).
    var file: String
    var isComponent: Bool
    /// `resources` and `bases` entries that are local folders, and `components` (absolute).
    var folderReferences: [String] = []
    /// Local `components` folders (absolute); a subset of `folderReferences`.
    var componentReferences: [String] = []
    /// `resources` and `crds` entries that are local files: objects in their own right.
    var resourceFiles: [String] = []
    /// Files that are not whole objects: patches, transformer/generator/replacement configs, openapi.
    var patchFiles: [String] = []
    /// `resources`, `bases` or `components` entries that name something remote (URL, git ref).
    var remoteReferences: [String] = []
    /// `namespace`, `namePrefix`, `nameSuffix`: kept so rendered objects can be traced to their source.
    var namePrefix = ""
    var nameSuffix = ""

    /// The names kustomize accepts for a kustomization file, in its own order of preference.
    static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// The kustomization file in `directory`, if any.
    static func file(in directory: String) -> String? {
        for name in fileNames {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { return path }
        }
        return nil
    }

    /// Whether a reference names something kustomize would fetch over the network: a URL, an scp-like
    /// git address, or a `host/org/repo` path on a known forge (kustomize's own remote syntax).
    static func isRemote(_ reference: String) -> Bool {
        let lower = reference.lowercased()
        if lower.contains("://") { return true }
        if lower.hasPrefix("git@") || lower.hasPrefix("git::") || lower.hasPrefix("ssh:") { return true }
        for forge in ["github.com/", "gitlab.com/", "bitbucket.org/", "dev.azure.com/", "gitee.com/"] where lower.hasPrefix(forge) {
            return true
        }
        if lower.contains("?ref=") || lower.contains("?version=") || lower.contains(".git//") { return true }
        return false
    }

    /// Reads the kustomization of `directory`; nil when there is none or it is not a mapping.
    static func load(directory: String, maxBytes: Int) -> Kustomization? {
        guard let file = file(in: directory) else { return nil }
        guard case .success(let bytes) = InputFile.read(file, limit: maxBytes),
              let value = try? TreeParser.parse(bytes), value.mapping != nil else { return nil }
        return Kustomization(directory: directory, file: file, value: value)
    }

    init(directory: String, file: String, value: Value) {
        self.directory = directory
        self.file = file
        self.isComponent = value["kind"]?.string == "Component"
        namePrefix = value["namePrefix"]?.string ?? ""
        nameSuffix = value["nameSuffix"]?.string ?? ""
        let fm = FileManager.default
        func resolve(_ entry: String) -> String {
            URL(fileURLWithPath: entry, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
        }
        func strings(_ key: String) -> [String] { value[key]?.array?.compactMap(\.string) ?? [] }
        // `resources` and `bases` may be files or folders; `components` are folders.
        for (key, isComponentList) in [("resources", false), ("bases", false), ("components", true)] {
            for entry in strings(key) {
                if Self.isRemote(entry) { remoteReferences.append(entry); continue }
                let path = resolve(entry)
                var isDirectory: ObjCBool = false
                let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
                if isComponentList || (exists && isDirectory.boolValue) {
                    folderReferences.append(path)
                    if isComponentList { componentReferences.append(path) }
                } else {
                    resourceFiles.append(path)
                }
            }
        }
        resourceFiles += strings("crds").map(resolve)
        // A patch given inline (a string holding a newline) is not a file.
        func fileEntry(_ entry: String) -> String? { entry.contains("\n") || Self.isRemote(entry) ? nil : resolve(entry) }
        patchFiles += strings("patchesStrategicMerge").compactMap(fileEntry)
        for key in ["patches", "patchesJson6902", "replacements"] {
            for item in value[key]?.array ?? [] {
                if let path = item["path"]?.string { patchFiles.append(resolve(path)) }
                else if let entry = item.string, let path = fileEntry(entry) { patchFiles.append(path) }
            }
        }
        for key in ["configurations", "transformers", "generators", "validators"] {
            patchFiles += strings(key).compactMap(fileEntry)
        }
        if let openapi = value["openapi"]?["path"]?.string { patchFiles.append(resolve(openapi)) }
    }
}

/// The kustomizations of one folder tree, how they reference each other, and which of them are
/// roots: a kustomization no other kustomization in the tree references, and not a `Component`
/// (a Component only means something inside the kustomization that names it).
struct KustomizationTree: Sendable {
    /// Every kustomization found in the tree, by folder (absolute).
    var inTree: [String: Kustomization] = [:]
    /// Kustomizations outside the tree that ones inside it reference (`../../base`), by folder.
    var outside: [String: Kustomization] = [:]

    init(directories: [String], maxBytes: Int) {
        for directory in directories {
            if let k = Kustomization.load(directory: directory, maxBytes: maxBytes) { inTree[directory] = k }
        }
    }

    func kustomization(_ directory: String) -> Kustomization? { inTree[directory] ?? outside[directory] }

    /// Folders referenced by some kustomization of the tree.
    var referenced: Set<String> { Set(inTree.values.flatMap(\.folderReferences)) }

    /// The root kustomizations, in folder order.
    var roots: [Kustomization] {
        let referenced = referenced
        return inTree.values.filter { !$0.isComponent && !referenced.contains($0.directory) }
            .sorted { $0.directory < $1.directory }
    }

    /// Loads the kustomizations outside the tree that the tree's kustomizations reach.
    mutating func loadReachable(maxBytes: Int) {
        var pending = inTree.values.flatMap(\.folderReferences)
        var seen = Set(inTree.keys)
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            guard let k = Kustomization.load(directory: next, maxBytes: maxBytes) else { continue }
            outside[next] = k
            pending += k.folderReferences
        }
    }

    /// Every kustomization `root` builds on, itself included (cycles and missing folders tolerated).
    func closure(of root: Kustomization) -> [Kustomization] {
        var out: [Kustomization] = []
        var seen: Set<String> = []
        var pending = [root.directory]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let k = kustomization(next) else { continue }
            out.append(k)
            pending += k.folderReferences
        }
        return out
    }

    /// Files that are not objects in their own right in the tree: kustomization files, every file
    /// a kustomization names as a patch or configuration, and every file of a Component (its
    /// resources are only added where a kustomization enables the component).
    var setAsideFiles: Set<String> {
        var files: Set<String> = []
        for k in inTree.values {
            files.insert(k.file)
            files.formUnion(k.patchFiles)
            if k.isComponent { files.formUnion(k.resourceFiles) }
        }
        return files
    }
}
