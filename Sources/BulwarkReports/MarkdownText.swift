/// Escaping for GitHub-flavoured Markdown. Text from the scanned input must not break a table row
/// (`|`, line breaks), start markup (`*`, `_`, `[`, backticks) or inject HTML (`<`).
enum MarkdownText {
    /// Inline text, safe in a paragraph, list item or table cell.
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~": out += "\\" + String(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n": out += "<br>"
            case "\r": continue  // CR LF and lone CR: the LF (if any) makes the break
            default:
                if TerminalText.isControl(scalar) {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A code span. Backslash escapes do not work inside one, except `\|`, which GFM tables need;
    /// the fence is made longer than any run of backticks in the text.
    static func code(_ text: String) -> String {
        var body = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": body += "\\|"
            case "\n", "\r": body += "⏎"
            default:
                if TerminalText.isControl(scalar) {
                    body.unicodeScalars.append("\u{FFFD}")
                } else {
                    body.unicodeScalars.append(scalar)
                }
            }
        }
        guard !body.isEmpty else { return "" }
        var longest = 0, run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        // A space keeps a leading or trailing backtick from merging with the fence.
        let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
        return fence + pad + body + pad + fence
    }
}
