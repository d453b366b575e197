import Foundation

/// A JSON document as plain values. SARIF is built from it (its many small objects need no type
/// each), and YAML is derived from the report's JSON through it so the two forms cannot diverge.
enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        // Bool before numbers: JSONDecoder will not read `true` as a number, nor `1` as a Bool.
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Int.self) { self = .int(value); return }
        if let value = try? container.decode(Double.self) { self = .double(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([JSONValue].self) { self = .array(value); return }
        self = .object(try container.decode([String: JSONValue].self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value's JSON form read back as a `JSONValue`.
    init(encoding value: some Encodable) throws {
        let data = try JSONRenderer.encoder().encode(value)
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// `.string`, or `.null` when nil; keeps optional fields readable where SARIF is built.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// An object without its null members (SARIF forbids null for most properties).
    static func compact(_ members: [String: JSONValue]) -> JSONValue {
        .object(members.filter { $0.value != .null })
    }
}
