/// A Pod Security Standards policy version: `v1.N` (N from 0) or `latest`.
public struct PSSVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The minor version; `Int.max` for `latest`.
    public let minor: Int

    public static let latest = PSSVersion(minor: Int.max)
    /// The newest policy version upstream encodes.
    public static let newest = PSSVersion(minor: 37)

    public init(minor: Int) { self.minor = minor }

    /// `v1.N`, `1.N` or `latest`. Versions past the newest known are treated as `latest`, like upstream.
    public init?(parsing text: String) {
        if text == "latest" { self = .latest; return }
        var t = Substring(text)
        if t.first == "v" { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "1", let minor = Int(parts[1]), minor >= 0 else { return nil }
        self.minor = minor
    }

    public var isLatest: Bool { minor == Int.max }
    public var description: String { isLatest ? "latest" : "v1.\(minor)" }
    public static func < (a: PSSVersion, b: PSSVersion) -> Bool { a.minor < b.minor }
}
