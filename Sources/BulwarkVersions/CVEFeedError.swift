/// Why a whole feed file could not be used (a single bad entry is a problem, not an error).
public struct CVEFeedError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
