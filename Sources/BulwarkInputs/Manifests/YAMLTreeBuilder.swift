import BulwarkModel
import CYaml

/// One document out of a YAML stream: its tree, or why it could not be read.
enum ParsedDocument {
    case document(Value, line: Int, warnings: [(line: Int, message: String)])
    case failure(line: Int, message: String)

    var isFailure: Bool { if case .failure = self { return true }; return false }
}

/// Builds `Value` trees straight from libyaml's events. Yams' own tree builder recurses once per
/// nesting level and resolves every key with regexes; this one keeps an explicit stack, bounds
/// depth and alias expansion, and types scalars the way kubectl does.
struct YAMLTreeBuilder {
    /// Deeper documents are refused (libyaml itself stops at 1000).
    static let maxDepth = 512
    /// Aliases may expand a document to at most this many nodes beyond ten times its written size
    /// (a "billion laughs" document is refused, an ordinary use of anchors is not).
    static let aliasAllowance = 100_000

    /// Parses every document in `bytes`; `lineOffset` is the number of lines before `bytes` in its file.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) -> [ParsedDocument] {
        var builder = YAMLTreeBuilder(lineOffset: lineOffset)
        return builder.run(bytes)
    }

    private struct Frame {
        var isMapping: Bool
        var line: Int32
        var anchor: String?
        var startCount: Int
        var items: [Value] = []
        var mapping = MappingBuilder()
        var pendingKey: String?
        var pendingKeyLine: Int32 = 0
        var merges: [Mapping] = []
    }

    private let lineOffset: Int
    private var stack: [Frame] = []
    private var anchors: [String: (value: Value, size: Int)] = [:]
    private var documents: [ParsedDocument] = []
    private var root: Value?
    private var documentLine = 0
    private var warnings: [(line: Int, message: String)] = []
    /// Nodes as written, and nodes after alias expansion.
    private var writtenNodes = 0
    private var expandedNodes = 0
    /// Set when the current document cannot be built; later events of it are skipped.
    private var documentError: (line: Int, message: String)?

    private init(lineOffset: Int) { self.lineOffset = lineOffset }

    private mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> [ParsedDocument] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return [.failure(line: lineOffset + 1, message: "could not start the YAML parser")]
        }
        defer { yaml_parser_delete(&parser) }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        yaml_parser_set_input_string(&parser, base, bytes.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let line = lineOffset + Int(parser.problem_mark.line) + 1
                documents.append(.failure(line: line, message: Self.describeError(parser)))
                return documents
            }
            let type = event.type
            handle(event)
            yaml_event_delete(&event)
            if type == YAML_STREAM_END_EVENT { return documents }
        }
    }

    private func fileLine(_ mark: yaml_mark_t) -> Int32 { Int32(clamping: lineOffset + Int(mark.line) + 1) }

    private mutating func handle(_ event: yaml_event_t) {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            stack.removeAll(keepingCapacity: true)
            anchors.removeAll()
            warnings.removeAll()
            root = nil
            documentError = nil
            writtenNodes = 0
            expandedNodes = 0
            documentLine = Int(fileLine(event.start_mark))
        case YAML_DOCUMENT_END_EVENT:
            if let error = documentError {
                documents.append(.failure(line: error.line, message: error.message))
            } else {
                documents.append(.document(root ?? .null, line: documentLine, warnings: warnings))
            }
            stack.removeAll(keepingCapacity: true)
            anchors.removeAll()
        case YAML_SCALAR_EVENT:
            guard documentError == nil else { return }
            let s = event.data.scalar
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            let value: Value
            if s.style == YAML_PLAIN_SCALAR_STYLE && !Self.isStringTag(s.tag) {
                value = PlainScalar.resolve(text)
            } else {
                value = .string(text)
            }
            writtenNodes += 1
            expandedNodes += 1
            attach(value, keyText: text, line: fileLine(event.start_mark), anchor: Self.string(s.anchor), size: 1)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard documentError == nil else { return }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let line = fileLine(event.start_mark)
            if let top = stack.last, top.isMapping, top.pendingKey == nil {
                fail(line: line, "a mapping key is itself a \(isMapping ? "mapping" : "sequence"); only scalar keys are supported")
                return
            }
            guard stack.count < Self.maxDepth else {
                fail(line: line, "nesting is deeper than \(Self.maxDepth) levels")
                return
            }
            writtenNodes += 1
            expandedNodes += 1
            let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
            stack.append(Frame(isMapping: isMapping, line: line, anchor: anchor, startCount: expandedNodes))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard documentError == nil, let frame = stack.popLast() else { return }
            let value: Value
            if frame.isMapping {
                var entries = frame.mapping.entries
                if !frame.merges.isEmpty {
                    // `<<` merge keys: explicit keys win, then earlier merged mappings.
                    var present = Set(entries.map(\.key))
                    for merged in frame.merges {
                        for e in merged.entries where !present.contains(e.key) {
                            entries.append(e)
                            present.insert(e.key)
                        }
                    }
                }
                value = .mapping(Mapping(entries))
            } else {
                value = .array(frame.items)
            }
            attach(value, keyText: nil, line: frame.line, anchor: frame.anchor, size: expandedNodes - frame.startCount + 1)
        case YAML_ALIAS_EVENT:
            guard documentError == nil else { return }
            let line = fileLine(event.start_mark)
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                fail(line: line, "unknown anchor \"\(name.prefix(64))\"")
                return
            }
            expandedNodes += anchored.size
            if expandedNodes > Self.aliasAllowance + 10 * writtenNodes {
                fail(line: line, "aliases expand this document to more than \(expandedNodes) nodes (possible alias bomb); refusing it")
                return
            }
            var keyText: String?
            if case .string(let s) = anchored.value { keyText = s }
            attach(anchored.value, keyText: keyText ?? anchored.value.scalarKeyText, line: line, anchor: nil, size: anchored.size)
        default:
            break
        }
    }

    private mutating func fail(line: Int32, _ message: String) {
        if documentError == nil { documentError = (Int(line), message) }
        stack.removeAll(keepingCapacity: true)
    }

    /// Places a finished node: as the document root, a sequence item, a mapping key, or a value.
    private mutating func attach(_ value: Value, keyText: String?, line: Int32, anchor: String?, size: Int) {
        if let anchor { anchors[anchor] = (value, size) }
        guard !stack.isEmpty else { root = value; return }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].items.append(value)
            return
        }
        guard let key = stack[top].pendingKey else {
            guard let keyText else {
                fail(line: line, "a mapping key is not a scalar; only scalar keys are supported")
                return
            }
            stack[top].pendingKey = keyText
            stack[top].pendingKeyLine = line
            return
        }
        stack[top].pendingKey = nil
        let keyLine = stack[top].pendingKeyLine
        if key == "<<" {
            switch value {
            case .mapping(let m): stack[top].merges.append(m); return
            case .array(let list) where list.allSatisfy({ $0.mapping != nil }):
                stack[top].merges.append(contentsOf: list.compactMap(\.mapping)); return
            default: break
            }
        }
        if let duplicate = stack[top].mapping.add(key, value, line: keyLine) { warnings.append(duplicate) }
    }

    private static func isStringTag(_ tag: UnsafeMutablePointer<yaml_char_t>?) -> Bool {
        guard let tag else { return false }
        let t = String(cString: tag)
        return t == "tag:yaml.org,2002:str" || t == "!"
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func describeError(_ parser: yaml_parser_t) -> String {
        var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) that started at line \(parser.context_mark.line + 1))"
        }
        switch parser.error {
        case YAML_READER_ERROR: return "invalid text: \(message)"
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR: return "invalid YAML: \(message)"
        case YAML_MEMORY_ERROR: return "out of memory while parsing YAML"
        default: return message
        }
    }
}



extension Value {
    /// The text a scalar would have as a mapping key (keys are strings in Kubernetes objects).
    fileprivate var scalarKeyText: String? {
        switch self {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .null: return "null"
        case .array, .mapping: return nil
        }
    }
}
