/// A kubeconfig (or in-cluster configuration) that cannot be used, naming the file and the field
/// so the user can fix it. Messages never contain a token, a key or certificate bytes.
public struct KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kubeconfig file, or a description such as "in-cluster service account".
    public var file: String
    /// The field, e.g. `users[admin].user.client-key-data`; empty when the whole file is meant.
    public var field: String
    public var message: String

    public init(file: String, field: String = "", message: String) {
        self.file = file; self.field = field; self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)"
    }
}
