import Foundation

/// Reads certificates from the forms Kubernetes stores them in: PEM text (one or many blocks, a
/// CA bundle), base64 of PEM (kubeconfig `*-data`, webhook `caBundle`, Secret `data`), and DER.
public enum CertificateReader {
    /// Certificates in `text`: PEM, or base64 of PEM or DER.
    public static func certificates(inText text: String) throws(CertificateError) -> [CertificateFacts] {
        if text.contains("-----BEGIN ") { return try certificates(inPEM: text) }
        if Base64Text.isBlank(text) { throw CertificateError(.empty) }
        guard let bytes = Base64Text.decode(text) else { throw CertificateError(.notCertificateData) }
        return try certificates(inBytes: bytes)
    }

    /// Certificates in base64 text (a `*-data` or `caBundle` field, a Secret's `data` value): the
    /// decoded bytes are PEM or DER.
    public static func certificates(inBase64 text: String) throws(CertificateError) -> [CertificateFacts] {
        if Base64Text.isBlank(text) { throw CertificateError(.empty) }
        guard let bytes = Base64Text.decode(text) else { throw CertificateError(.badBase64) }
        return try certificates(inBytes: bytes)
    }

    /// Certificates in a file's bytes: PEM text or one DER certificate.
    public static func certificates(inBytes bytes: [UInt8]) throws(CertificateError) -> [CertificateFacts] {
        if bytes.allSatisfy(Base64Text.isSpace) { throw CertificateError(.empty) }
        if bytes.first == 0x30 { return [try CertificateDERParser.facts(der: bytes[...], block: 1)] }
        guard let text = String(bytes: bytes, encoding: .utf8), text.contains("-----BEGIN ") else {
            throw CertificateError(.notCertificateData)
        }
        return try certificates(inPEM: text)
    }

    /// Certificates in PEM text; other blocks are skipped unless there is no certificate at all.
    public static func certificates(inPEM text: String) throws(CertificateError) -> [CertificateFacts] {
        let blocks = try PEMBlock.blocks(in: text)
        if blocks.isEmpty { throw CertificateError(Base64Text.isBlank(text) ? .empty : .notCertificateData) }
        let certificates = blocks.filter(\.isCertificate)
        if certificates.isEmpty {
            if blocks.allSatisfy(\.isPrivateKey) { throw CertificateError(.privateKeyInsteadOfCertificate, line: blocks[0].line) }
            throw CertificateError(.noCertificate(labels: blocks.map(\.label)), line: blocks[0].line)
        }
        var facts: [CertificateFacts] = []
        for (i, block) in certificates.enumerated() {
            do throws(CertificateError) {
                facts.append(try CertificateDERParser.facts(der: block.der[...], block: i + 1))
            } catch {
                var located = error
                located.line = block.line
                throw located
            }
        }
        return facts
    }
}
