import Foundation
import BulwarkModel

/// Reads an exceptions file: a YAML list of
/// `{control, kind, namespace, name (glob allowed), reason, expires: YYYY-MM-DD}`.
public enum ExceptionsFile {
    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    public static func load(_ path: String) throws(LoadError) -> [ExceptionRule] {
        switch InputFile.read(path) {
        case .success(let bytes): return try parse(bytes, file: path)
        case .failure(let e): throw LoadError(file: path, line: nil, message: "cannot read the exceptions file: \(e.message)")
        }
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(LoadError) -> [ExceptionRule] {
        let documents = bytes.withUnsafeBufferPointer { YAMLTreeBuilder.parse($0, lineOffset: 0) }
        var rules: [ExceptionRule] = []
        for document in documents {
            switch document {
            case .failure(let line, let message):
                throw LoadError(file: file, line: line, message: message)
            case .document(let value, let line, _):
                if value.isNull { continue }
                // Accept a bare list, or `exceptions: [...]`.
                guard let list = value.array ?? value["exceptions"]?.array else {
                    throw LoadError(file: file, line: line, message: "expected a list of exceptions")
                }
                for item in list { rules.append(try rule(item, file: file, fallbackLine: line)) }
            }
        }
        return rules
    }

    private static func rule(_ item: Value, file: String, fallbackLine: Int) throws(LoadError) -> ExceptionRule {
        let line = item.mapping?.entries.first.map { Int($0.line) } ?? fallbackLine
        guard case .mapping(let m) = item else {
            throw LoadError(file: file, line: line, message: "an exception must be a mapping with control and reason")
        }
        let known: Set<String> = ["control", "kind", "namespace", "name", "reason", "expires"]
        if let unknown = m.keys.first(where: { !known.contains($0) }) {
            throw LoadError(file: file, line: line, message: "unknown field \"\(unknown)\" (expected \(known.sorted().joined(separator: ", ")))")
        }
        func text(_ key: String) throws(LoadError) -> String? {
            guard let v = m[key], !v.isNull else { return nil }
            guard let s = v.string else {
                throw LoadError(file: file, line: m.entry(key).map { Int($0.line) } ?? line, message: "\(key) must be a string")
            }
            return s
        }
        guard let control = try text("control"), !control.isEmpty else {
            throw LoadError(file: file, line: line, message: "an exception needs a control ID")
        }
        guard let reason = try text("reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LoadError(file: file, line: line, message: "exception for \(control) needs a reason")
        }
        let expires = try text("expires")
        if let expires, RFC3339.parseDay(expires) == nil {
            throw LoadError(file: file, line: m.entry("expires").map { Int($0.line) } ?? line,
                            message: "expires must be a date written YYYY-MM-DD, got \"\(expires.prefix(40))\"")
        }
        return ExceptionRule(control: control, kind: try text("kind"), namespace: try text("namespace"),
                             name: try text("name"), reason: reason, expires: expires, source: "\(file):\(line)")
    }
}
