/// Splits a `sh -c` script into words: whitespace separates, single and double quotes group,
/// backslash escapes outside single quotes, a backslash-newline continues the line. Enough for
/// the one-line command wrappers some static pod manifests use; expansions are left as written.
enum ShellWords {
    static func split(_ script: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaping = false
        for c in script {
            if escaping {
                if c != "\n" { current.append(c); inWord = true }
                escaping = false
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaping = true } else { current.append(c) }
                continue
            }
            switch c {
            case "\\": escaping = true
            case "'", "\"": quote = c; inWord = true
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(c); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
