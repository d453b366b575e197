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
    /// Works on UTF-8 bytes: Character-level string handling cost more than the X.509 parsing.
    static func blocks(in text: String) throws(CertificateError) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var open: (label: String, line: Int, body: [UInt8])?
        var lineNumber = 0
        for raw in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Base64Text.trimmed(raw)
            if let label = Self.label(line, marker: Self.begin) {
                if let current = open {
                    throw CertificateError(.truncatedPEM, block: blocks.count + 1, line: current.line)
                }
                open = (label, lineNumber, [])
            } else if let label = Self.label(line, marker: Self.end) {
                guard let current = open, current.label == label else {
                    throw CertificateError(.truncatedPEM, block: blocks.count + 1, line: lineNumber)
                }
                open = nil
                if label.hasSuffix("PRIVATE KEY") {
                    blocks.append(PEMBlock(label: label, der: [], line: current.line))
                    continue
                }
                guard let data = Data(base64Encoded: Data(current.body)), !data.isEmpty else {
                    throw CertificateError(.badBase64, block: blocks.count + 1, line: current.line)
                }
                blocks.append(PEMBlock(label: label, der: [UInt8](data), line: current.line))
            } else if open != nil, !line.contains(0x3A) {
                // Headers such as `Proc-Type:` (encrypted legacy keys) are not part of the body.
                open?.body.append(contentsOf: line)
            }
        }
        if let current = open { throw CertificateError(.truncatedPEM, block: blocks.count + 1, line: current.line) }
        return blocks
    }

    private static let begin = Array("-----BEGIN ".utf8), end = Array("-----END ".utf8), dashes = Array("-----".utf8)

    private static func label(_ line: ArraySlice<UInt8>, marker: [UInt8]) -> String? {
        guard line.count >= marker.count + dashes.count, line.starts(with: marker), line.suffix(dashes.count).elementsEqual(dashes) else { return nil }
        return String(decoding: line.dropFirst(marker.count).dropLast(dashes.count), as: UTF8.self)
    }
}

/// Byte-level helpers for base64 text.
enum Base64Text {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = bytes
        while let f = s.first, isSpace(f) { s = s.dropFirst() }
        while let l = s.last, isSpace(l) { s = s.dropLast() }
        return s
    }

    /// The bytes `text` decodes to, whitespace (line breaks of wrapped base64) ignored; nil when it is
    /// empty or not base64.
    static func decode(_ text: String) -> [UInt8]? {
        let compact = text.utf8.filter { !isSpace($0) }
        guard !compact.isEmpty, let data = Data(base64Encoded: Data(compact)) else { return nil }
        return [UInt8](data)
    }

    static func isBlank(_ text: String) -> Bool { text.utf8.allSatisfy(isSpace) }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex<C: Collection>(_ bytes: C, uppercase: Bool = false) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)])
        }
        let text = String(decoding: out, as: UTF8.self)
        return uppercase ? text.uppercased() : text
    }
}
