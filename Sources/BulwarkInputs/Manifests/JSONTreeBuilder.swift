import BulwarkModel

/// Parses JSON (RFC 8259) into `Value` trees with the line of every key: one value per document,
/// several when values follow one another, as `kubectl` reads a JSON stream. libyaml reads most
/// JSON too, but rejects some valid input (surrogate-pair escapes, tabs in places YAML forbids).
struct JSONTreeBuilder {
    static let maxDepth = YAMLTreeBuilder.maxDepth

    private struct Failure: Error {
        var line: Int
        var message: String
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var line = 1
    private var depth = 0
    private var warnings: [(line: Int, message: String)] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [ParsedDocument] {
        var parser = JSONTreeBuilder(bytes)
        var documents: [ParsedDocument] = []
        // A UTF-8 byte order mark is allowed before the first value.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.position = 3 }
        while true {
            parser.skipWhitespace()
            guard parser.position < bytes.count else { return documents }
            let start = parser.line
            parser.warnings = []
            do {
                let value = try parser.parseValue()
                documents.append(.document(value, line: start, warnings: parser.warnings))
            } catch let failure as Failure {
                documents.append(.failure(line: failure.line, message: failure.message))
                return documents  // the rest of a broken stream cannot be located reliably
            } catch {
                documents.append(.failure(line: parser.line, message: "invalid JSON"))
                return documents
            }
        }
    }

    private func fail(_ message: String) -> Failure { Failure(line: line, message: "invalid JSON: \(message)") }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x0A: line += 1; position += 1
            case 0x20, 0x09, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard current == byte else { throw fail(describeUnexpected(expected: what)) }
        position += 1
    }

    private func describeUnexpected(expected: String) -> String {
        guard let c = current else { return "expected \(expected), found the end of the input" }
        if c >= 0x21 && c < 0x7F { return "expected \(expected), found '\(Character(UnicodeScalar(c)))'" }
        return "expected \(expected), found byte 0x\(String(c, radix: 16))"
    }

    private mutating func parseValue() throws -> Value {
        skipWhitespace()
        guard let c = current else { throw fail("expected a value, found the end of the input") }
        switch c {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail(describeUnexpected(expected: "a value"))
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth { throw fail("nesting is deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseObject() throws -> Value {
        try enter()
        defer { depth -= 1 }
        position += 1
        var mapping = MappingBuilder()
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .mapping(Mapping()) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw fail(describeUnexpected(expected: "a member name in quotes")) }
            let keyLine = Int32(clamping: line)
            let key = try parseString()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            let value = try parseValue()
            if let duplicate = mapping.add(key, value, line: keyLine) { warnings.append(duplicate) }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .mapping(Mapping(mapping.entries))
            default: throw fail(describeUnexpected(expected: "',' or '}' after an object member"))
            }
        }
    }

    private mutating func parseArray() throws -> Value {
        try enter()
        defer { depth -= 1 }
        position += 1
        var items: [Value] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(items)
            default: throw fail(describeUnexpected(expected: "',' or ']' after an array element"))
            }
        }
    }

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard position + expected.count <= bytes.count,
              expected.indices.allSatisfy({ bytes[position + $0] == expected[$0] }) else {
            throw fail(describeUnexpected(expected: word))
        }
        position += expected.count
    }

    private mutating func parseNumber() throws -> Value {
        let start = position
        var isInteger = true
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, first >= 0x30 && first <= 0x39 else { throw fail("a number needs digits") }
        if first == 0x30 { position += 1 } else { skipDigits() }
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard skipDigits() > 0 else { throw fail("a number needs digits after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard skipDigits() > 0 else { throw fail("a number needs digits in its exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        return .double(Double(text) ?? .nan)
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = position
        while let c = current, c >= 0x30 && c <= 0x39 { position += 1 }
        return position - start
    }

    private mutating func parseString() throws -> String {
        position += 1  // the opening quote
        let start = position
        // Fast path: no escapes.
        while let c = current, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\"), c >= 0x20 { position += 1 }
        if current == UInt8(ascii: "\"") {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
            position += 1
            guard let text = String(validating: slice, as: UTF8.self) else { throw fail("a string is not valid UTF-8") }
            return text
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while true {
            guard let c = current else { throw fail("a string is not closed") }
            position += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw fail("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                guard let e = current else { throw fail("a string is not closed") }
                position += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                            throw fail("a \\u escape holds an unpaired surrogate")
                        }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("a \\u escape holds an unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw fail("a \\u escape holds an unpaired surrogate")
                    }
                    guard let u = UnicodeScalar(scalar) else { throw fail("a \\u escape is not a character") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail("unknown escape in a string")
                }
            default:
                guard c >= 0x20 else { throw fail(c == 0x0A ? "a string is not closed on its line" : "a control character in a string") }
                out.append(c)
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw fail("a \\u escape needs four hex digits")
            }
            v = v * 16 + digit
            position += 1
        }
        return v
    }
}
