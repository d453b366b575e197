/// What modprobe.d says about modules: `blacklist NAME` (no loading by alias) and
/// `install NAME /bin/true|/bin/false` (loading runs that command instead). modprobe.d(5): `.conf`
/// files in /etc/modprobe.d, /run/modprobe.d, /usr/local/lib/modprobe.d, /lib/modprobe.d and
/// /usr/lib/modprobe.d; a file in an earlier directory hides one of the same name in a later one.
struct ModprobeConfig: Sendable {
    struct Block: Sendable, Equatable {
        var module: String
        var directive: String
        var file: String
        var line: Int
    }

    static let directories = ["/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d", "/lib/modprobe.d", "/usr/lib/modprobe.d"]

    /// Commands that make `install` a no-op block.
    static let noOpCommands: Set<String> = ["/bin/true", "/bin/false", "/usr/bin/true", "/usr/bin/false", "true", "false"]

    var blocks: [Block] = []
    var sources: [String] = []

    /// Module names are compared with `-` and `_` equal, as modprobe does.
    static func normalize(_ module: String) -> String { module.replacingOccurrences(of: "-", with: "_") }

    mutating func parse(_ text: String, file: String) {
        sources.append(file)
        var lineNumber = 0
        var pending = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = String(raw)
            if line.hasSuffix("\\") { pending += line.dropLast() + " "; continue }
            line = pending + line
            pending = ""
            if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count >= 2 else { continue }
            switch words[0] {
            case "blacklist":
                blocks.append(Block(module: Self.normalize(words[1]), directive: "blacklist", file: file, line: lineNumber))
            case "install" where words.count >= 3 && Self.noOpCommands.contains(words[2]):
                let command = words[2].hasSuffix("false") ? "/bin/false" : "/bin/true"
                blocks.append(Block(module: Self.normalize(words[1]), directive: "install \(command)", file: file, line: lineNumber))
            default:
                continue
            }
        }
    }
}
