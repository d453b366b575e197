import XCTest
import Foundation
import BulwarkModel
@testable import BulwarkInputs

/// Input built to break parsers: each must give an error naming the file, never a crash or a hang,
/// and good documents next to it must still be read.
final class HostileInputTests: XCTestCase {
    private let good = "apiVersion: v1\nkind: Namespace\nmetadata: {name: survivor}\n"

    private func parse(_ bytes: [UInt8]) -> ManifestReader.FileResult {
        ManifestReader().parse(bytes, file: "hostile.yaml")
    }

    private func assertOneErrorAndSurvivor(_ bad: [UInt8], contains fragment: String,
                                           file: StaticString = #filePath, line: UInt = #line) {
        let r = parse(Array(good.utf8) + Array("---\n".utf8) + bad)
        XCTAssertEqual(r.objects.map(\.name), ["survivor"], file: file, line: line)
        let errors = r.issues.filter { $0.level == .error }
        XCTAssertEqual(errors.count, 1, "\(r.issues)", file: file, line: line)
        XCTAssertEqual(errors.first?.file, "hostile.yaml", file: file, line: line)
        XCTAssertEqual(errors.first?.document, 1, file: file, line: line)
        XCTAssertNotNil(errors.first?.line, file: file, line: line)
        XCTAssertTrue(errors.first?.message.contains(fragment) ?? false, "\(errors.first?.message ?? "")", file: file, line: line)
        // No message echoes a long stretch of the input.
        XCTAssertLessThan(errors.first?.message.count ?? 0, 300, file: file, line: line)
    }

    func testTruncatedDocument() {
        assertOneErrorAndSurvivor(Array("apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"trunc".utf8), contains: "invalid YAML")
    }

    func testBinaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = 0  // a NUL early on
        let r = parse(Array(good.utf8) + Array("---\n".utf8) + bytes)
        XCTAssertEqual(r.objects.map(\.name), ["survivor"])
        XCTAssertFalse(r.issues.filter { $0.level == .error }.isEmpty)
    }

    func testInvalidUTF8() {
        assertOneErrorAndSurvivor(Array("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {k: \"".utf8) + [0xC3, 0x28, 0xFF] + Array("\"}\n".utf8),
                                  contains: "invalid")
    }

    func testHundredThousandDeepFlowNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        assertOneErrorAndSurvivor(Array(("a: " + deep + "\n").utf8), contains: "nesting")
    }

    func testHundredThousandDeepJSONObjects() {
        let deep = String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        assertOneErrorAndSurvivor(Array(deep.utf8), contains: "nesting")
    }

    func testDeepBlockNestingBeyondTheLimit() {
        // Block nesting costs indentation, so 2,000 levels is already a 2 MB document.
        var text = ""
        for depth in 0..<2_000 { text += String(repeating: " ", count: depth) + "k:\n" }
        assertOneErrorAndSurvivor(Array(text.utf8), contains: "nesting")
    }

    func testBillionLaughsAliasBomb() {
        var text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        let start = Date()
        assertOneErrorAndSurvivor(Array(text.utf8), contains: "alias")
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "alias expansion must be refused, not performed")
    }

    func testOrdinaryAnchorsStillWork() {
        let r = parse(Array("apiVersion: v1\nkind: X\nmetadata: {name: a}\nx: &v {k: 1}\ny: *v\n".utf8))
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.objects.first?.value["y"]?["k"], .int(1))
    }

    func testThirtyMegabyteString() {
        let big = String(repeating: "x", count: 30 << 20)
        let text = good + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: \(big)\n"
        let r = parse(Array(text.utf8))
        XCTAssertEqual(r.objects.map(\.name), ["survivor", "big"])
        XCTAssertEqual(r.objects.last?.value["data"]?["blob"]?.string?.utf8.count, 30 << 20)
        // Summaries of values never carry the whole string.
        XCTAssertLessThan(r.objects.last?.value["data"]?["blob"]?.summary().count ?? .max, 200)
    }

    func testNonScalarKey() {
        assertOneErrorAndSurvivor(Array("apiVersion: v1\nkind: X\n? [a, b]\n: c\n".utf8), contains: "key")
    }

    func testUnknownAnchor() {
        assertOneErrorAndSurvivor(Array("apiVersion: v1\nkind: X\nmetadata: *nothing\n".utf8), contains: "anchor")
    }

    func testOversizedFileIsRefusedWithoutParsing() {
        let r = ManifestReader(maxFileBytes: 10).parse(Array(good.utf8), file: "big.yaml")
        XCTAssertEqual(r.objects, [])
        XCTAssertEqual(r.issues.first?.file, "big.yaml")
        XCTAssertTrue(r.issues.first?.message.contains("limit") ?? false)
    }

    func testAFolderWithBadAndGoodFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(good.utf8).write(to: dir.appendingPathComponent("sub/good.yml"))
        try Data([0xFF, 0xFE, 0x00, 0x01, 0x02]).write(to: dir.appendingPathComponent("binary.yaml"))
        try Data("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"svc\"}}".utf8).write(to: dir.appendingPathComponent("svc.json"))
        try Data("not: scanned".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        try Data(good.utf8).write(to: dir.appendingPathComponent(".hidden/skip.yaml"))
        let inventory = ManifestReader().read([dir.path, dir.path + "/missing.yaml"])
        XCTAssertEqual(Set(inventory.objects.map(\.name)), ["survivor", "svc"])
        let errorFiles = inventory.issues.filter { $0.level == .error }.map { URL(fileURLWithPath: $0.file).lastPathComponent }
        XCTAssertEqual(Set(errorFiles), ["binary.yaml", "missing.yaml"])
        XCTAssertTrue(inventory.objects.allSatisfy { $0.source?.file.hasPrefix(dir.path + "/") ?? false })
    }
}
