/// A target or option the probe cannot use; the message names it.
public struct ProbeError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
