import Foundation
import Testing
import BulwarkModel
@testable import BulwarkVersions

@Suite struct SupportWindowTests {
    func date(_ text: String) -> Date { RFC3339.parse(text) ?? .distantPast }

    @Test func theThreeNewestLinesAreSupportedOnADate() {
        #expect(SupportWindow.supportedLines(at: date("2026-11-29T00:00:00Z")).map(\.id.description) == ["1.37", "1.36", "1.35"])
        // 1.34 is in its maintenance months until 2026-10-27: four lines get fixes.
        #expect(SupportWindow.supportedLines(at: date("2026-09-01T00:00:00Z")).map(\.id.description) == ["1.37", "1.36", "1.35", "1.34"])
        // Before 1.37's release.
        #expect(SupportWindow.supportedLines(at: date("2026-06-01T00:00:00Z")).map(\.id.description) == ["1.36", "1.35", "1.34", "1.33"])
    }

    @Test func endOfLifeIsTheEndOfThatDay() {
        let line = KubeVersion(1, 34)
        #expect(SupportWindow.status(of: line, at: date("2026-10-27T23:00:00Z")) == .maintenance(endOfLife: SupportWindow.line(line)!.endOfLife))
        #expect(SupportWindow.status(of: line, at: date("2026-10-28T00:00:01Z")) == .endOfLife(since: SupportWindow.line(line)!.endOfLife))
        if case .supported = SupportWindow.status(of: line, at: date("2026-08-26T00:00:00Z")) {} else { Issue.record("supported before maintenance") }
    }

    /// The published end-of-life dates (kubernetes/website data/releases/eol.yaml), where they
    /// differ from the planned 28th: 1.27 2024-07-16, 1.28 2024-10-22, 1.31 2025-11-11.
    @Test(arguments: [("1.24", "2023-07-28"), ("1.25", "2023-10-28"), ("1.26", "2024-02-28"), ("1.27", "2024-07-16"),
                      ("1.28", "2024-10-22"), ("1.29", "2025-02-28"), ("1.30", "2025-07-15"), ("1.31", "2025-11-11"),
                      ("1.32", "2026-02-28")])
    func publishedEndOfLifeDates(_ version: String, _ day: String) throws {
        let line = try #require(KubeVersion(parsing: version))
        let eol = try #require(SupportWindow.line(line)?.endOfLife)
        #expect(SupportWindow.status(of: line, at: date("\(day)T12:00:00Z")) != .endOfLife(since: eol), "\(version) still patched on \(day)")
        let nextDay = date("\(day)T00:00:00Z").addingTimeInterval(86_400 + 1)
        #expect(SupportWindow.status(of: line, at: nextDay) == .endOfLife(since: eol), "\(version) ended on \(day)")
    }

    @Test func linesOutsideTheTable() {
        #expect(SupportWindow.status(of: KubeVersion(1, 12), at: date("2026-01-01T00:00:00Z")) == .olderThanKnown(oldestKnown: KubeVersion(1, 24)))
        #expect(SupportWindow.status(of: KubeVersion(1, 40), at: date("2026-01-01T00:00:00Z")) == .newerThanKnown(newestKnown: KubeVersion(1, 37)))
    }
}
