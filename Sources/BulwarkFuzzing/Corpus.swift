import Foundation
import BulwarkModel
import BulwarkInputs

/// The seeds of mutation: real manifests parsed once, grouped into units that are mutated whole.
/// A unit is the manifests of one folder of a project (files that sit together are deployed
/// together: a Role next to its RoleBinding, a NetworkPolicy next to its pods), or a whole project
/// when it is small. Folders holding more than `maxFilesPerUnit` files are cut into consecutive runs.
public struct Corpus: Sendable {
    public struct Unit: Sendable {
        public var name: String
        public var files: [Mutant.File]
    }

    public var units: [Unit]
    /// The node tree to mutate (examples/node), relative paths and bytes.
    public var nodeTree: [Mutant.NodeFile]

    static let maxFilesPerUnit = 40
    static let maxProjectBytes = 200_000
    static let maxUnitBytes = 120_000

    /// `roots`: folders each holding project folders (the shared corpus) or being one (examples/…).
    public static func load(projectDirectories: [String], nodeTree: String?) -> Corpus {
        var units: [Unit] = []
        for project in projectDirectories.sorted() {
            let files = manifestFiles(under: project)
            var parsed: [(dir: String, file: Mutant.File, size: Int)] = []
            for path in files {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let bytes = Array(data)
                let rel = String(path.dropFirst(project.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                let docs = parseDocuments(bytes, name: rel)
                // Files that do not parse are kept byte for byte: the reader must survive them too.
                let file = docs.isEmpty || !cleanlyParsed(bytes, name: rel)
                    ? Mutant.File(name: rel, documents: [], raw: bytes)
                    : Mutant.File(name: rel, documents: docs, original: bytes)
                parsed.append(((rel as NSString).deletingLastPathComponent, file, bytes.count))
            }
            let projectName = (project as NSString).lastPathComponent
            if parsed.reduce(0, { $0 + $1.size }) <= maxProjectBytes, !parsed.isEmpty {
                units.append(Unit(name: projectName, files: parsed.map(\.file)))
            }
            let byDir = Dictionary(grouping: parsed, by: \.dir)
            for dir in byDir.keys.sorted() {
                let group = byDir[dir] ?? []
                // Consecutive runs of files, each at most maxFilesPerUnit files and maxUnitBytes
                // (a file larger than that is a unit of its own).
                var start = 0
                while start < group.count {
                    var end = start + 1
                    var bytes = group[start].size
                    while end < group.count, end - start < maxFilesPerUnit, bytes + group[end].size <= maxUnitBytes {
                        bytes += group[end].size
                        end += 1
                    }
                    units.append(Unit(name: "\(projectName)/\(dir)#\(start)", files: group[start..<end].map(\.file)))
                    start = end
                }
            }
        }
        var tree: [Mutant.NodeFile] = []
        if let nodeTree {
            let fm = FileManager.default
            for rel in ((fm.enumerator(atPath: nodeTree)?.allObjects as? [String]) ?? []).sorted() {
                var isDir: ObjCBool = false
                let full = nodeTree + "/" + rel
                guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                      let data = fm.contents(atPath: full) else { continue }
                tree.append(Mutant.NodeFile(path: rel, bytes: Array(data)))
            }
        }
        return Corpus(units: units, nodeTree: tree)
    }

    static func manifestFiles(under root: String) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for rel in (fm.enumerator(atPath: root)?.allObjects as? [String]) ?? [] {
            let lower = rel.lowercased()
            guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") else { continue }
            var isDir: ObjCBool = false
            let full = root + "/" + rel
            if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { out.append(full) }
        }
        return out.sorted()
    }

    /// The objects of a manifest file as trees (nothing when it does not parse).
    public static func parseDocuments(_ bytes: [UInt8], name: String) -> [Value] {
        ManifestReader().parse(bytes, file: name).objects.map(\.value)
    }

    static func cleanlyParsed(_ bytes: [UInt8], name: String) -> Bool {
        ManifestReader().parse(bytes, file: name).issues.isEmpty
    }

    /// The project folders of the shared corpus and the example folders of the repository.
    public static func defaultProjects(corpus: String, examples: String) -> [String] {
        var dirs: [String] = []
        let fm = FileManager.default
        for root in [corpus, examples] {
            for name in ((try? fm.contentsOfDirectory(atPath: root)) ?? []).sorted() where name != "node" {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: root + "/" + name, isDirectory: &isDir), isDir.boolValue { dirs.append(root + "/" + name) }
            }
        }
        return dirs
    }
}
