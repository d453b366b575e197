/// The algorithm the issuer signed a certificate with, by name, with the digest it uses.
public struct SignatureAlgorithmFacts: Sendable, Equatable, Hashable {
    /// `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, `Ed25519`, or the OID when unknown.
    public var name: String
    /// `MD5`, `SHA-1`, `SHA-256`…; nil for Ed25519/Ed448 and unknown algorithms.
    public var digest: String?

    public init(name: String, digest: String?) { self.name = name; self.digest = digest }

    /// MD2, MD5 and SHA-1 signatures can be forged (collisions are practical).
    public var hasBrokenDigest: Bool { ["MD2", "MD5", "SHA-1"].contains(digest ?? "") }

    static let known: [String: SignatureAlgorithmFacts] = [
        "1.2.840.113549.1.1.2": .init(name: "md2WithRSAEncryption", digest: "MD2"),
        "1.2.840.113549.1.1.4": .init(name: "md5WithRSAEncryption", digest: "MD5"),
        "1.2.840.113549.1.1.5": .init(name: "sha1WithRSAEncryption", digest: "SHA-1"),
        "1.2.840.113549.1.1.10": .init(name: "RSASSA-PSS", digest: nil),
        "1.2.840.113549.1.1.11": .init(name: "sha256WithRSAEncryption", digest: "SHA-256"),
        "1.2.840.113549.1.1.12": .init(name: "sha384WithRSAEncryption", digest: "SHA-384"),
        "1.2.840.113549.1.1.13": .init(name: "sha512WithRSAEncryption", digest: "SHA-512"),
        "1.2.840.113549.1.1.14": .init(name: "sha224WithRSAEncryption", digest: "SHA-224"),
        "1.2.840.10045.4.1": .init(name: "ecdsa-with-SHA1", digest: "SHA-1"),
        "1.2.840.10045.4.3.1": .init(name: "ecdsa-with-SHA224", digest: "SHA-224"),
        "1.2.840.10045.4.3.2": .init(name: "ecdsa-with-SHA256", digest: "SHA-256"),
        "1.2.840.10045.4.3.3": .init(name: "ecdsa-with-SHA384", digest: "SHA-384"),
        "1.2.840.10045.4.3.4": .init(name: "ecdsa-with-SHA512", digest: "SHA-512"),
        "1.2.840.10040.4.3": .init(name: "dsa-with-SHA1", digest: "SHA-1"),
        "2.16.840.1.101.3.4.3.2": .init(name: "dsa-with-SHA256", digest: "SHA-256"),
        "1.3.101.112": .init(name: "Ed25519", digest: nil),
        "1.3.101.113": .init(name: "Ed448", digest: nil),
    ]

    static func named(oid: String) -> SignatureAlgorithmFacts {
        known[oid] ?? SignatureAlgorithmFacts(name: oid, digest: nil)
    }
}
