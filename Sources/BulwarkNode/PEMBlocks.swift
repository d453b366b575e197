import Foundation

/// The PEM blocks of a file, by type. Certificates are public and kept whole; of keys only the
/// fact that one is present is kept.
struct PEMBlocks {
    var certificates: [String] = []
    var hasPrivateKey = false
    var hasPublicKey = false

    init(_ text: String) {
        var current: [Substring]?
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-----BEGIN ") {
                if trimmed.contains("PRIVATE KEY") { hasPrivateKey = true }
                if trimmed.contains("PUBLIC KEY") { hasPublicKey = true }
                current = trimmed == "-----BEGIN CERTIFICATE-----" ? [Substring(trimmed)] : nil
            } else if trimmed == "-----END CERTIFICATE-----", var block = current {
                block.append(Substring(trimmed))
                certificates.append(block.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current?.append(Substring(trimmed))
            }
        }
    }
}
