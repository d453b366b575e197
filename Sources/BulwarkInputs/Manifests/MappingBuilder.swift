import BulwarkModel

/// Collects a mapping's entries while parsing, with the API server's rule for duplicate keys:
/// the last value wins, and the duplicate is reported.
struct MappingBuilder {
    private(set) var entries: [Mapping.Entry] = []
    /// Small mappings are searched linearly; large ones (ConfigMap data, CRD schemas) get an index.
    private var keyIndex: [String: Int]?

    /// Adds an entry; returns the warning to report when the key was already present.
    mutating func add(_ key: String, _ value: Value, line: Int32) -> (line: Int, message: String)? {
        let entry = Mapping.Entry(key: key, value: value, line: line)
        if let existing = index(of: key) {
            let first = entries[existing].line
            entries[existing] = entry
            return (Int(line), "duplicate key \"\(key.prefix(100))\" in a mapping (first at line \(first)); the last value is used, as the API server does")
        }
        entries.append(entry)
        if keyIndex != nil {
            keyIndex?[key] = entries.count - 1
        } else if entries.count > 16 {
            keyIndex = Dictionary(entries.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { $1 })
        }
        return nil
    }

    private func index(of key: String) -> Int? {
        if let keyIndex { return keyIndex[key] }
        return entries.firstIndex { $0.key == key }
    }
}
