/// Escaping for XML 1.0. Text from the scanned input can hold anything, including characters XML 1.0
/// cannot represent at all (most C0 controls, U+FFFE, U+FFFF): those become U+FFFD so the document
/// stays well-formed and a parser never rejects the whole report.
enum XMLText {
    /// Element content: `&`, `<`, `>` escaped.
    static func content(_ text: String) -> String { escape(text, attribute: false) }

    /// Attribute values (always written in double quotes): also `"`, and line breaks and tabs as
    /// character references so parsers' attribute normalisation keeps them.
    static func attribute(_ text: String) -> String { escape(text, attribute: true) }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"  // a literal CR would be folded into LF by every parser
            case "\t" where attribute: out += "&#9;"
            default:
                if isAllowed(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out.unicodeScalars.append("\u{FFFD}")
                }
            }
        }
        return out
    }
}
