/// Makes report text safe to print on a terminal: a finding's value or message comes from the
/// scanned input, and a stray ESC or newline in it could repaint the screen or break the layout.
enum TerminalText {
    /// One line: line breaks become `\n`, tabs `\t`, other control characters `\u{…}`.
    static func line(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// C0 controls, DEL and C1 controls (U+0080–U+009F include the 8-bit CSI).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Right-pads to `width` characters (no truncation).
    static func pad(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// Left-pads to `width` characters, for numbers in columns.
    static func padLeft(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : String(repeating: " ", count: width - count) + text
    }

    /// Words of `text` (already one line) in lines of at most `width` characters: the first
    /// starts after `first` columns already used, the rest after `hanging` spaces of indent. A word
    /// longer than a line (a URL, a path) is cut, so no line runs past `width`.
    static func wrap(_ text: String, width: Int, first: Int, hanging: Int) -> [String] {
        let hanging = min(hanging, max(0, width - 20))
        var lines: [String] = []
        var current = ""
        var used = first
        var available: Int { width - used }
        func flush() {
            lines.append(current)
            current = ""
            used = hanging
        }
        // A prefix that leaves no room: the text starts on the next line.
        if available < 10 { flush() }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            let gap = current.isEmpty ? 0 : 1
            if word.count + gap <= available {
                current += (gap == 1 ? " " : "") + word
                used += word.count + gap
                continue
            }
            if !current.isEmpty || (lines.isEmpty && first > hanging && word.count <= width - hanging) { flush() }
            while word.count > available, available > 0 {
                current += word.prefix(available)
                word = word.dropFirst(available)
                flush()
            }
            current += word
            used += word.count
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines.enumerated().map { i, line in i == 0 ? line : String(repeating: " ", count: hanging) + line }
    }

    /// Columns a line takes on screen: ANSI colour sequences (ESC [ … m, which only the palette
    /// writes) take none.
    static func visibleWidth(_ line: String) -> Int {
        var width = 0
        var inEscape = false
        for character in line {
            if inEscape { if character == "m" { inEscape = false }; continue }
            if character == "\u{1B}" { inEscape = true; continue }
            width += 1
        }
        return width
    }
}
