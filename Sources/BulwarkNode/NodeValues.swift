import BulwarkModel

/// Small operations on parsed node documents: merging kubelet drop-ins, removing secrets before a
/// document enters the inventory (through the shared `CredentialRedaction`), and reading a flag
/// from an argument list.
enum NodeValues {
    /// Drop-in merge as the kubelet does it for `--config-dir`: mappings merge field by field,
    /// anything else (scalars, lists) is replaced whole (kubelet-config-directory-merging docs).
    static func merge(_ base: Value, _ overlay: Value) -> Value {
        guard case .mapping(var b) = base, case .mapping(let o) = overlay else { return overlay }
        for entry in o.entries {
            if let existing = b[entry.key] { b.set(entry.key, merge(existing, entry.value), line: entry.line) } else { b.set(entry.key, entry.value, line: entry.line) }
        }
        return .mapping(b)
    }

    /// The document with every credential value replaced (`CredentialRedaction`, shared with
    /// snapshots and findings), so that no output can ever show it; the key stays, so controls
    /// still see that a token is there.
    static func redact(_ value: Value) -> Value { CredentialRedaction.redact(object: value) }

    /// The argument list with credential flag values replaced (`CredentialRedaction`).
    static func redact(arguments: [String]) -> [String] { CredentialRedaction.redact(arguments: arguments) }

    /// The last value of `--name` in an argument list (`--name=v` or `--name v`).
    static func flag(_ name: String, in arguments: [String]) -> String? {
        var found: String?
        for (i, arg) in arguments.enumerated() {
            for prefix in ["--", "-"] {
                if arg.hasPrefix(prefix + name + "=") { found = String(arg.dropFirst(prefix.count + name.count + 1)) }
                else if arg == prefix + name, i + 1 < arguments.count, !arguments[i + 1].hasPrefix("-") { found = arguments[i + 1] }
            }
        }
        return found
    }

    /// Every `--name=value` pair whose value is an absolute path.
    static func pathFlags(in arguments: [String]) -> [(flag: String, path: String)] {
        var out: [(String, String)] = []
        for (i, arg) in arguments.enumerated() where arg.hasPrefix("-") {
            let body = String(arg.drop { $0 == "-" })
            if let eq = body.firstIndex(of: "=") {
                let value = String(body[body.index(after: eq)...])
                if value.hasPrefix("/") { out.append((String(body[..<eq]), value)) }
            } else if i + 1 < arguments.count, arguments[i + 1].hasPrefix("/") {
                out.append((body, arguments[i + 1]))
            }
        }
        return out
    }

    static func basename(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    static func strings(_ values: [String]) -> Value { .array(values.map(Value.string)) }
}
