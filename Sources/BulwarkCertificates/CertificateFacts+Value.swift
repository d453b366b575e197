import Foundation
import BulwarkModel

/// Certificate facts as a `Value` mapping, so they can travel on an object (a redacted Secret's
/// `bulwark.io/certificates` field) through snapshots and back.
extension CertificateFacts {
    public var value: Value {
        var m = Mapping()
        m.set("subject", .string(subject))
        m.set("issuer", .string(issuer))
        m.set("serialNumber", .string(serialNumber))
        m.set("notBefore", .string(CivilTime.format(notBefore)))
        m.set("notAfter", .string(CivilTime.format(notAfter)))
        m.set("isCA", .bool(isCA))
        m.set("keyAlgorithm", .string(publicKey.algorithm.rawValue))
        if let bits = publicKey.bits { m.set("keyBits", .int(bits)) }
        if let curve = publicKey.curve { m.set("keyCurve", .string(curve)) }
        if let oid = publicKey.oid { m.set("keyOID", .string(oid)) }
        m.set("signatureAlgorithm", .string(signatureAlgorithm.name))
        if let digest = signatureAlgorithm.digest { m.set("signatureDigest", .string(digest)) }
        m.set("subjectAlternativeNames", .array(subjectAlternativeNames.map(Value.string)))
        m.set("keyUsages", .array(keyUsages.map(Value.string)))
        m.set("extendedKeyUsages", .array(extendedKeyUsages.map(Value.string)))
        m.set("selfSigned", .bool(isSelfSigned))
        m.set("publicKeySHA256", .string(publicKeySHA256))
        return .mapping(m)
    }

    /// Facts read back from `value`; nil when a required field is missing or of the wrong type.
    public init?(value: Value) {
        guard let subject = value["subject"]?.string, let issuer = value["issuer"]?.string,
              let notBefore = value["notBefore"]?.string.flatMap(CivilTime.parse),
              let notAfter = value["notAfter"]?.string.flatMap(CivilTime.parse),
              let algorithm = value["keyAlgorithm"]?.string.flatMap(PublicKeyFacts.Algorithm.init(rawValue:)),
              let signature = value["signatureAlgorithm"]?.string,
              let fingerprint = value["publicKeySHA256"]?.string else { return nil }
        func strings(_ key: String) -> [String] { value[key]?.array?.compactMap(\.string) ?? [] }
        self.init(subject: subject, issuer: issuer, serialNumber: value["serialNumber"]?.string ?? "",
                  notBefore: notBefore, notAfter: notAfter, isCA: value["isCA"]?.bool ?? false,
                  publicKey: PublicKeyFacts(algorithm: algorithm, bits: value["keyBits"]?.int,
                                            curve: value["keyCurve"]?.string, oid: value["keyOID"]?.string),
                  signatureAlgorithm: SignatureAlgorithmFacts(name: signature, digest: value["signatureDigest"]?.string),
                  subjectAlternativeNames: strings("subjectAlternativeNames"), keyUsages: strings("keyUsages"),
                  extendedKeyUsages: strings("extendedKeyUsages"), isSelfSigned: value["selfSigned"]?.bool ?? false,
                  publicKeySHA256: fingerprint)
    }
}
