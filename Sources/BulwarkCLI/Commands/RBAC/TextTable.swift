/// Columns of text separated by two spaces that fit `width` columns: when the natural widths do
/// not fit, the widest columns are narrowed (never below `minimumColumn`) and their cells wrap
/// onto continuation lines, so `rbac who-can` and `rbac subject` stay readable in a terminal.
enum TextTable {
    static let minimumColumn = 10

    static func render(_ rows: [[String]], width: Int = OutputOptions.terminalWidth()) -> String {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let separators = 2 * (columns - 1)
        while widths.reduce(0, +) + separators > width {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > minimumColumn else { break }
            widths[widest] -= 1
        }
        var lines: [String] = []
        for row in rows {
            let wrapped = row.enumerated().map { i, cell in wrap(cell, width: widths[i]) }
            let height = wrapped.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var parts: [String] = []
                for i in 0..<row.count {
                    let piece = lineIndex < wrapped[i].count ? wrapped[i][lineIndex] : ""
                    parts.append(i == row.count - 1 ? piece : piece + String(repeating: " ", count: max(0, widths[i] - piece.count)))
                }
                lines.append(String(parts.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Lines of at most `width` characters, broken after spaces and after `/` (so
    /// `ClusterRoleBinding/name` breaks at the slash); a longer piece is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var pieces: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " || character == "/" { pieces.append(current); current = "" }
        }
        if !current.isEmpty { pieces.append(current) }
        var out: [String] = []
        var line = ""
        for var piece in pieces {
            if line.count + piece.trimmingCharacters(in: .whitespaces).count > width, !line.isEmpty {
                out.append(line.trimmingCharacters(in: .whitespaces)); line = ""
            }
            while piece.count > width {
                out.append(String(piece.prefix(width)))
                piece = String(piece.dropFirst(width))
            }
            line += piece
        }
        let last = line.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty || out.isEmpty { out.append(last) }
        return out
    }
}
