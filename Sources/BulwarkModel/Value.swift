/// One parsed YAML/JSON node. Every object is read once into this unstructured form (any kind, any
/// version, unknown fields kept); typed views decode only what an engine needs.
public enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case mapping(Mapping)

    public subscript(key: String) -> Value? {
        if case .mapping(let m) = self { return m[key] }
        return nil
    }

    public subscript(index: Int) -> Value? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var int: Int? { if case .int(let i) = self { return i }; return nil }
    public var array: [Value]? { if case .array(let a) = self { return a }; return nil }
    public var mapping: Mapping? { if case .mapping(let m) = self { return m }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// The value at a field path, if every step exists.
    public func value(at path: FieldPath) -> Value? {
        var current = self
        for component in path.components {
            switch component {
            case .key(let k): guard let next = current[k] else { return nil }; current = next
            case .index(let i): guard let next = current[i] else { return nil }; current = next
            }
        }
        return current
    }

    /// The line (1-based) of the deepest mapping key reached along `path`; lets a finding point at
    /// the field itself rather than only at the start of its document.
    public func line(at path: FieldPath) -> Int? {
        var current = self
        var line: Int?
        for component in path.components {
            switch component {
            case .key(let k):
                guard case .mapping(let m) = current, let entry = m.entry(k) else { return line }
                line = Int(entry.line)
                current = entry.value
            case .index(let i):
                guard let next = current[i] else { return line }
                current = next
            }
        }
        return line
    }

    /// The JSON type name used in messages about wrong types.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .mapping: return "object"
        }
    }

    /// The type with its article, for messages ("an array", "a string").
    public var typeNameWithArticle: String {
        let name = typeName
        return (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
    }

    /// A short, single-line rendering for a finding's `value`; long text is cut so that no finding
    /// can echo a large blob of input.
    public func summary(limit: Int = 120) -> String {
        let text: String
        switch self {
        case .null: text = "null"
        case .bool(let b): text = b ? "true" : "false"
        case .int(let i): text = String(i)
        case .double(let d): text = String(d)
        case .string(let s): text = s
        case .array(let a): text = "[" + a.map { $0.summary(limit: limit) }.joined(separator: ", ") + "]"
        case .mapping(let m): text = "{" + m.entries.map { "\($0.key): \($0.value.summary(limit: limit))" }.joined(separator: ", ") + "}"
        }
        if text.count > limit { return String(text.prefix(limit)) + "…" }
        return text
    }
}

/// A YAML mapping that keeps key order and the source line of each key. Kubernetes objects have
/// small mappings, so a linear scan beats hashing here.
public struct Mapping: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: Value
        /// 1-based line of the key in its file, 0 when not read from a file.
        public var line: Int32
        public init(key: String, value: Value, line: Int32 = 0) {
            self.key = key; self.value = value; self.line = line
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public subscript(key: String) -> Value? { entry(key)?.value }

    public func entry(_ key: String) -> Entry? {
        for e in entries where e.key == key { return e }
        return nil
    }

    public var keys: [String] { entries.map(\.key) }
    public var isEmpty: Bool { entries.isEmpty }

    /// Sets `key`, replacing an existing entry in place (last key wins, as the API server does).
    public mutating func set(_ key: String, _ value: Value, line: Int32 = 0) {
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i] = Entry(key: key, value: value, line: line)
        } else {
            entries.append(Entry(key: key, value: value, line: line))
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .mapping(Mapping(elements.map { Mapping.Entry(key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
}
