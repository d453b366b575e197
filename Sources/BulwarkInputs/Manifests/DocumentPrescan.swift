import BulwarkModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a cheap look at one YAML document's text says about it without building its tree: the
/// top-level `kind` and `metadata.namespace` / `metadata.name`. It only answers for documents in
/// the plain block style whose text leaves no doubt; `scan` returns nil (the caller must parse the
/// document in full) at anything it does not follow exactly: flow style beyond one-line `{k: v}`
/// metadata, anchors, aliases, tags, merge keys, quoted or complex keys, duplicate keys, scalars
/// running over several lines, tabs, carriage returns, directives, a top level that is not a
/// block mapping at column 0, block scalars with an explicit indentation.
struct DocumentPrescan: Equatable {
    var kind: String
    /// nil when the document has no `metadata.namespace`.
    var namespace: String?
    /// nil when the document has no `metadata.name`.
    var name: String?

    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> DocumentPrescan? {
        var scanner = Scanner(b)
        return scanner.run()
    }
}

private let space = UInt8(ascii: " ")
private let hash = UInt8(ascii: "#")
private let dash = UInt8(ascii: "-")
private let colon = UInt8(ascii: ":")
private let newline = UInt8(ascii: "\n")

/// Bytes allowed in a key the scan accepts (label and annotation keys, field names).
private func isKeyByte(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
         UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "-"):
        return true
    default:
        return false
    }
}

private struct Scanner {
    let b: UnsafeBufferPointer<UInt8>
    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    /// The value of a key line, as far as the scan needs it.
    enum ValueShape {
        case empty                 // nested content (or null) follows on later lines
        case blockScalar           // `|` or `>`: more-indented lines are its text
        case scalar(String?)       // one-line scalar; its text when it is a simple string
        case collection            // one-line flow collection
    }

    mutating func run() -> DocumentPrescan? {
        var kind: String?
        var kindSeen = false, metadataSeen = false, namespaceSeen = false, nameSeen = false
        var namespace: String?, name: String?
        var top: [UInt8]? = nil           // the current top-level key
        var topValueEmpty = false
        var inBlockMetadata = false
        var childIndent: Int? = nil       // indentation of metadata's keys
        var previousChildEmpty = false
        var blockScalarLimit: Int? = nil  // lines indented more than this belong to a block scalar
        var continuationLimit: Int? = nil // after a one-line value, no line may be indented more
        var sawContent = false
        var i = 0
        let n = b.count
        while i < n {
            let start = i
            var end = start
            while end < n {
                let c = b[end]
                if c == newline { break }
                if c == 0x09 || c == 0x0D { return nil }
                end += 1
            }
            i = end + 1
            var indent = start
            while indent < end && b[indent] == space { indent += 1 }
            let column = indent - start
            if let limit = blockScalarLimit {
                if indent == end || column > limit { continue }
                blockScalarLimit = nil
            }
            if indent == end || b[indent] == hash { continue }
            if column == 0 {
                if startsMarker(at: start, end: end, UInt8(ascii: "-")) {
                    // `---` may only open the document, with nothing after it but a comment.
                    guard !sawContent, restIsBlankOrComment(from: start + 3, end: end) else { return nil }
                    continue
                }
                if startsMarker(at: start, end: end, UInt8(ascii: ".")) || b[start] == UInt8(ascii: "%") { return nil }
            }
            sawContent = true
            if let limit = continuationLimit {
                if column > limit { return nil }
                continuationLimit = nil
            }
            // Sequence markers.
            var pos = indent
            var lastDash: Int? = nil
            while pos < end && b[pos] == dash && (pos + 1 == end || b[pos + 1] == space) {
                lastDash = pos - start
                pos += 1
                while pos < end && b[pos] == space { pos += 1 }
            }
            var keyBytes: UnsafeBufferPointer<UInt8>? = nil
            var value = ValueShape.empty
            if pos == end || b[pos] == hash {
                guard lastDash != nil else { return nil }
            } else {
                let c = b[pos]
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "["):
                    // A node at the start of the line: a sequence item (a quoted or flow key is not followed).
                    guard let dashColumn = lastDash, let after = inlineNode(at: pos, end: end)?.end,
                          restIsBlankOrComment(from: after, end: end) else { return nil }
                    continuationLimit = dashColumn
                    value = .scalar(nil)
                case UInt8(ascii: "|"), UInt8(ascii: ">"):
                    guard let dashColumn = lastDash, blockIndicatorIsPlain(from: pos + 1, end: end) else { return nil }
                    blockScalarLimit = dashColumn
                    value = .blockScalar
                default:
                    guard isPlainStart(c, next: pos + 1 < end ? b[pos + 1] : nil) else { return nil }
                    // A key (`key:` then a blank or the end) or a plain scalar item.
                    var k = pos
                    var keyEnd: Int? = nil
                    while k < end {
                        if b[k] == colon && (k + 1 == end || b[k + 1] == space) { keyEnd = k; break }
                        if b[k] == hash && b[k - 1] == space { break }
                        k += 1
                    }
                    if let keyEnd {
                        for x in pos..<keyEnd where !isKeyByte(b[x]) { return nil }
                        let key = UnsafeBufferPointer(rebasing: b[pos..<keyEnd])
                        keyBytes = key
                        let keyColumn = pos - start
                        var v = keyEnd + 1
                        while v < end && b[v] == space { v += 1 }
                        // Only kind, namespace and name need their text; other values are only checked.
                        let needText = lastDash == nil && (equals(key, "kind") || equals(key, "namespace") || equals(key, "name"))
                        guard let shape = valueShape(at: v, end: end, needText: needText) else { return nil }
                        value = shape
                        switch shape {
                        case .empty: break
                        case .blockScalar: blockScalarLimit = keyColumn
                        case .scalar, .collection: continuationLimit = keyColumn
                        }
                    } else {
                        guard let dashColumn = lastDash, isOneLinePlainScalar(from: pos, end: end) else { return nil }
                        continuationLimit = dashColumn
                        value = .scalar(nil)
                    }
                }
            }
            // Where the line sits: the top level and metadata's own keys matter; the rest is nested.
            if column == 0 {
                if lastDash != nil {
                    // An indentless sequence: the value of the top-level key above it.
                    guard top != nil, topValueEmpty, !inBlockMetadata else { return nil }
                    continue
                }
                guard let key = keyBytes else { return nil }
                top = Array(key)
                topValueEmpty = { if case .empty = value { return true }; return false }()
                inBlockMetadata = false
                if equals(key, "kind") {
                    guard !kindSeen, case .scalar(let text?) = value else { return nil }
                    kindSeen = true
                    kind = text
                } else if equals(key, "metadata") {
                    guard !metadataSeen else { return nil }
                    metadataSeen = true
                    switch value {
                    case .empty:
                        inBlockMetadata = true
                        childIndent = nil
                    case .collection:
                        guard let fields = flowMetadata(line: start, end: end) else { return nil }
                        namespace = fields.namespace; name = fields.name
                    default:
                        return nil
                    }
                }
                if kindSeen && metadataSeen && !inBlockMetadata {
                    // Both known, metadata behind: only another top-level kind or metadata key could change them.
                    guard let kind, !kind.isEmpty, noTopLevelKindOrMetadata(from: i) else { return nil }
                    return DocumentPrescan(kind: kind, namespace: namespace, name: name)
                }
                continue
            }
            guard top != nil else { return nil }
            guard inBlockMetadata else { continue }
            if childIndent == nil {
                guard lastDash == nil else { return nil }  // metadata is not a mapping
                childIndent = column
            }
            guard let childIndent, column >= childIndent else { return nil }
            guard column == childIndent else { continue }
            if lastDash != nil {
                // An indentless sequence as the value of metadata's previous key (finalizers).
                guard previousChildEmpty else { return nil }
                continue
            }
            guard let key = keyBytes else { return nil }
            previousChildEmpty = { if case .empty = value { return true }; return false }()
            if equals(key, "namespace") {
                guard !namespaceSeen, case .scalar(let text?) = value else { return nil }
                namespaceSeen = true
                namespace = text
            } else if equals(key, "name") {
                guard !nameSeen, case .scalar(let text?) = value else { return nil }
                nameSeen = true
                name = text
            }
        }
        guard let kind, !kind.isEmpty else { return nil }
        return DocumentPrescan(kind: kind, namespace: namespace, name: name)
    }

    /// The rest of the document from `p`, looking only at what starts each line: a top-level key
    /// can only be a line starting at column 0, so every such line must begin with a key other than
    /// `kind` and `metadata` (or be a comment, an indentless sequence item, or blank). Anything else
    /// there (quotes, `?`, `<<`, anchors, tags, tabs, directives, `...`) declines. Lines inside
    /// multi-line scalars that happen to start at column 0 can only make it decline, never hide a key.
    private func noTopLevelKindOrMetadata(from p: Int) -> Bool {
        guard let base = b.baseAddress else { return true }
        var lineStart = p
        let n = b.count
        while lineStart < n {
            let c = b[lineStart]
            switch c {
            case space, newline, hash:
                break
            case dash:
                // `- ` / `-` alone: an indentless sequence item; `-x`: a plain key starting with a dash.
                if lineStart + 1 < n && b[lineStart + 1] != space && b[lineStart + 1] != newline && !isKeyByte(b[lineStart + 1]) { return false }
            default:
                // (`...`, a document end, declines too: it starts with a key byte but ends the document.)
                guard isKeyByte(c), !(c == UInt8(ascii: ".") && lineStart + 2 < n && b[lineStart + 1] == c && b[lineStart + 2] == c) else { return false }
                var k = lineStart
                while k < n && isKeyByte(b[k]) { k += 1 }
                let run = UnsafeBufferPointer(rebasing: b[lineStart..<k])
                if equals(run, "kind") || equals(run, "metadata") { return false }
            }
            guard let next = memchr(base + lineStart, Int32(newline), n - lineStart) else { return true }
            lineStart = base.distance(to: next.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return true
    }

    private func equals(_ key: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard key.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<key.count where key[k] != w[k] { return false }
        return true
    }

    /// `---` or `...` at `start`, followed by a blank or the end of the line.
    private func startsMarker(at start: Int, end: Int, _ c: UInt8) -> Bool {
        guard end - start >= 3, b[start] == c, b[start + 1] == c, b[start + 2] == c else { return false }
        return end - start == 3 || b[start + 3] == space
    }

    private func restIsBlankOrComment(from p: Int, end: Int) -> Bool {
        var k = p
        while k < end && b[k] == space { k += 1 }
        return k == end || (b[k] == hash && (k == p ? k > 0 && b[k - 1] == space : true))
    }

    /// A plain scalar may start with this byte (in block context), as far as the scan follows.
    private func isPlainStart(_ c: UInt8, next: UInt8?) -> Bool {
        switch c {
        case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"),
             UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "<"):
            return false
        case dash:
            return next != nil && next != space
        default:
            return true
        }
    }

    /// `|`, `>` with an optional chomping indicator, then a comment or nothing (no explicit indentation).
    private func blockIndicatorIsPlain(from p: Int, end: Int) -> Bool {
        var k = p
        if k < end && (b[k] == UInt8(ascii: "-") || b[k] == UInt8(ascii: "+")) { k += 1 }
        return k == end || (b[k] == space && restIsBlankOrComment(from: k, end: end))
    }

    private func valueShape(at v: Int, end: Int, needText: Bool) -> ValueShape? {
        if v == end || b[v] == hash { return .empty }
        let c = b[v]
        switch c {
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return blockIndicatorIsPlain(from: v + 1, end: end) ? .blockScalar : nil
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "["):
            guard let node = inlineNode(at: v, end: end, needText: needText), restIsBlankOrComment(from: node.end, end: end) else { return nil }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { return .collection }
            return .scalar(node.text)
        default:
            guard isPlainStart(c, next: v + 1 < end ? b[v + 1] : nil) else { return nil }
            guard needText else { return isOneLinePlainScalar(from: v, end: end) ? .scalar(nil) : nil }
            guard let text = plainScalarText(from: v, end: end) else { return nil }
            // Typed as kubectl types it: only a string counts (`null`, `true`, `0755` are not strings).
            if case .string(let s) = PlainScalar.resolve(text) { return .scalar(s) }
            return .scalar(nil)
        }
    }

    /// A one-line plain scalar from `p`: up to a comment or the end, trailing blanks dropped; nil
    /// when it holds `: ` (a nested mapping on one line, which YAML rejects).
    private func plainScalarText(from p: Int, end: Int) -> String? {
        var k = p
        var last = p
        while k < end {
            let c = b[k]
            if c == hash && k > p && b[k - 1] == space { break }
            if c == colon && (k + 1 == end || b[k + 1] == space) { return nil }
            if c != space { last = k + 1 }
            k += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: b[p..<last]), as: UTF8.self)
    }

    /// Whether a one-line plain scalar from `p` is free of `: ` (see `plainScalarText`), without building it.
    private func isOneLinePlainScalar(from p: Int, end: Int) -> Bool {
        var k = p
        while k < end {
            let c = b[k]
            if c == hash && k > p && b[k - 1] == space { return true }
            if c == colon && (k + 1 == end || b[k + 1] == space) { return false }
            k += 1
        }
        return true
    }

    /// A quoted scalar or flow collection starting at `p` and closing on the same line: where it
    /// ends, and (when `needText`) a quoted scalar's text when it has no escapes. nil when it does not close.
    private func inlineNode(at p: Int, end: Int, needText: Bool = true) -> (end: Int, text: String?)? {
        let c = b[p]
        if c == UInt8(ascii: "\"") {
            var k = p + 1
            var escaped = false
            while k < end {
                if b[k] == UInt8(ascii: "\\") { escaped = true; k += 2; continue }
                if b[k] == UInt8(ascii: "\"") {
                    let text = escaped || !needText ? nil : String(decoding: UnsafeBufferPointer(rebasing: b[(p + 1)..<k]), as: UTF8.self)
                    return (k + 1, text)
                }
                k += 1
            }
            return nil
        }
        if c == UInt8(ascii: "'") {
            var k = p + 1
            var doubled = false
            while k < end {
                if b[k] == UInt8(ascii: "'") {
                    if k + 1 < end && b[k + 1] == UInt8(ascii: "'") { doubled = true; k += 2; continue }
                    guard needText else { return (k + 1, nil) }
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: b[(p + 1)..<k]), as: UTF8.self)
                    return (k + 1, doubled ? raw.replacingOccurrencesOfDoubledQuote() : raw)
                }
                k += 1
            }
            return nil
        }
        // A flow collection: nesting counted, quoted scalars at a scalar's start skipped, anything
        // with anchors, aliases, tags or a comment inside refused.
        var depth = 0
        var k = p
        var atScalarStart = true
        while k < end {
            let x = b[k]
            switch x {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1; atScalarStart = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return (k + 1, nil) }
                atScalarStart = false
            case UInt8(ascii: ","):
                atScalarStart = true
            case colon:
                atScalarStart = true
            case space:
                break
            case hash:
                if b[k - 1] == space { return nil }
                atScalarStart = false
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if atScalarStart {
                    guard let quoted = inlineNode(at: k, end: end, needText: false) else { return nil }
                    k = quoted.end
                    atScalarStart = false
                    continue
                }
            case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"),
                 UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "?"):
                if atScalarStart { return nil }
            default:
                atScalarStart = false
            }
            k += 1
        }
        return nil
    }

    /// `metadata: {name: a, namespace: b}` with plain keys and plain or simply quoted values, no
    /// nesting. nil for anything else (the caller then parses the document).
    private func flowMetadata(line start: Int, end: Int) -> (namespace: String?, name: String?)? {
        var k = start
        while k < end && b[k] != UInt8(ascii: "{") { k += 1 }
        k += 1
        var namespace: String?, name: String?
        var namespaceSeen = false, nameSeen = false
        func skipSpaces() { while k < end && b[k] == space { k += 1 } }
        skipSpaces()
        if k < end && b[k] == UInt8(ascii: "}") { return restIsBlankOrComment(from: k + 1, end: end) ? (nil, nil) : nil }
        while true {
            skipSpaces()
            let keyStart = k
            while k < end && isKeyByte(b[k]) { k += 1 }
            guard k > keyStart, k + 1 < end, b[k] == colon, b[k + 1] == space else { return nil }
            let key = UnsafeBufferPointer(rebasing: b[keyStart..<k])
            k += 1
            skipSpaces()
            guard k < end else { return nil }
            var text: String?
            if b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") {
                guard let quoted = inlineNode(at: k, end: end) else { return nil }
                text = quoted.text
                k = quoted.end
            } else {
                let valueStart = k
                while k < end && isKeyByte(b[k]) { k += 1 }
                guard k > valueStart else { return nil }
                let plain = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<k]), as: UTF8.self)
                if case .string(let s) = PlainScalar.resolve(plain) { text = s }
            }
            skipSpaces()
            guard k < end else { return nil }
            if equals(key, "namespace") {
                guard !namespaceSeen, let text else { return nil }
                namespaceSeen = true; namespace = text
            } else if equals(key, "name") {
                guard !nameSeen, let text else { return nil }
                nameSeen = true; name = text
            }
            if b[k] == UInt8(ascii: ",") { k += 1; continue }
            guard b[k] == UInt8(ascii: "}"), restIsBlankOrComment(from: k + 1, end: end) else { return nil }
            return (namespace, name)
        }
    }
}

private extension String {
    func replacingOccurrencesOfDoubledQuote() -> String {
        var out = ""
        var previousWasQuote = false
        for ch in self {
            if ch == "'" {
                if previousWasQuote { previousWasQuote = false; continue }
                previousWasQuote = true
            } else {
                previousWasQuote = false
            }
            out.append(ch)
        }
        return out
    }
}
