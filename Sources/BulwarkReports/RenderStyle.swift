import BulwarkModel

/// How human output (table, Markdown) is laid out and what of the report it shows. The CLI
/// decides: colour only on a terminal and when `NO_COLOR` is unset, the width from `COLUMNS` or
/// the terminal; renderers never look at the environment themselves. Machine formats (JSON,
/// YAML, SARIF, JUnit) always carry the whole report and ignore the display filters.
public struct RenderStyle: Sendable, Equatable {
    public var colour: Bool
    /// Columns the table may use; lines are wrapped with a hanging indent to fit.
    public var width: Int
    /// List every not-assessed control with its reason, instead of one count per section.
    public var showNotAssessed: Bool
    /// Only these guide sections (nil: all).
    public var sections: Set<GuideSection>?
    /// Only findings at or above this severity, and only controls that have such findings or
    /// (not failing) whose own severity reaches it (nil: all).
    public var minimumSeverity: Severity?

    /// Narrower than this and wrapped text would be mostly indentation.
    public static let minimumWidth = 40
    public static let defaultWidth = 100

    public init(colour: Bool = false, width: Int = RenderStyle.defaultWidth, showNotAssessed: Bool = false,
                sections: Set<GuideSection>? = nil, minimumSeverity: Severity? = nil) {
        self.colour = colour
        self.width = max(Self.minimumWidth, width)
        self.showNotAssessed = showNotAssessed
        self.sections = sections
        self.minimumSeverity = minimumSeverity
    }

    public static let plain = RenderStyle(colour: false)
    public static let coloured = RenderStyle(colour: true)

    /// Whether any display filter hides part of the report.
    var filters: Bool { sections != nil || minimumSeverity != nil }
}
