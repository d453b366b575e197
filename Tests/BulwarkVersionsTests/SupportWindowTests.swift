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

    @Test func linesOutsideTheTable() {
        #expect(SupportWindow.status(of: KubeVersion(1, 12), at: date("2026-01-01T00:00:00Z")) == .olderThanKnown(oldestKnown: KubeVersion(1, 24)))
        #expect(SupportWindow.status(of: KubeVersion(1, 40), at: date("2026-01-01T00:00:00Z")) == .newerThanKnown(newestKnown: KubeVersion(1, 37)))
    }
}
