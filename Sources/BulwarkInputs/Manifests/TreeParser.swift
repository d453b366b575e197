import BulwarkModel

/// Parses one JSON or YAML document into a `Value` tree, for callers outside this module that
/// read things that are not manifests: API responses (JSON), kubeconfig files (YAML or JSON).
public enum TreeParser {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The first document of `bytes`, JSON when it starts with `{` or `[`, YAML otherwise.
    /// An empty input is `.null`.
    public static func parse(_ bytes: [UInt8], json: Bool? = nil) throws(Failure) -> Value {
        let documents: [ParsedDocument] = bytes.withUnsafeBufferPointer { all in
            if json ?? ManifestReader.isJSON(all, file: "") { return JSONTreeBuilder.parse(all) }
            return YAMLTreeBuilder.parse(all, lineOffset: 0)
        }
        switch documents.first {
        case nil: return .null
        case .document(let value, _, _)?: return value
        case .failure(let line, let message)?: throw Failure(line: line, message: message)
        }
    }
}
