/// Splits a YAML stream at its `---` lines so that each document is parsed on its own: one broken
/// document then costs only itself (libyaml cannot resume after an error), and the documents of
/// one large file can be parsed in parallel.
enum DocumentSplitter {
    struct Chunk: Equatable {
        var range: Range<Int>
        /// Lines in the file before the chunk.
        var lineOffset: Int
    }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [Chunk] {
        var starts: [(offset: Int, line: Int)] = [(0, 0)]
        var line = 0
        var i = 0
        let n = bytes.count
        while i < n {
            if isDocumentMarker(bytes, at: i), i > 0 {
                starts.append((i, line))
            }
            // Advance to the next line.
            while i < n && bytes[i] != 0x0A { i += 1 }
            i += 1
            line += 1
        }
        var chunks: [Chunk] = []
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].offset : n
            chunks.append(Chunk(range: start.offset..<end, lineOffset: start.line))
        }
        return mergingDirectiveOnlyChunks(chunks, bytes)
    }

    /// `---` at the start of a line, followed by a blank, a line break or the end.
    private static func isDocumentMarker(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + 2 < b.count, b[i] == 0x2D, b[i + 1] == 0x2D, b[i + 2] == 0x2D else { return false }
        if i + 3 == b.count { return true }
        let next = b[i + 3]
        return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
    }

    /// A chunk holding only `%YAML`/`%TAG` directives (and comments) belongs to the next document.
    private static func mergingDirectiveOnlyChunks(_ chunks: [Chunk], _ b: UnsafeBufferPointer<UInt8>) -> [Chunk] {
        var out: [Chunk] = []
        var carried: Chunk?
        for chunk in chunks {
            var merged = chunk
            if let c = carried { merged = Chunk(range: c.range.lowerBound..<chunk.range.upperBound, lineOffset: c.lineOffset) }
            carried = nil
            if merged.range.count < 4096 && hasDirective(b, merged.range) && onlyDirectivesAndComments(b, merged.range) {
                carried = merged
            } else {
                out.append(merged)
            }
        }
        if let c = carried { out.append(c) }
        return out
    }

    private static func hasDirective(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        r.contains { b[$0] == 0x25 && ($0 == r.lowerBound || b[$0 - 1] == 0x0A) }
    }

    private static func onlyDirectivesAndComments(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var atLineStart = true
        var i = r.lowerBound
        while i < r.upperBound {
            let c = b[i]
            if atLineStart {
                if c == 0x25 || c == 0x23 {  // % or #: skip the line
                    while i < r.upperBound && b[i] != 0x0A { i += 1 }
                    continue
                }
                if c != 0x20 && c != 0x09 && c != 0x0D && c != 0x0A { return false }
            }
            atLineStart = c == 0x0A
            i += 1
        }
        return true
    }
}
