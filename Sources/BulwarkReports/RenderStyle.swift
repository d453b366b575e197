/// How text output may be decorated. The CLI decides: colour only on a terminal and when
/// `NO_COLOR` is unset; renderers never look at the environment themselves.
public struct RenderStyle: Sendable, Equatable {
    public var colour: Bool

    public init(colour: Bool = false) { self.colour = colour }

    public static let plain = RenderStyle(colour: false)
    public static let coloured = RenderStyle(colour: true)
}
