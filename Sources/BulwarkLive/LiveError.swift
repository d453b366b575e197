import BulwarkModel

/// Why talking to the API server failed, naming the server and the request path. Never contains
/// a token, key or response body (a body might echo a Secret).
public struct LiveError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The kubeconfig's credentials or TLS material could not be used.
        case configuration
        /// No connection, TLS failure, timeout, truncated response.
        case transport
        /// 401: the server did not accept the credentials.
        case unauthorized
        /// 403 on a request that is not a list (lists record forbidden resources instead).
        case forbidden
        /// Any other unexpected status.
        case status(Int)
        /// A body that is not the JSON the API documents.
        case badResponse
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, message: String) {
        // Messages quote URLs and transport errors (which quote URLs): no login or token stays.
        self.kind = kind; self.path = CredentialRedaction.redact(text: path); self.message = CredentialRedaction.redact(text: message)
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
