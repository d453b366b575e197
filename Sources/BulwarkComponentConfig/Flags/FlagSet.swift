import Foundation
import BulwarkModel

/// The flags of one component's command line, parsed the way pflag (and Go's flag package, for
/// etcd) read them: `--name=value` and `--name value`; a bare boolean flag is true and never
/// consumes the next argument; `-name` equals `--name`; `--` ends the flags. Single values: the
/// last occurrence wins. Lists (`--enable-admission-plugins`) and maps (`--feature-gates`,
/// `--runtime-config`) combine every occurrence, as the component does.
public struct FlagSet: Sendable, Equatable {
    public private(set) var occurrences: [CommandLineFlag]
    /// Arguments that are not flags (a stray `false` after a boolean flag ends up here).
    public private(set) var positional: [CommandLineToken]

    public init(occurrences: [CommandLineFlag] = [], positional: [CommandLineToken] = []) {
        self.occurrences = occurrences; self.positional = positional
    }

    public static func parse(_ tokens: [CommandLineToken], booleanFlags: Set<String> = []) -> FlagSet {
        var flags: [CommandLineFlag] = []
        var positional: [CommandLineToken] = []
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            let text = token.text
            if text == "--" { positional += tokens[(i + 1)...]; break }
            guard text.hasPrefix("-"), text.count > 1 else { positional.append(token); i += 1; continue }
            let body = text.hasPrefix("--") ? text.dropFirst(2) : text.dropFirst()
            if let eq = body.firstIndex(of: "=") {
                flags.append(CommandLineFlag(name: String(body[..<eq]), value: String(body[body.index(after: eq)...]),
                                             location: token.location, fieldPath: token.fieldPath))
            } else {
                let name = String(body)
                if !booleanFlags.contains(name), i + 1 < tokens.count, Self.isValue(tokens[i + 1].text) {
                    flags.append(CommandLineFlag(name: name, value: tokens[i + 1].text, location: token.location, fieldPath: token.fieldPath))
                    i += 1
                } else {
                    flags.append(CommandLineFlag(name: name, value: nil, location: token.location, fieldPath: token.fieldPath))
                }
            }
            i += 1
        }
        return FlagSet(occurrences: flags, positional: positional)
    }

    /// `-` alone is a value (stdin/stdout), anything else starting with `-` is the next flag.
    private static func isValue(_ text: String) -> Bool { text == "-" || !text.hasPrefix("-") }

    /// Later flags override earlier ones: appends `other` (a user's extra args over a
    /// distribution's defaults).
    public func overridden(by other: FlagSet) -> FlagSet {
        FlagSet(occurrences: occurrences + other.occurrences, positional: positional + other.positional)
    }

    public mutating func append(_ flag: CommandLineFlag) { occurrences.append(flag) }

    /// The occurrence that decides a single-valued flag: the last one.
    public func last(_ name: String) -> CommandLineFlag? { occurrences.last { $0.name == name } }

    public func isSet(_ name: String) -> Bool { last(name) != nil }

    /// The value the component uses (bare flag: "true"), nil when unset.
    public func value(_ name: String) -> String? { last(name)?.effectiveValue }

    /// A boolean as Go's strconv.ParseBool reads it; nil when unset or unreadable.
    public func bool(_ name: String) -> Bool? { value(name).flatMap(Self.parseBool) }

    public static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: return nil
        }
    }

    /// A comma-separated list flag, every occurrence appended in order (pflag's StringSlice:
    /// the first occurrence replaces the default, later ones append).
    public func list(_ name: String) -> [String] {
        occurrences.filter { $0.name == name }.flatMap { flag in
            flag.effectiveValue.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// A `key=value,key=value` flag, every occurrence merged; a later key overrides an earlier one
    /// but keeps the earlier position. A key without `=` maps to "" (runtime-config reads that as true).
    public func map(_ name: String) -> [KeyValueSetting] {
        var entries: [KeyValueSetting] = []
        for flag in occurrences where flag.name == name {
            for part in flag.effectiveValue.split(separator: ",") {
                let item = part.trimmingCharacters(in: .whitespaces)
                guard !item.isEmpty else { continue }
                let key: String, value: String
                if let eq = item.firstIndex(of: "=") {
                    key = item[..<eq].trimmingCharacters(in: .whitespaces)
                    value = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                } else {
                    key = item; value = ""
                }
                let setting = KeyValueSetting(key: key, value: value, flag: flag)
                if let i = entries.firstIndex(where: { $0.key == key }) { entries[i] = setting } else { entries.append(setting) }
            }
        }
        return entries
    }
}

