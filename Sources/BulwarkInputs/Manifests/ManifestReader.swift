import Foundation
import BulwarkModel

/// Reads manifests — YAML (multi-document) and JSON, `List`s and `*List`s — into an inventory.
/// Files are parsed in parallel; every problem becomes an input issue naming file, document and
/// line, and never stops the rest of the input from being read.
public struct ManifestReader: Sendable {
    /// Inputs larger than this are refused with an error naming them (`--max-input-bytes`).
    public var maxFileBytes: Int

    /// Decides per YAML document, from its text alone, whether to parse it; nil parses every document.
    /// Skipped documents are counted, not read (see `NamespaceScopedReader`).
    var documentFilter: (@Sendable (UnsafeBufferPointer<UInt8>) -> Bool)?

    /// When set, folders holding a kustomization or a Helm chart are read as they render (see
    /// `RenderPlan`); nil reads every file as it is.
    public var render: RenderSettings?

    public init(maxFileBytes: Int = InputFile.defaultLimit, render: RenderSettings? = nil) {
        self.maxFileBytes = maxFileBytes
        self.render = render
    }

    /// Reads every file behind `paths` (`-` is standard input).
    public func read(_ paths: [String]) -> Inventory { readCounting(paths).inventory }

    /// The inventory, and how many documents `documentFilter` left unread.
    func readCounting(_ paths: [String]) -> (inventory: Inventory, skippedDocuments: Int) {
        let files: [String], expandIssues: [InputIssue], renderedResults: [FileResult]
        if let render {
            let plan = RenderPlan(paths: paths, settings: render, reader: self)
            (files, expandIssues, renderedResults) = (plan.rawFiles, plan.issues, plan.rendered)
        } else {
            (files, expandIssues) = ManifestFiles.expand(paths)
            renderedResults = []
        }
        let results = renderedResults + ParallelMap.map(files) { file in readFile(file) }
        var inventory = Inventory(issues: expandIssues)
        var skipped = 0
        for result in results {
            for o in result.objects { inventory.add(o) }
            for i in result.issues { inventory.add(issue: i) }
            skipped += result.skippedDocuments
        }
        return (inventory, skipped)
    }

    public struct FileResult: Sendable {
        public var objects: [KubeObject]
        public var issues: [InputIssue]
        /// Documents the reader's `documentFilter` left unread.
        public var skippedDocuments = 0
    }

    public func readFile(_ file: String) -> FileResult {
        switch InputFile.read(file, limit: maxFileBytes, rejectNUL: true) {
        case .failure(let error):
            // `-` is the file name other issues use too; the message says what it is.
            return FileResult(objects: [], issues: [InputIssue(file: file, message: file == "-" ? "standard input: " + error.message : error.message)])
        case .success(let bytes):
            return parse(bytes, file: file)
        }
    }

    /// Parses one file's bytes.
    public func parse(_ bytes: [UInt8], file: String) -> FileResult {
        if bytes.count > maxFileBytes {
            return FileResult(objects: [], issues: [InputIssue(
                file: file, message: "input is \(bytes.count) bytes, over the \(maxFileBytes)-byte limit; not read")])
        }
        var objects: [KubeObject] = []
        var issues: [InputIssue] = []
        var skipped = 0
        var documentIndex = 0
        func take(_ parsed: ParsedDocument) {
            switch parsed {
            case .failure(let line, let message):
                issues.append(InputIssue(file: file, document: documentIndex, line: line, message: message))
            case .document(let value, let line, let warnings):
                for w in warnings {
                    issues.append(InputIssue(file: file, document: documentIndex, line: w.line, level: .warning, message: w.message))
                }
                let (found, problems) = ObjectExtractor.objects(from: value, file: file, document: documentIndex, line: line)
                objects += found
                issues += problems
            }
            documentIndex += 1
        }
        bytes.withUnsafeBufferPointer { all in
            if Self.isJSON(all, file: file) {
                let documents = JSONTreeBuilder.parse(all)
                // A `.yaml` file that merely starts with `{` may be YAML flow style: read it as YAML then.
                if file.lowercased().hasSuffix(".json") || !documents.contains(where: \.isFailure) {
                    documents.forEach(take)
                    return
                }
            }
            for chunk in DocumentSplitter.split(all) {
                let slice = UnsafeBufferPointer(rebasing: all[chunk.range])
                if let documentFilter, !documentFilter(slice) {
                    // The filter only skips a chunk it has read as exactly one document.
                    skipped += 1
                    documentIndex += 1
                    continue
                }
                YAMLTreeBuilder.parse(slice, lineOffset: chunk.lineOffset).forEach(take)
            }
        }
        return FileResult(objects: objects, issues: issues, skippedDocuments: skipped)
    }

    /// JSON by name, or by content as kubectl decides: the first non-blank character is `{` or `[`.
    static func isJSON(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> Bool {
        if file.lowercased().hasSuffix(".json") { return true }
        for b in bytes {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return true
            default: return false
            }
        }
        return false
    }
}
