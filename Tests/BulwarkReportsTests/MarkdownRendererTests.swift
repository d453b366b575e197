import XCTest
import BulwarkModel
@testable import BulwarkReports

final class MarkdownRendererTests: XCTestCase {
    /// Cell separators: pipes not escaped with a backslash.
    private func separators(_ row: Substring) -> Int {
        var count = 0
        var previous: Character = " "
        for character in row {
            if character == "|" && previous != "\\" { count += 1 }
            previous = character == "\\" && previous == "\\" ? " " : character
        }
        return count
    }

    func testStructure() throws {
        let markdown = try ReportFixtures.render(.markdown)
        for heading in ["# Bulwark report", "## Summary", "## Findings", "### S2 API authentication",
                        "### S6 Container privileges", "## Not assessed", "## Input errors and warnings",
                        "## Security contacts"] {
            XCTAssertTrue(markdown.contains("\n\(heading)\n") || markdown.hasPrefix("\(heading)\n"), heading)
        }
        XCTAssertTrue(markdown.contains("\n**3 of 6 assessed controls fail**, 2 not assessed, 4 findings (exit code 1); 1 input error.\n"))
        XCTAssertTrue(markdown.contains("| S6 | Container privileges | 1 | 2 | 1 | 33% |"))
        XCTAssertTrue(markdown.contains("| S10 | Where pods may run | 0 | 0 | 1 | — |"))
        XCTAssertTrue(markdown.contains("| **Total** | | **3** | **3** | **2** | **50%** |"))
        XCTAssertTrue(markdown.contains("<https://groups.google.com/g/kubernetes-security-announce>"))
        XCTAssertTrue(markdown.contains("<https://kubernetes.io/docs/reference/issues-security/security/>"))
        XCTAssertTrue(markdown.contains("- **BW\\-S6\\-010**") || markdown.contains("- **BW-S6-010**"))
    }

    func testTablesKeepTheirShapeWhateverTheText() throws {
        let markdown = try ReportFixtures.render(.markdown)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var expected: Int?
        for line in lines {
            guard line.hasPrefix("|") else { expected = nil; continue }
            XCTAssertTrue(line.hasSuffix("|"), String(line))
            let count = separators(line)
            if let expected {
                XCTAssertEqual(count, expected, "row has as many cells as its header: \(line)")
            } else {
                expected = count
            }
        }
        XCTAssertFalse(markdown.contains("<runs>"), "no raw HTML from the input")
        XCTAssertFalse(markdown.contains("\u{1B}"))
        XCTAssertFalse(markdown.contains("\u{07}"))
        XCTAssertTrue(markdown.contains("&lt;runs&gt;"))
        XCTAssertTrue(markdown.contains("Ünïcödé ☸ 日本"))
    }

    func testEscaping() {
        XCTAssertEqual(MarkdownText.inline("a|b\nc <d> *e*"), "a\\|b<br>c &lt;d&gt; \\*e\\*")
        XCTAssertEqual(MarkdownText.code("a|b"), "`a\\|b`")
        XCTAssertEqual(MarkdownText.code("x `y` z"), "``x `y` z``")
        XCTAssertEqual(MarkdownText.code("`y`"), "`` `y` ``")
        XCTAssertEqual(MarkdownText.code(""), "")
    }
}
