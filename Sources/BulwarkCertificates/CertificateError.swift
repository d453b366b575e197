/// Why certificate data could not be read. Messages name the PEM block and line where one is known
/// and never repeat the data itself (it may sit next to a private key).
public struct CertificateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Nothing but whitespace.
        case empty
        /// Neither PEM, base64 of PEM or DER, nor DER.
        case notCertificateData
        /// A `-----BEGIN …-----` line without its `-----END …-----`.
        case truncatedPEM
        /// A PEM block or a `*-data`/`caBundle` value whose base64 does not decode.
        case badBase64
        /// Only private key blocks where certificates were expected.
        case privateKeyInsteadOfCertificate
        /// PEM blocks, but none of them a certificate (their labels).
        case noCertificate(labels: [String])
        /// The DER of a certificate does not have the X.509 structure.
        case malformedCertificate(String)
    }

    public var kind: Kind
    /// 1-based PEM block (or certificate) the problem is in, when there are several.
    public var block: Int?
    /// 1-based line of the PEM text, when known.
    public var line: Int?
    /// Where the data came from (`Secret/ns/web data["tls.crt"]`, a file path), set by the caller.
    public var context: String?

    public init(_ kind: Kind, block: Int? = nil, line: Int? = nil, context: String? = nil) {
        self.kind = kind; self.block = block; self.line = line; self.context = context
    }

    /// The same error, said to come from `context`.
    public func within(_ context: String) -> CertificateError {
        var copy = self
        copy.context = context
        return copy
    }

    public var reason: String {
        switch kind {
        case .empty: return "empty"
        case .notCertificateData: return "not PEM, base64 or DER certificate data"
        case .truncatedPEM: return "truncated PEM: a BEGIN line has no matching END line"
        case .badBase64: return "PEM body or base64 value does not decode"
        case .privateKeyInsteadOfCertificate: return "holds a private key, not a certificate"
        case .noCertificate(let labels): return "no CERTIFICATE block (found \(labels.joined(separator: ", ")))"
        case .malformedCertificate(let detail): return "not a valid X.509 certificate (\(detail))"
        }
    }

    public var description: String {
        var where_: [String] = []
        if let context { where_.append(context) }
        if let block { where_.append("certificate \(block)") }
        if let line { where_.append("line \(line)") }
        return where_.isEmpty ? reason : "\(where_.joined(separator: ", ")): \(reason)"
    }
}
