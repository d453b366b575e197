import BulwarkModel

/// SGR colour codes for the table output; with colour off every method returns its text unchanged,
/// so the layout code is the same either way. Pad text before colouring it: escape codes have no width.
struct ANSIPalette: Sendable {
    let enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func cyan(_ text: String) -> String { wrap(text, "36") }

    func status(_ status: ResultStatus, _ text: String) -> String {
        switch status {
        case .pass: return wrap(text, "1;32")
        case .fail: return wrap(text, "1;31")
        case .notAssessed: return wrap(text, "1;33")
        }
    }

    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .critical: return wrap(text, "1;35")
        case .high: return wrap(text, "31")
        case .medium: return wrap(text, "33")
        case .low: return wrap(text, "36")
        case .info: return wrap(text, "2")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
