import BulwarkModel

/// The field a Secret carries once its values are dropped: for each certificate key
/// (`tls.crt`, `ca.crt`), the facts of its certificates or why they could not be read. Written by
/// redaction (live scans, snapshots), read by the certificate controls, so a snapshot gives the
/// same certificate findings as the manifests it was taken from.
///
///     bulwark.io/certificates:
///       tls.crt: {certificates: [{subject: …, notAfter: …}, …]}
///       ca.crt: {error: "truncated PEM: …"}
public enum DerivedCertificateFacts {
    public static let field = "bulwark.io/certificates"
    /// The Secret keys whose values may be looked at (SPEC §5); every other value is dropped unseen.
    public static let secretKeys = ["tls.crt", "ca.crt"]

    /// The derived field for a Secret whose values are still present; nil when it has no
    /// certificate key with a value.
    public static func derive(fromSecret secret: Value) -> Value? {
        var entries = Mapping()
        for key in secretKeys {
            let result: Result<[CertificateFacts], CertificateError>
            if let text = secret["stringData"]?[key]?.string {
                result = Result { () throws(CertificateError) in try CertificateReader.certificates(inText: text) }
            } else if let encoded = secret["data"]?[key]?.string {
                result = Result { () throws(CertificateError) in try CertificateReader.certificates(inBase64: encoded) }
            } else {
                continue
            }
            entries.set(key, encode(result))
        }
        return entries.isEmpty ? nil : .mapping(entries)
    }

    public static func encode(_ result: Result<[CertificateFacts], CertificateError>) -> Value {
        switch result {
        case .success(let facts): return ["certificates": .array(facts.map(\.value))]
        case .failure(let error): return ["error": .string(error.description)]
        }
    }

    /// What the derived field says about `key`: nil when it says nothing (not derived).
    public static func read(_ secret: Value, key: String) -> Result<[CertificateFacts], DerivedError>? {
        guard let entry = secret[field]?[key] else { return nil }
        if let message = entry["error"]?.string { return .failure(DerivedError(message: message)) }
        guard let list = entry["certificates"]?.array else { return .failure(DerivedError(message: "\(field) entry for \(key) is malformed")) }
        var facts: [CertificateFacts] = []
        for item in list {
            guard let f = CertificateFacts(value: item) else { return .failure(DerivedError(message: "\(field) entry for \(key) is malformed")) }
            facts.append(f)
        }
        return .success(facts)
    }

    /// A reading error recorded when the facts were derived (its text, as recorded).
    public struct DerivedError: Error, Sendable, Equatable { public var message: String }
}
