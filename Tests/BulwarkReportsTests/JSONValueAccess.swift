import Foundation
@testable import BulwarkReports

/// Navigation over parsed JSON for assertions: `doc["runs"][0]["tool"]`, missing members read as `.null`.
extension JSONValue {
    subscript(key: String) -> JSONValue {
        if case .object(let members) = self { return members[key] ?? .null }
        return .null
    }

    subscript(index: Int) -> JSONValue {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    var intValue: Int? { if case .int(let i) = self { return i }; return nil }
    var arrayValue: [JSONValue] { if case .array(let items) = self { return items }; return [] }
    var objectValue: [String: JSONValue]? { if case .object(let members) = self { return members }; return nil }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Converts what `Yams.load` returns (Swift values, `NSNull`, `[AnyHashable: Any]`) into a JSONValue.
    static func fromYAMLObject(_ object: Any?) -> JSONValue? {
        switch object {
        case nil: return .null
        case is NSNull: return .null
        case let value as Bool: return .bool(value)
        case let value as Int: return .int(value)
        case let value as Double: return .double(value)
        case let value as String: return .string(value)
        case let values as [Any]:
            var items: [JSONValue] = []
            for value in values {
                guard let item = fromYAMLObject(value) else { return nil }
                items.append(item)
            }
            return .array(items)
        case let mapping as [AnyHashable: Any]:
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let key = key.base as? String, let member = fromYAMLObject(value) else { return nil }
                members[key] = member
            }
            return .object(members)
        case let mapping as [String: Any]:
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let member = fromYAMLObject(value) else { return nil }
                members[key] = member
            }
            return .object(members)
        default:
            return nil
        }
    }
}
