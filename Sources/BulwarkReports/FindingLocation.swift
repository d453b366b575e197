import BulwarkModel

/// Where a finding points, in the forms the renderers print.
struct FindingLocation: Sendable {
    /// The file as given, unless the input was stdin (no file anyone can open).
    let file: String?
    /// Whether the object was read from standard input (`scan -`): it has lines, but no file.
    let fromStandardInput: Bool
    /// The field's own line, else the line where the object's document starts.
    let line: Int?

    init(_ finding: Finding) {
        self.file = Self.openableFile(finding.object?.file)
        self.fromStandardInput = Self.isStandardInput(finding.object?.file)
        self.line = finding.line ?? finding.object?.line
    }

    static let standardInputName = "<stdin>"

    /// `file:line`, `file`, `<stdin>:line`, or nil when the finding came from no file.
    var fileAndLine: String? {
        guard let file = file ?? (fromStandardInput ? Self.standardInputName : nil) else { return nil }
        return line.map { "\(file):\($0)" } ?? file
    }

    static func isStandardInput(_ file: String?) -> Bool { file == "-" || file == standardInputName }

    static func openableFile(_ file: String?) -> String? {
        guard let file, !file.isEmpty, file != "-", file != "<stdin>" else { return nil }
        return file
    }

    /// `Kind/namespace/name` of the finding's object, or nil for findings about no object
    /// (a flag, a cluster-wide setting).
    static func objectName(_ finding: Finding) -> String? {
        guard let object = finding.object else { return nil }
        return object.displayName
    }

    /// `file:line (document N)` for an input issue.
    static func describe(_ issue: InputIssue) -> String {
        var text = issue.file.isEmpty ? "<input>" : issue.file
        if let line = issue.line { text += ":\(line)" }
        if let document = issue.document { text += " (document \(document))" }
        return text
    }
}
