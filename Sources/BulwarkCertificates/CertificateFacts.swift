import Foundation

/// What Bulwark knows about one X.509 certificate: public facts only (certificates are public;
/// no key material beyond the public key's fingerprint). Built by `CertificateReader`, kept on
/// objects as a `Value` (see `CertificateFacts+Value.swift`) where the certificate itself is dropped.
public struct CertificateFacts: Sendable, Equatable {
    /// RFC 4514 form, most specific first (`CN=kube-apiserver,O=…`).
    public var subject: String
    public var issuer: String
    /// Upper-case hex of the serial's bytes, as `openssl x509 -serial` prints it.
    public var serialNumber: String
    public var notBefore: Date
    public var notAfter: Date
    /// Basic constraints `CA:TRUE`.
    public var isCA: Bool
    public var publicKey: PublicKeyFacts
    public var signatureAlgorithm: SignatureAlgorithmFacts
    /// `DNS:name`, `IP:address`, `URI:…`, `email:…`.
    public var subjectAlternativeNames: [String]
    /// `digitalSignature`, `keyEncipherment`, `keyCertSign`…
    public var keyUsages: [String]
    /// `serverAuth`, `clientAuth`… (dotted OID when not a known usage).
    public var extendedKeyUsages: [String]
    /// Subject and issuer are the same name (and the key identifiers, when both present, agree).
    public var isSelfSigned: Bool
    /// Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: equal for certificates of the same
    /// key pair, so two CA files can be compared by content, not by path.
    public var publicKeySHA256: String

    public init(subject: String, issuer: String, serialNumber: String, notBefore: Date, notAfter: Date, isCA: Bool,
                publicKey: PublicKeyFacts, signatureAlgorithm: SignatureAlgorithmFacts,
                subjectAlternativeNames: [String] = [], keyUsages: [String] = [], extendedKeyUsages: [String] = [],
                isSelfSigned: Bool, publicKeySHA256: String) {
        self.subject = subject; self.issuer = issuer; self.serialNumber = serialNumber
        self.notBefore = notBefore; self.notAfter = notAfter; self.isCA = isCA
        self.publicKey = publicKey; self.signatureAlgorithm = signatureAlgorithm
        self.subjectAlternativeNames = subjectAlternativeNames; self.keyUsages = keyUsages
        self.extendedKeyUsages = extendedKeyUsages; self.isSelfSigned = isSelfSigned
        self.publicKeySHA256 = publicKeySHA256
    }

    /// Total validity period, notBefore to notAfter.
    public var lifetime: TimeInterval { notAfter.timeIntervalSince(notBefore) }

    public func isExpired(at now: Date) -> Bool { notAfter < now }

    /// Time left until notAfter (negative once expired).
    public func remaining(at now: Date) -> TimeInterval { notAfter.timeIntervalSince(now) }

    /// A short name for messages: the subject's CN, else the whole subject, else the serial.
    public var displayName: String {
        for part in subject.split(separator: ",") where part.hasPrefix("CN=") { return String(part.dropFirst(3)) }
        return subject.isEmpty ? "serial \(serialNumber)" : subject
    }
}
