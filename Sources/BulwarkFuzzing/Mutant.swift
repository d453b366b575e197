import Foundation
import BulwarkModel
import BulwarkInputs

/// One fuzz input: the manifest files of one project (documents kept together, so a Role and its
/// binding, a policy and its pods still meet), optionally a node tree and a snapshot document.
public struct Mutant: Sendable, Equatable {
    /// A manifest file: parsed documents (written back as a YAML stream of JSON documents), or raw
    /// bytes for files that did not parse.
    public struct File: Sendable, Equatable {
        public var name: String
        public var documents: [Value]
        public var raw: [UInt8]?
        /// The file as it was in the corpus, written while no document of it is mutated (faster to
        /// parse than documents written back, and the original layout keeps line numbers real).
        public var original: [UInt8]?

        public init(name: String, documents: [Value], raw: [UInt8]? = nil, original: [UInt8]? = nil) {
            self.name = name; self.documents = documents; self.raw = raw; self.original = original
        }

        public var bytes: [UInt8] {
            if let raw { return raw }
            if let original { return original }
            if name.hasSuffix(".json"), documents.count == 1 { return Array(FuzzJSON.text(documents[0]).utf8) }
            var out = ""
            for d in documents { out += "---\n"; out += FuzzJSON.text(d); out += "\n" }
            return Array(out.utf8)
        }
    }

    /// A file of a node tree, relative to the root.
    public struct NodeFile: Sendable, Equatable {
        public var path: String
        public var bytes: [UInt8]
        public init(path: String, bytes: [UInt8]) { self.path = path; self.bytes = bytes }
    }

    public var origin: String
    public var files: [File]
    /// Set for node mutants: the tree `bulwark node --root` reads.
    public var node: [NodeFile]?
    /// Set for snapshot mutants: the snapshot document `scan --snapshot` reads.
    public var snapshot: Value?
    /// Set for audit-log mutants: the lines `bulwark audit-log` reads (JSON lines, some byte-mutated).
    public var audit: [[UInt8]]?

    public init(origin: String, files: [File], node: [NodeFile]? = nil, snapshot: Value? = nil, audit: [[UInt8]]? = nil) {
        self.origin = origin; self.files = files; self.node = node; self.snapshot = snapshot; self.audit = audit
    }

    /// The audit log file: the lines, each ended by a newline.
    public var auditBytes: [UInt8]? {
        audit.map { lines in lines.flatMap { $0 + [10] } }
    }

    public var documentCount: Int { files.reduce(0) { $0 + $1.documents.count } }
}

// MARK: - On disk

extension Mutant {
    /// Writes the mutant as a directory: manifests/…, node/… and snapshot.json. Fixtures use this form.
    public func write(to directory: String) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory + "/manifests", withIntermediateDirectories: true)
        try Data(origin.utf8).write(to: URL(fileURLWithPath: directory + "/origin.txt"))
        for (i, f) in files.enumerated() {
            try Data(f.bytes).write(to: URL(fileURLWithPath: directory + "/manifests/" + Self.flatName(i, f.name)))
        }
        if let node {
            for f in node {
                let path = directory + "/node/" + f.path
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(f.bytes).write(to: URL(fileURLWithPath: path))
            }
            try fm.createDirectory(atPath: directory + "/node", withIntermediateDirectories: true)
        }
        if let snapshot {
            try Data(FuzzJSON.text(snapshot).utf8).write(to: URL(fileURLWithPath: directory + "/snapshot.json"))
        }
        if let auditBytes {
            try Data(auditBytes).write(to: URL(fileURLWithPath: directory + "/audit.log"))
        }
    }

    /// A file name that keeps the original's extension and cannot collide or climb out of the folder.
    static func flatName(_ index: Int, _ name: String) -> String {
        let base = (name as NSString).lastPathComponent
        let cleaned = String(base.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(60))
        let ext = cleaned.hasSuffix(".json") ? "" : (cleaned.hasSuffix(".yaml") || cleaned.hasSuffix(".yml") ? "" : ".yaml")
        return String(format: "%03d-", index) + cleaned + ext
    }

    /// Reads a directory written by `write(to:)` (manifest files as raw bytes, re-parsed as documents
    /// where they parse, so minimisation can work on them).
    public static func read(directory: String) throws -> Mutant {
        let fm = FileManager.default
        let origin = (try? String(contentsOfFile: directory + "/origin.txt", encoding: .utf8)) ?? directory
        var files: [File] = []
        let manifestDir = directory + "/manifests"
        for name in ((try? fm.contentsOfDirectory(atPath: manifestDir)) ?? []).sorted() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: manifestDir + "/" + name)))
            files.append(File(name: name, documents: [], raw: bytes))
        }
        var node: [NodeFile]?
        let nodeDir = directory + "/node"
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: nodeDir, isDirectory: &isDir), isDir.boolValue {
            node = []
            for rel in ((fm.enumerator(atPath: nodeDir)?.allObjects as? [String]) ?? []).sorted() {
                let full = nodeDir + "/" + rel
                guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                node?.append(NodeFile(path: rel, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: full)))))
            }
        }
        var snapshot: Value?
        if let data = fm.contents(atPath: directory + "/snapshot.json") {
            snapshot = rawSnapshot(Array(data))
        }
        let audit = fm.contents(atPath: directory + "/audit.log").map { auditLines(Array($0)) }
        return Mutant(origin: origin, files: files, node: node, snapshot: snapshot, audit: audit)
    }

    /// One file holding the whole mutant, written before each in-process run so a trap leaves it behind.
    public func bundle() -> [UInt8] {
        var out: [UInt8] = Array("BWFUZZ1\n".utf8)
        func entry(_ tag: String, _ path: String, _ bytes: [UInt8]) {
            let p = Array(path.utf8)
            out += Array("\(tag) \(p.count) \(bytes.count)\n".utf8)
            out += p
            out += bytes
        }
        entry("o", "origin", Array(origin.utf8))
        for f in files { entry("m", f.name, f.bytes) }
        for f in node ?? [] { entry("n", f.path, f.bytes) }
        if node != nil { entry("N", "", []) }
        if let snapshot { entry("s", "snapshot.json", Array(FuzzJSON.text(snapshot).utf8)) }
        if let auditBytes { entry("a", "audit.log", auditBytes) }
        return out
    }

    public static func unbundle(_ bytes: [UInt8]) -> Mutant? {
        let magic = Array("BWFUZZ1\n".utf8)
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { return nil }
        var i = magic.count
        var m = Mutant(origin: "", files: [])
        while i < bytes.count {
            guard let nl = bytes[i...].firstIndex(of: 10) else { return nil }
            let header = String(decoding: bytes[i..<nl], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
            guard header.count == 3, let pl = Int(header[1]), let bl = Int(header[2]), pl >= 0, bl >= 0,
                  nl + 1 + pl + bl <= bytes.count else { return nil }
            let path = String(decoding: bytes[(nl + 1)..<(nl + 1 + pl)], as: UTF8.self)
            let body = Array(bytes[(nl + 1 + pl)..<(nl + 1 + pl + bl)])
            switch header[0] {
            case "o": m.origin = String(decoding: body, as: UTF8.self)
            case "m": m.files.append(File(name: path, documents: [], raw: body))
            case "n": m.node = (m.node ?? []) + [NodeFile(path: path, bytes: body)]
            case "N": if m.node == nil { m.node = [] }
            case "s": m.snapshot = rawSnapshot(body)
            case "a": m.audit = auditLines(body)
            default: return nil
            }
            i = nl + 1 + pl + bl
        }
        return m
    }

    /// An audit log file cut back into its lines (the newline that ends each dropped).
    static func auditLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Snapshot text kept byte for byte (written back bare by FuzzJSON); `structured()` parses it.
    static func rawSnapshot(_ bytes: [UInt8]) -> Value {
        .string(FuzzJSON.rawNumberPrefix + String(decoding: bytes, as: UTF8.self))
    }

    /// Raw files re-parsed into documents where they parse, so that minimisation can drop objects and keys.
    public func structured() -> Mutant {
        var copy = self
        copy.files = files.map { f in
            guard let raw = f.raw else { return f }
            let docs = Corpus.parseDocuments(raw, name: f.name)
            // Only when writing the documents back gives the same objects (the file parsed cleanly).
            guard !docs.isEmpty, Corpus.parseDocuments(File(name: f.name, documents: docs).bytes, name: f.name) == docs,
                  Corpus.cleanlyParsed(raw, name: f.name) else { return f }
            return File(name: f.name, documents: docs)
        }
        if case .string(let s) = snapshot ?? .null, s.hasPrefix(FuzzJSON.rawNumberPrefix),
           let parsed = try? TreeParser.parse(Array(s.dropFirst(FuzzJSON.rawNumberPrefix.count).utf8), json: true) {
            copy.snapshot = parsed
        }
        return copy
    }
}

/// JSON text of a mutated tree. Unlike `Value.jsonText` it can write number tokens no `Value`
/// holds (1e999, 99999999999999999999): a string starting with `rawNumberPrefix` is written bare.
public enum FuzzJSON {
    public static let rawNumberPrefix = "\u{1}num:"

    public static func text(_ value: Value) -> String {
        var out = ""
        write(value, &out)
        return out
    }

    static func write(_ value: Value, _ out: inout String) {
        switch value {
        case .string(let s) where s.hasPrefix(rawNumberPrefix):
            out += s.dropFirst(rawNumberPrefix.count)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, &out)
            }
            out += "]"
        case .mapping(let m):
            out += "{"
            for (i, e) in m.entries.enumerated() {
                if i > 0 { out += "," }
                out += Value.jsonQuoted(e.key)
                out += ":"
                write(e.value, &out)
            }
            out += "}"
        default:
            out += value.jsonText
        }
    }
}
