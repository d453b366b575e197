import BulwarkModel

/// One flag as written on a command line: `--name=value`, `--name value`, or a bare `--name`.
public struct CommandLineFlag: Sendable, Equatable {
    /// The name without leading dashes.
    public var name: String
    /// The value as written; nil for a bare flag (a boolean read as true).
    public var value: String?
    /// Where the flag was written, e.g. `spec.containers[0].command[4]`, `kube-apiserver-arg[1]`.
    public var location: String
    /// The field path of that token inside its object, when it came from a manifest.
    public var fieldPath: FieldPath?

    public init(name: String, value: String?, location: String, fieldPath: FieldPath? = nil) {
        self.name = name; self.value = value; self.location = location; self.fieldPath = fieldPath
    }

    /// The value as the component reads it: a bare flag means "true".
    public var effectiveValue: String { value ?? "true" }
}
