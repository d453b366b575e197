import Foundation
import Crypto
import SwiftASN1
import X509

/// Walks one DER certificate (RFC 5280 §4.1) into `CertificateFacts`. Names and extensions are
/// decoded by swift-certificates; the outer structure and the public key are walked here because
/// swift-certificates' `Certificate` refuses the very keys Bulwark must report (RSA under 2048
/// bits, DSA, curves it does not support).
enum CertificateDERParser {
    struct Malformed: Error, CustomStringConvertible { var description: String }

    static func facts(der: ArraySlice<UInt8>, block: Int) throws(CertificateError) -> CertificateFacts {
        do {
            return try parse(der)
        } catch let error as Malformed {
            throw CertificateError(.malformedCertificate(error.description), block: block)
        } catch {
            throw CertificateError(.malformedCertificate(Self.summary(of: error)), block: block)
        }
    }

    /// ASN.1 errors print their source location; keep the reason only.
    static func summary(of error: any Error) -> String {
        let text = String(describing: error)
        if let range = text.range(of: "reason: ") {
            return String(text[range.upperBound...].prefix { $0 != "\n" }).trimmingCharacters(in: CharacterSet(charactersIn: "\")"))
        }
        return String(text.prefix(120))
    }

    private static func parse(_ der: ArraySlice<UInt8>) throws -> CertificateFacts {
        let root = try DER.parse(der)
        return try DER.sequence(root, identifier: .sequence) { nodes in
            guard let tbs = nodes.next(), let signatureAlgorithm = nodes.next(), nodes.next() != nil else {
                throw Malformed(description: "a certificate has three parts: to-be-signed, algorithm, signature")
            }
            var facts = try tbsCertificate(tbs)
            facts.signatureAlgorithm = SignatureAlgorithmFacts.named(oid: try algorithmOID(signatureAlgorithm).oid)
            return facts
        }
    }

    private static let extensionsTag = ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific)

    private static func tbsCertificate(_ node: ASN1Node) throws -> CertificateFacts {
        try DER.sequence(node, identifier: .sequence) { nodes in
            _ = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { $0 }
            guard let serialNode = nodes.next(), serialNode.identifier == .integer, case .primitive(let serialBytes) = serialNode.content else {
                throw Malformed(description: "no serial number")
            }
            guard let signatureNode = nodes.next(), let issuerNode = nodes.next(), let validityNode = nodes.next(),
                  let subjectNode = nodes.next(), let spkiNode = nodes.next() else {
                throw Malformed(description: "the to-be-signed part is incomplete")
            }
            let signature = SignatureAlgorithmFacts.named(oid: try algorithmOID(signatureNode).oid)
            let issuer = try DistinguishedName(derEncoded: issuerNode)
            let subject = try DistinguishedName(derEncoded: subjectNode)
            let (notBefore, notAfter) = try validity(validityNode)
            let publicKey = try publicKeyFacts(spkiNode)
            var extensions = Certificate.Extensions()
            while let next = nodes.next() {
                // issuerUniqueID [1] and subjectUniqueID [2] are skipped; extensions are [3].
                guard next.identifier == extensionsTag else { continue }
                let list = try DER.explicitlyTagged(next, tagNumber: 3, tagClass: .contextSpecific) { inner in
                    try DER.sequence(of: Certificate.Extension.self, identifier: .sequence, rootNode: inner)
                }
                extensions = try Certificate.Extensions(list)
            }
            let basic = try extensions.basicConstraints
            var isCA = false
            if case .isCertificateAuthority? = basic { isCA = true }
            let subjectKeyID = try extensions.subjectKeyIdentifier?.keyIdentifier
            let authorityKeyID = try extensions.authorityKeyIdentifier?.keyIdentifier
            let sameName = issuerNode.encodedBytes == subjectNode.encodedBytes || issuer == subject
            let keyIDsAgree = subjectKeyID == nil || authorityKeyID == nil || subjectKeyID == authorityKeyID
            return CertificateFacts(
                subject: subject.description, issuer: issuer.description,
                serialNumber: Base64Text.hex(serialBytes.drop { $0 == 0 }, uppercase: true).ifEmpty("00"),
                notBefore: notBefore, notAfter: notAfter, isCA: isCA,
                publicKey: publicKey, signatureAlgorithm: signature,
                subjectAlternativeNames: try subjectAlternativeNames(extensions),
                keyUsages: try keyUsages(extensions),
                extendedKeyUsages: try extensions.extendedKeyUsage.map { $0.map(\.description) } ?? [],
                isSelfSigned: sameName && keyIDsAgree,
                publicKeySHA256: Base64Text.hex(Array(SHA256.hash(data: Array(spkiNode.encodedBytes)))))
        }
    }

    private static func algorithmOID(_ node: ASN1Node) throws -> (oid: String, parameters: ASN1Node?) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let oidNode = nodes.next() else { throw Malformed(description: "empty algorithm identifier") }
            let oid = try ASN1ObjectIdentifier(derEncoded: oidNode)
            let parameters = nodes.next()
            return (oid.description, parameters)
        }
    }

    private static func validity(_ node: ASN1Node) throws -> (Date, Date) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let from = nodes.next(), let to = nodes.next() else { throw Malformed(description: "validity needs two times") }
            return (try time(from), try time(to))
        }
    }

    private static func time(_ node: ASN1Node) throws -> Date {
        let parts: (Int, Int, Int, Int, Int, Int)
        switch node.identifier {
        case .utcTime:
            let t = try UTCTime(derEncoded: node)
            parts = (t.year, t.month, t.day, t.hours, t.minutes, t.seconds)
        case .generalizedTime:
            let t = try GeneralizedTime(derEncoded: node)
            parts = (t.year, t.month, t.day, t.hours, t.minutes, t.seconds)
        default:
            throw Malformed(description: "a validity time is neither UTCTime nor GeneralizedTime")
        }
        return CivilTime.date(year: parts.0, month: parts.1, day: parts.2, hour: parts.3, minute: parts.4, second: parts.5)
    }

    private static let curves: [String: (name: String, bits: Int)] = [
        "1.2.840.10045.3.1.7": ("P-256", 256), "1.3.132.0.34": ("P-384", 384), "1.3.132.0.35": ("P-521", 521),
        "1.2.840.10045.3.1.1": ("P-192", 192), "1.3.132.0.33": ("P-224", 224), "1.3.132.0.10": ("secp256k1", 256),
        "1.3.36.3.3.2.8.1.1.7": ("brainpoolP256r1", 256), "1.3.36.3.3.2.8.1.1.11": ("brainpoolP384r1", 384),
        "1.3.36.3.3.2.8.1.1.13": ("brainpoolP512r1", 512),
    ]

    private static func publicKeyFacts(_ spki: ASN1Node) throws -> PublicKeyFacts {
        try DER.sequence(spki, identifier: .sequence) { nodes in
            guard let algorithm = nodes.next(), let keyNode = nodes.next() else {
                throw Malformed(description: "incomplete subject public key info")
            }
            let (oid, parameters) = try algorithmOID(algorithm)
            let key = try ASN1BitString(derEncoded: keyNode)
            switch oid {
            case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10":
                let modulus = try DER.sequence(try DER.parse(key.bytes), identifier: .sequence) { ints -> ArraySlice<UInt8> in
                    guard let n = ints.next(), case .primitive(let bytes) = n.content, ints.next() != nil else {
                        throw Malformed(description: "RSA key without modulus and exponent")
                    }
                    return bytes
                }
                return PublicKeyFacts(algorithm: .rsa, bits: bitLength(modulus))
            case "1.2.840.10045.2.1":
                guard let parameters, parameters.identifier == .objectIdentifier else {
                    return PublicKeyFacts(algorithm: .ecdsa, curve: "explicit parameters")
                }
                let curveOID = try ASN1ObjectIdentifier(derEncoded: parameters).description
                let curve = curves[curveOID]
                return PublicKeyFacts(algorithm: .ecdsa, bits: curve?.bits, curve: curve?.name ?? curveOID)
            case "1.3.101.112": return PublicKeyFacts(algorithm: .ed25519, bits: 256)
            case "1.3.101.113": return PublicKeyFacts(algorithm: .ed448, bits: 456)
            case "1.2.840.10040.4.1":
                var bits: Int?
                if let parameters, case .constructed(let params) = parameters.content,
                   let p = params.first(where: { _ in true }), case .primitive(let pBytes) = p.content {
                    bits = bitLength(pBytes)
                }
                return PublicKeyFacts(algorithm: .dsa, bits: bits)
            default:
                return PublicKeyFacts(algorithm: .unknown, oid: oid)
            }
        }
    }

    /// Bits of a positive big-endian INTEGER's content (a leading 0x00 only marks it positive).
    static func bitLength(_ bytes: ArraySlice<UInt8>) -> Int {
        let significant = bytes.drop { $0 == 0 }
        guard let first = significant.first else { return 0 }
        return (significant.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }

    private static func subjectAlternativeNames(_ extensions: Certificate.Extensions) throws -> [String] {
        guard let names = try extensions.subjectAlternativeNames else { return [] }
        return names.map { name in
            switch name {
            case .dnsName(let dns): return "DNS:\(dns)"
            case .ipAddress(let address): return "IP:\(ipText(Array(address.bytes)))"
            case .uniformResourceIdentifier(let uri): return "URI:\(uri)"
            case .rfc822Name(let email): return "email:\(email)"
            case .directoryName(let dn): return "DirName:\(dn)"
            default: return "other:\(name)"
            }
        }
    }

    static func ipText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return bytes.map { String(format: "%02x", $0) }.joined() }
        return stride(from: 0, to: 16, by: 2).map { String(Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
    }

    private static func keyUsages(_ extensions: Certificate.Extensions) throws -> [String] {
        guard let usage = try extensions.keyUsage else { return [] }
        let all: [(Bool, String)] = [
            (usage.digitalSignature, "digitalSignature"), (usage.nonRepudiation, "nonRepudiation"),
            (usage.keyEncipherment, "keyEncipherment"), (usage.dataEncipherment, "dataEncipherment"),
            (usage.keyAgreement, "keyAgreement"), (usage.keyCertSign, "keyCertSign"), (usage.cRLSign, "cRLSign"),
            (usage.encipherOnly, "encipherOnly"), (usage.decipherOnly, "decipherOnly"),
        ]
        return all.filter(\.0).map(\.1)
    }
}

private extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
