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

/// Go's `%q` for a string (`strconv.Quote`): double-quoted; `"` and `\\` escaped; `\a \b \f \n \r
/// \t \v` for those controls; other ASCII controls and DEL as `\xHH`; any other rune Go does not
/// consider printable (`unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the
/// ASCII space) as `\uHHHH` or `\UHHHHHHHH`. Printable non-ASCII text is kept as is.
func goQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + hex(scalar.value, width: 2)
            } else if goIsPrint(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 0x10000 {
                out += "\\u" + hex(scalar.value, width: 4)
            } else {
                out += "\\U" + hex(scalar.value, width: 8)
            }
        }
    }
    return out + "\""
}

/// Go's `unicode.IsPrint`: categories L, M, N, P, S, plus U+0020 (other spaces are not printable).
private func goIsPrint(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
         .nonspacingMark, .spacingMark, .enclosingMark,
         .decimalNumber, .letterNumber, .otherNumber,
         .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
         .initialPunctuation, .finalPunctuation, .otherPunctuation,
         .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
        return true
    default:
        return false
    }
}

private func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
