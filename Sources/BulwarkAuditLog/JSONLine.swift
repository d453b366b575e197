import BulwarkModel

/// A small JSON parser for one audit log line (or one assembled document), straight from bytes
/// into `Value`. Foundation's JSONSerialization is several times slower on Linux and a gigabyte
/// of audit log is tens of millions of objects. Depth is bounded so a hostile line cannot
/// exhaust the stack; numbers that do not fit an Int become doubles, never a trap.
///
/// Besides `parse`, it walks a document without building it (`read`, `forEachEntry`,
/// `skipValue`): the audit event reader takes the fields it needs and skips the rest with the
/// same checks, so a document one accepts the other accepts too.
struct JSONLine {
    struct Failure: Error, Equatable {
        var offset: Int
        var message: String
    }

    /// An object key as read: its bytes as written when it has no escape, else decoded.
    enum Key {
        case plain(UnsafeBufferPointer<UInt8>, ascii: Bool)
        case escaped(String)

        var string: String {
            switch self {
            case .plain(let bytes, _): return String(decoding: bytes, as: UTF8.self)
            case .escaped(let s): return s
            }
        }

        /// Whether the key is `name` (ASCII), as `string == name` would say: an ASCII key is
        /// compared byte for byte, any other as a String (canonical equivalence).
        func `is`(_ name: StaticString) -> Bool {
            switch self {
            case .plain(let bytes, ascii: true):
                guard bytes.count == name.utf8CodeUnitCount else { return false }
                for i in 0..<bytes.count where bytes[i] != name.utf8Start[i] { return false }
                return true
            default:
                return string == name.description
            }
        }
    }

    static let maximumDepth = 128

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Value {
        try read(bytes) { (parser: inout JSONLine) throws(Failure) -> Value in try parser.value(depth: 0) }
    }

    static func parse(_ text: String) throws(Failure) -> Value {
        var copy = Array(text.utf8)
        return try copy.withUnsafeBufferPointer { (buffer) throws(Failure) -> Value in try parse(buffer) }
    }

    /// One whole document: `body` reads the value at its start; only space may follow it.
    static func read<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout JSONLine) throws(Failure) -> T) throws(Failure) -> T {
        var parser = JSONLine(bytes: bytes)
        parser.skipSpace()
        let result = try body(&parser)
        parser.skipSpace()
        guard parser.index == bytes.count else {
            throw Failure(offset: parser.index, message: "unexpected text after the JSON value")
        }
        return result
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The byte the next value starts with (nil at the end).
    var next: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while index < bytes.count {
            let b = bytes[index]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            index += 1
        }
    }

    private func fail(_ message: String) -> Failure { Failure(offset: index, message: message) }

    private func checkValueStart(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        guard index < bytes.count else { throw fail("unexpected end of input (truncated line?)") }
    }

    mutating func value(depth: Int) throws(Failure) -> Value {
        try checkValueStart(depth: depth)
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("unexpected character")
        }
    }

    /// Passes over a value with every check `value` makes, building nothing.
    mutating func skipValue(depth: Int) throws(Failure) {
        try checkValueStart(depth: depth)
        switch bytes[index] {
        case UInt8(ascii: "{"): try forEachEntry { (p: inout JSONLine, _) throws(Failure) in try p.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try forEachElement { (p: inout JSONLine) throws(Failure) in try p.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw fail("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of input (truncated line?)") }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { throw fail("invalid literal") }
        index += count
    }

    private mutating func object(depth: Int) throws(Failure) -> Value {
        var entries: [Mapping.Entry] = []
        try forEachEntry { (p: inout JSONLine, key) throws(Failure) in
            entries.append(Mapping.Entry(key: key.string, value: try p.value(depth: depth + 1)))
        }
        return .mapping(Mapping(entries))
    }

    /// Walks the object at `{`: `entry` gets each key with the parser at its value, and must read
    /// or skip that value (one level deeper than the object).
    mutating func forEachEntry(_ entry: (inout JSONLine, Key) throws(Failure) -> Void) throws(Failure) {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of input (truncated line?)") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            let key = try key()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw fail(index < bytes.count ? "expected ':' after a key" : "unexpected end of input (truncated line?)")
            }
            index += 1
            skipSpace()
            try entry(&self, key)
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of input (truncated line?)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            throw fail("expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> Value {
        var items: [Value] = []
        try forEachElement { (p: inout JSONLine) throws(Failure) in items.append(try p.value(depth: depth + 1)) }
        return .array(items)
    }

    /// Walks the array at `[`: `element` must read or skip each element (one level deeper).
    mutating func forEachElement(_ element: (inout JSONLine) throws(Failure) -> Void) throws(Failure) {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of input (truncated line?)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            throw fail("expected ',' or ']'")
        }
    }

    private mutating func number() throws(Failure) -> Value {
        let (start, isInteger) = try scanNumber()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw fail("invalid number") }
        return .double(d)
    }

    /// As `number`, building a value only when the text alone does not show it is valid.
    private mutating func skipNumber() throws(Failure) {
        let start = index
        let (_, isInteger) = try scanNumber()
        // An integer of up to 19 characters is valid: an Int, or past Int.max a Double.
        if isInteger && index - start <= 19 { return }
        index = start
        _ = try number()
    }

    /// Passes over a number's characters; the start and whether it has only digits (and a sign).
    private mutating func scanNumber() throws(Failure) -> (start: Int, isInteger: Bool) {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while index < bytes.count {
            let b = bytes[index]
            if b >= 0x30 && b <= 0x39 { digits += 1; index += 1; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                || b == UInt8(ascii: "+") || (b == UInt8(ascii: "-") && index > start) {
                isInteger = false; index += 1; continue
            }
            break
        }
        guard digits > 0 else { throw fail("invalid number") }
        return (start, isInteger)
    }

    mutating func string() throws(Failure) -> String {
        var decoded: [UInt8]? = []
        guard let plain = try scanString(decodingInto: &decoded) else { return String(decoding: decoded ?? [], as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[plain.range]), as: UTF8.self)
    }

    private mutating func skipString() throws(Failure) {
        var nothing: [UInt8]? = nil
        _ = try scanString(decodingInto: &nothing)
    }

    private mutating func key() throws(Failure) -> Key {
        var decoded: [UInt8]? = []
        guard let plain = try scanString(decodingInto: &decoded) else { return .escaped(String(decoding: decoded ?? [], as: UTF8.self)) }
        return .plain(UnsafeBufferPointer(rebasing: bytes[plain.range]), ascii: plain.ascii)
    }

    /// Reads the string at its opening quote. Without an escape: the range of its bytes, and
    /// whether they are all ASCII. With one: nil, the decoded bytes appended to `decoded` unless
    /// that is nil (skipping).
    private mutating func scanString(decodingInto decoded: inout [UInt8]?) throws(Failure) -> (range: Range<Int>, ascii: Bool)? {
        index += 1
        let start = index
        var high: UInt8 = 0
        // Fast path: no escapes.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return (start..<(index - 1), high < 0x80)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("control character inside a string") }
            high |= b
            index += 1
        }
        decoded?.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; return nil }
            if b < 0x20 { throw fail("control character inside a string") }
            if b != UInt8(ascii: "\\") { decoded?.append(b); index += 1; continue }
            index += 1
            guard index < bytes.count else { break }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): decoded?.append(0x22)
            case UInt8(ascii: "\\"): decoded?.append(0x5C)
            case UInt8(ascii: "/"): decoded?.append(0x2F)
            case UInt8(ascii: "b"): decoded?.append(0x08)
            case UInt8(ascii: "f"): decoded?.append(0x0C)
            case UInt8(ascii: "n"): decoded?.append(0x0A)
            case UInt8(ascii: "r"): decoded?.append(0x0D)
            case UInt8(ascii: "t"): decoded?.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try unicodeEscape()
                decoded?.append(contentsOf: scalar.utf8)
            default: throw fail("invalid escape in a string")
            }
        }
        throw fail("unterminated string (truncated line?)")
    }

    /// The scalar of a `\u` escape (after the `u`): a surrogate pair written as two escapes is one
    /// scalar; a high surrogate followed by any other `\u` escape, or a lone surrogate, is U+FFFD.
    private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
        var scalar = try hex4()
        if scalar >= 0xD800 && scalar < 0xDC00 {
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                index += 2
                let low = try hex4()
                if low >= 0xDC00 && low < 0xE000 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else { scalar = 0xFFFD }
            } else { scalar = 0xFFFD }
        } else if scalar >= 0xDC00 && scalar < 0xE000 { scalar = 0xFFFD }
        return Unicode.Scalar(scalar) ?? "\u{FFFD}"
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }
}
