import Foundation
import BulwarkModel

/// Reads and writes snapshot files: JSON, gzip-compressed when the name ends `.gz` (reading
/// recognises gzip by its magic bytes whatever the name).
public enum SnapshotFile {
    public struct Failure: Error, CustomStringConvertible {
        public var file: String
        public var message: String
        public var description: String { "\(file): \(message)" }
    }

    /// Snapshots may expand to at most this many bytes when decompressed.
    public static let maxBytes = InputFile.defaultLimit

    /// The snapshot's whole JSON text (small snapshots, tests); `write` streams the same text.
    public static func encode(_ snapshot: Snapshot) -> String {
        var text = ""
        encode(snapshot) { text += $0 }
        return text
    }

    /// Emits the JSON text in pieces: the header, then one object per piece, so that a writer
    /// never holds the whole text.
    static func encode(_ snapshot: Snapshot, _ emit: (String) throws -> Void) rethrows {
        var root = Mapping()
        root.set("schemaVersion", .string(Snapshot.currentSchemaVersion))
        root.set("createdAt", .string(snapshot.createdAt))
        root.set("source", ["kind": .string(snapshot.source.kind), "description": .string(snapshot.source.description)])
        root.set("serverVersion", snapshot.serverVersion.map(Value.string) ?? .null)
        root.set("discovery", snapshot.discovery)
        root.set("forbidden", .array(snapshot.forbidden.map { f in
            var entry = Mapping()
            entry.set("group", .string(f.group))
            entry.set("resource", .string(f.resource))
            entry.set("kind", .string(f.kind))
            entry.set("namespace", .string(f.namespace))
            entry.set("reason", .string(f.reason))
            if f.failed { entry.set("failed", true) }
            return .mapping(entry)
        }))
        root.set("kubeletConfigz", .array(snapshot.kubeletConfigz.map { ["node": .string($0.node), "config": $0.config] }))
        // One object per line keeps the file diff-able and lets errors name a useful line.
        try emit(String(Value.mapping(root).jsonText.dropLast()) + ",\"objects\":[\n")
        for (i, object) in snapshot.objects.enumerated() {
            try emit(i == 0 ? object.jsonText : ",\n" + object.jsonText)
        }
        try emit("\n]}\n")
    }

    /// Writes the snapshot to `path` (gzip when it ends `.gz`), object by object through a 1 MiB
    /// buffer, so that memory holds the objects but never the whole text.
    public static func write(_ snapshot: Snapshot, to path: String) throws(Failure) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Failure(file: path, message: "cannot write: cannot create the file")
        }
        defer { try? handle.close() }
        try write(snapshot, to: handle, gzip: path.hasSuffix(".gz"), name: path)
    }

    /// Streams the snapshot to an open file (or standard output).
    public static func write(_ snapshot: Snapshot, to handle: FileHandle, gzip: Bool, name: String) throws(Failure) {
        do {
            let compressor = gzip ? try GzipStream() : nil
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            func put(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }
            func flush(finish: Bool) throws {
                if let compressor { try compressor.compress(buffer, finish: finish, output: put) } else if !buffer.isEmpty { try put(buffer) }
                buffer.removeAll(keepingCapacity: true)
            }
            try encode(snapshot) { piece in
                buffer.append(contentsOf: piece.utf8)
                if buffer.count >= 1 << 20 { try flush(finish: false) }
            }
            try flush(finish: true)
        } catch let error as Gzip.Failure {
            throw Failure(file: name, message: error.description)
        } catch {
            throw Failure(file: name, message: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads a snapshot file, at most `limit` bytes of it and of its decompressed JSON.
    public static func read(_ path: String, limit: Int = maxBytes) throws(Failure) -> Snapshot {
        var bytes: [UInt8]
        switch InputFile.read(path, limit: limit) {
        case .success(let b): bytes = b
        case .failure(let e): throw Failure(file: path, message: e.message)
        }
        if Gzip.isCompressed(bytes) {
            do { bytes = try Gzip.decompress(bytes, limit: limit) } catch { throw Failure(file: path, message: error.description) }
        }
        return try decode(bytes, file: path)
    }

    public static func decode(_ bytes: [UInt8], file: String) throws(Failure) -> Snapshot {
        let root: Value
        do { root = try TreeParser.parse(bytes, json: true) } catch {
            throw Failure(file: file, message: error.description)
        }
        guard let version = root["schemaVersion"]?.string else {
            throw Failure(file: file, message: "not a Bulwark snapshot (no schemaVersion)")
        }
        guard version == Snapshot.currentSchemaVersion else {
            throw Failure(file: file, message: "snapshot schema \(version) is not supported (this version reads \(Snapshot.currentSchemaVersion))")
        }
        guard let objects = root["objects"]?.array else {
            throw Failure(file: file, message: "objects must be an array")
        }
        let source = Snapshot.Source(kind: root["source"]?["kind"]?.string ?? "unknown",
                                     description: root["source"]?["description"]?.string ?? "")
        let forbidden = (root["forbidden"]?.array ?? []).map {
            Snapshot.Forbidden(group: $0["group"]?.string ?? "", resource: $0["resource"]?.string ?? "",
                               kind: $0["kind"]?.string.flatMap { $0.isEmpty ? nil : $0 },
                               namespace: $0["namespace"]?.string ?? "", reason: $0["reason"]?.string ?? "",
                               failed: $0["failed"]?.bool ?? false)
        }
        let configz = (root["kubeletConfigz"]?.array ?? []).compactMap { entry -> (node: String, config: Value)? in
            guard let node = entry["node"]?.string else { return nil }
            return (node, entry["config"] ?? .null)
        }
        var snapshot = Snapshot(createdAt: Date(), source: source, serverVersion: root["serverVersion"]?.string,
                                discovery: root["discovery"] ?? .null, forbidden: forbidden,
                                kubeletConfigz: configz, objects: objects)
        snapshot.createdAt = root["createdAt"]?.string ?? ""
        return snapshot
    }

    /// The snapshot's objects as an inventory. They came from a cluster, not from a file, so they
    /// carry no file location (as in a live scan); objects that are not Kubernetes objects are
    /// input errors naming the snapshot.
    public static func inventory(of snapshot: Snapshot, file: String) -> Inventory {
        var inventory = Inventory()
        for (i, object) in snapshot.objects.enumerated() {
            let (found, issues) = ObjectExtractor.objects(from: object, file: file, document: 0, line: i + 2)
            for o in found { inventory.add(KubeObject(o.value)) }
            for issue in issues { inventory.add(issue: issue) }
        }
        // Recorded in the snapshot, so that its scan leaves the same controls not assessed as the live scan.
        for f in snapshot.forbidden where !f.kind.isEmpty { inventory.add(uncollected: f.uncollected) }
        if let served = servedGroupVersions(snapshot.discovery) { inventory.add(servedGroupVersions: served) }
        return inventory
    }

    /// The group versions in the discovery documents: `/api`'s versions (core, e.g. `v1`) and every
    /// version of every group in `/apis`; nil when the snapshot holds no discovery.
    public static func servedGroupVersions(_ discovery: Value) -> [String]? {
        guard let api = discovery["api"], let apis = discovery["apis"] else { return nil }
        var versions = (api["versions"]?.array ?? []).compactMap(\.string)
        for group in apis["groups"]?.array ?? [] {
            for v in group["versions"]?.array ?? [] {
                if let gv = v["groupVersion"]?.string, !versions.contains(gv) { versions.append(gv) }
            }
        }
        return versions
    }
}
