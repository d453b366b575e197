import Foundation

/// The command line a systemd unit starts, as systemd builds it: the unit file, then its drop-ins
/// in file-name order; `Environment=` and `EnvironmentFile=` (a leading `-` makes a missing file
/// fine); the last `ExecStart=` after an empty one resets it; `$VAR` splits into words and
/// `${VAR}` stays one word (systemd.service(5), "Command lines").
struct SystemdUnit: Sendable {
    /// One argument with where it came from, for findings.
    struct Word: Sendable, Equatable {
        var text: String
        var origin: String
    }

    var environment: [String: (value: String, origin: String)] = [:]
    var execStart: (line: String, origin: String)?
    /// Environment files named by the unit (node paths), for reading by the caller.
    var files: [String] = []

    /// Reads one unit or drop-in file's `[Service]` settings. `readEnvironmentFile` is called when
    /// `EnvironmentFile=` appears, so later settings see its variables in order.
    mutating func apply(_ text: String, file: String, readEnvironmentFile: (String) -> String?) -> [String] {
        files.append(file)
        var problems: [String] = []
        var section = ""
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") { section = line; continue }
            guard section == "[Service]", let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let origin = "\(file):\(lineNumber)"
            switch key {
            case "Environment":
                for assignment in Self.words(value) {
                    guard let e = assignment.firstIndex(of: "=") else { continue }
                    environment[String(assignment[..<e])] = (String(assignment[assignment.index(after: e)...]), origin)
                }
            case "EnvironmentFile":
                let optional = value.hasPrefix("-")
                let path = optional ? String(value.dropFirst()) : value
                if let content = readEnvironmentFile(path) {
                    for (name, v, n) in Self.environmentFile(content) { environment[name] = (v, "\(path):\(n)") }
                } else if !optional {
                    problems.append("\(origin): EnvironmentFile \(path) cannot be read")
                }
            case "ExecStart":
                execStart = value.isEmpty ? nil : (value, origin)
            default:
                continue
            }
        }
        return problems
    }

    /// The command ExecStart runs, variables expanded.
    var command: [Word]? {
        guard let execStart else { return nil }
        var line = Substring(execStart.line)
        while let first = line.first, "-@+!:".contains(first) { line = line.dropFirst() }
        var out: [Word] = []
        for word in Self.words(String(line)) {
            if word.hasPrefix("${"), word.hasSuffix("}"), !word.dropFirst(2).dropLast().contains("$") {
                let name = String(word.dropFirst(2).dropLast())
                if let v = environment[name] { out.append(Word(text: v.value, origin: "\(v.origin) (\(name))")) }
            } else if word.hasPrefix("$"), !word.dropFirst().contains("$") {
                let name = String(word.dropFirst())
                if let v = environment[name] {
                    for part in Self.words(v.value) { out.append(Word(text: part, origin: "\(v.origin) (\(name))")) }
                }
            } else {
                out.append(Word(text: word, origin: execStart.origin))
            }
        }
        return out
    }

    /// `KEY=value` lines (quotes removed), with 1-based line numbers.
    static func environmentFile(_ text: String) -> [(String, String, Int)] {
        var out: [(String, String, Int)] = []
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q { value = String(value.dropFirst().dropLast()) }
            out.append((name, value, n))
        }
        return out
    }

    /// Splits on whitespace, honouring double and single quotes and backslash escapes.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped { current.append(c); escaped = false; inWord = true; continue }
            if c == "\\" && quote != "'" { escaped = true; continue }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "'" { quote = c; inWord = true; continue }
            if c == " " || c == "\t" {
                if inWord { out.append(current); current = ""; inWord = false }
                continue
            }
            current.append(c); inWord = true
        }
        if inWord { out.append(current) }
        return out
    }
}
