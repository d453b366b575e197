/// A Pod Security Standards policy version: `v1.N` (N from 0) or `latest`.
public struct PSSVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The minor version; `Int.max` for `latest`.
    public let minor: Int

    public static let latest = PSSVersion(minor: Int.max)
    /// The newest policy version upstream encodes.
    public static let newest = PSSVersion(minor: 37)

    public init(minor: Int) { self.minor = minor }

    /// `latest` or `v1.N`, exactly as upstream's `api.ParseVersion` accepts them: the pattern
    /// `^v1\.([0-9]|[1-9][0-9]*)$` (a leading `v`, no leading zeros, ASCII digits only, nothing
    /// around it), and N must fit an `Int` (Go's `strconv.Atoi`). Anything else is nil.
    /// Versions past the newest known are accepted and evaluate as `latest`, like upstream.
    public init?(parsing text: String) {
        if text == "latest" { self = .latest; return }
        let bytes = Array(text.utf8)
        let prefix = Array("v1.".utf8)
        guard bytes.count > prefix.count, bytes.starts(with: prefix) else { return nil }
        let digits = bytes[prefix.count...]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              digits.count == 1 || digits.first != UInt8(ascii: "0"),
              let minor = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
        self.minor = minor
    }

    public var isLatest: Bool { minor == Int.max }
    public var description: String { isLatest ? "latest" : "v1.\(minor)" }
    public static func < (a: PSSVersion, b: PSSVersion) -> Bool { a.minor < b.minor }
}
