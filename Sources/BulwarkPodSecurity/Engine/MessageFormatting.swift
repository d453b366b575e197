// Text helpers that reproduce upstream's message formatting (policy/helpers.go and the Go
// standard library behaviour the checks rely on), so Bulwark's reasons and details read
// exactly like the API server's.

/// `joinQuote`: `"a", "b"`; empty for no items.
func joinQuote(_ items: [String]) -> String {
    items.isEmpty ? "" : "\"" + items.joined(separator: "\", \"") + "\""
}

/// `pluralize`: the singular only for exactly one item.
func pluralize(_ singular: String, _ plural: String, _ count: Int) -> String {
    count == 1 ? singular : plural
}

/// "container \"a\"" / "containers \"a\", \"b\"".
func containersPhrase(_ names: [String]) -> String {
    "\(pluralize("container", "containers", names.count)) \(joinQuote(names))"
}

/// The sorted, de-duplicated list that `sets.NewString(...).List()` returns. Go sorts strings
/// byte-wise, which differs from Swift's `<` for non-ASCII text, so compare UTF-8 bytes.
func sortedSet<S: Sequence>(_ items: S) -> [String] where S.Element == String {
    Array(Set(items)).sorted(by: goLess)
}

/// Go's string ordering: lexicographic over UTF-8 bytes.
func goLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Go's `%q` for a string: double-quoted with Go escapes (enough for annotation values).
func goQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\u{0B}": out += "\\v"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + hex2(scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

private func hex2(_ value: UInt32) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(value >> 4) & 0xF], digits[Int(value) & 0xF]])
}
