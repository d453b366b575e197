/// A certificate's public key: algorithm and strength, nothing of the key itself.
public struct PublicKeyFacts: Sendable, Equatable, Hashable {
    public enum Algorithm: String, Sendable, Equatable, Hashable {
        case rsa, ecdsa, ed25519, ed448, dsa, unknown
    }

    public var algorithm: Algorithm
    /// Modulus size for RSA and DSA, field size for EC, 256/456 for Ed25519/Ed448.
    public var bits: Int?
    /// The named curve of an EC key (`P-256`, or the OID when the curve is not known).
    public var curve: String?
    /// The algorithm OID when it is not one Bulwark knows.
    public var oid: String?

    public init(algorithm: Algorithm, bits: Int? = nil, curve: String? = nil, oid: String? = nil) {
        self.algorithm = algorithm; self.bits = bits; self.curve = curve; self.oid = oid
    }

    /// `RSA 2048`, `ECDSA P-256`, `Ed25519`.
    public var description: String {
        switch algorithm {
        case .rsa: return "RSA \(bits.map(String.init) ?? "?")"
        case .dsa: return "DSA \(bits.map(String.init) ?? "?")"
        case .ecdsa: return "ECDSA \(curve ?? "?")"
        case .ed25519: return "Ed25519"
        case .ed448: return "Ed448"
        case .unknown: return "unknown key algorithm \(oid ?? "")"
        }
    }
}
