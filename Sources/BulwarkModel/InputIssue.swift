/// A problem with the input: a document that could not be read (error) or was read with a caveat
/// such as a duplicate key (warning). Reported in a report's `errors`; never carries input text
/// beyond what the message itself needs.
public struct InputIssue: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Codable { case error, warning }

    public var file: String
    public var document: Int?
    public var line: Int?
    public var level: Level
    public var message: String

    public init(file: String, document: Int? = nil, line: Int? = nil, level: Level = .error, message: String) {
        self.file = file; self.document = document; self.line = line; self.level = level
        // Messages quote input (a URL, a flag): credentials never reach them.
        self.message = CredentialRedaction.redact(text: message)
    }
}
