import Foundation

/// One `-----BEGIN LABEL----- … -----END LABEL-----` block of PEM text, decoded.
struct PEMBlock: Sendable {
    var label: String
    var der: [UInt8]
    /// 1-based line of the BEGIN line.
    var line: Int

    var isCertificate: Bool { label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE" || label == "X509 CERTIFICATE" }
    var isPrivateKey: Bool { label.hasSuffix("PRIVATE KEY") }

    /// Every block of `text`, in order. Text outside blocks is ignored (openssl writes
    /// `Certificate:` dumps and comments before blocks). A BEGIN without its END, or a body that is
    /// not base64, is an error naming the block and line; a private key's body is never decoded.
    static func blocks(in text: String) throws(CertificateError) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var open: (label: String, line: Int, body: String)?
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if let label = Self.label(line, marker: "BEGIN") {
                if let current = open {
                    throw CertificateError(.truncatedPEM, block: blocks.count + 1, line: current.line)
                }
                open = (label, lineNumber, "")
            } else if let label = Self.label(line, marker: "END") {
                guard let current = open, current.label == label else {
                    throw CertificateError(.truncatedPEM, block: blocks.count + 1, line: lineNumber)
                }
                open = nil
                if label.hasSuffix("PRIVATE KEY") {
                    blocks.append(PEMBlock(label: label, der: [], line: current.line))
                    continue
                }
                guard let data = Data(base64Encoded: current.body), !data.isEmpty else {
                    throw CertificateError(.badBase64, block: blocks.count + 1, line: current.line)
                }
                blocks.append(PEMBlock(label: label, der: [UInt8](data), line: current.line))
            } else if open != nil, !line.contains(":") {
                // Headers such as `Proc-Type:` (encrypted legacy keys) are not part of the body.
                open?.body += line
            }
        }
        if let current = open { throw CertificateError(.truncatedPEM, block: blocks.count + 1, line: current.line) }
        return blocks
    }

    private static func label(_ line: String, marker: String) -> String? {
        let prefix = "-----\(marker) ", suffix = "-----"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count >= prefix.count + suffix.count else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
