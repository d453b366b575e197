import Foundation
import BulwarkModel

/// One provider of an EncryptionConfiguration: its kind and its keys' decoded lengths. Secrets
/// are decoded only to measure them; the text is never kept.
public struct EncryptionProvider: Sendable {
    public enum Kind: String, Sendable {
        case identity, aescbc, aesgcm, secretbox, kms
    }

    public var kind: Kind
    public var path: FieldPath
    /// For kms: "v1" or "v2" (`apiVersion`, default v1).
    public var kmsAPIVersion: String?
    public var keys: [Key]

    public struct Key: Sendable {
        public var name: String
        /// Decoded length in bytes; nil when the secret is missing or not valid base64.
        public var length: Int?
        public var path: FieldPath
    }

    init?(_ value: Value, path: FieldPath) {
        guard let entry = value.mapping?.entries.first, let kind = Kind(rawValue: entry.key) else { return nil }
        self.kind = kind
        self.path = path.appending(entry.key)
        let body = entry.value
        kmsAPIVersion = kind == .kms ? (body["apiVersion"]?.string ?? "v1") : nil
        keys = (body["keys"]?.array ?? []).enumerated().map { i, k in
            let secret = k["secret"]?.string
            return Key(name: k["name"]?.string ?? "", length: secret.flatMap { Data(base64Encoded: $0)?.count },
                       path: path.appending(entry.key).appending("keys").appending(index: i))
        }
    }

    /// Key lengths each provider accepts (bytes): AES-128/192/256 for aescbc/aesgcm; secretbox
    /// (XSalsa20-Poly1305) needs exactly 32.
    public var validKeyLengths: Set<Int>? {
        switch kind {
        case .aescbc, .aesgcm: return [16, 24, 32]
        case .secretbox: return [32]
        case .identity, .kms: return nil
        }
    }

    public var displayName: String { kind == .kms ? "kms \(kmsAPIVersion ?? "v1")" : kind.rawValue }
}
