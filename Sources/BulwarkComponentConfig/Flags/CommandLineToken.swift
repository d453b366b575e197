import BulwarkModel

/// One argument of a command line with where it was written.
public struct CommandLineToken: Sendable, Equatable {
    public var text: String
    public var location: String
    public var fieldPath: FieldPath?

    public init(_ text: String, location: String, fieldPath: FieldPath? = nil) {
        self.text = text; self.location = location; self.fieldPath = fieldPath
    }
}
