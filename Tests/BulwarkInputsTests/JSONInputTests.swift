import XCTest
import Foundation
import BulwarkModel
@testable import BulwarkInputs

final class JSONInputTests: XCTestCase {
    private func parse(_ text: String, file: String = "in.json") -> ManifestReader.FileResult {
        ManifestReader().parse(Array(text.utf8), file: file)
    }

    func testEscapesSurrogatesAndTabs() {
        let r = parse("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"ConfigMap\",\n\t\"metadata\": {\"name\": \"a\\/b\\u00e9\\ud83d\\ude00\\u003c\"},\n\t\"data\": {\"n\": \"1\\n2\\t\\\"q\\\"\"}\n}\n")
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.objects.first?.name, "a/bé😀<")
        XCTAssertEqual(r.objects.first?.value["data"]?["n"], "1\n2\t\"q\"")
        XCTAssertEqual(r.objects.first?.value.line(at: "metadata.name"), 4)
    }

    func testNumbersAndLiterals() {
        let r = parse(#"{"apiVersion":"v1","kind":"X","metadata":{"name":"n"},"a":-3,"b":1.5e2,"c":true,"d":null,"e":[false,0]}"#)
        let v = r.objects[0].value
        XCTAssertEqual(v["a"], .int(-3))
        XCTAssertEqual(v["b"], .double(150))
        XCTAssertEqual(v["c"], .bool(true))
        XCTAssertEqual(v["d"], .null)
        XCTAssertEqual(v["e"], [false, 0])
    }

    func testAStreamOfValuesIsSeveralDocuments() {
        let r = parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a\"}}\n{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"b\"}}\n")
        XCTAssertEqual(r.objects.map(\.name), ["a", "b"])
        XCTAssertEqual(r.objects.map { $0.source?.document }, [0, 1])
        XCTAssertEqual(r.objects.map { $0.source?.line }, [1, 2])
    }

    func testDuplicateKeysWarn() {
        let r = parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\n\"metadata\":{\"name\":\"a\",\n\"name\":\"b\"}}")
        XCTAssertEqual(r.objects.first?.name, "b")
        XCTAssertEqual(r.issues.map(\.level), [.warning])
        XCTAssertEqual(r.issues.first?.line, 3)
    }

    func testInvalidJSONIsAnErrorWithItsLine() {
        let cases: [(String, String)] = [
            ("{\"a\": 1,}", "member name"),
            ("{\"a\": [1 2]}", "',' or ']'"),
            ("{\"a\": \"\\ud800\"}", "surrogate"),
            ("{\"a\": \"tab\there\"}", "control character"),
            ("{\"a\": tru}", "true"),
            ("{\"a\": 01}", "',' or '}'"),
            ("{\n\n\"a\": \"unterminated", "not closed"),
        ]
        for (text, fragment) in cases {
            let r = parse(text)
            XCTAssertEqual(r.objects, [], text)
            XCTAssertEqual(r.issues.count, 1, text)
            XCTAssertTrue(r.issues.first?.message.contains(fragment) ?? false, "\(text): \(r.issues.first?.message ?? "")")
        }
        XCTAssertEqual(parse("{\n\n\"a\": \"unterminated").issues.first?.line, 3)
    }

    func testInvalidUTF8InAString() {
        let r = ManifestReader().parse(Array("{\"apiVersion\":\"v1\",\"kind\":\"X\",\"metadata\":{\"name\":\"".utf8) + [0xC3, 0x28] + Array("\"}}".utf8), file: "bad.json")
        XCTAssertEqual(r.objects, [])
        XCTAssertTrue(r.issues.first?.message.contains("UTF-8") ?? false)
    }

    func testDeepNestingIsRefusedWithoutRecursingForever() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let r = parse(deep)
        XCTAssertEqual(r.issues.count, 1)
        XCTAssertTrue(r.issues.first?.message.contains("nesting") ?? false)
    }

    func testYAMLFlowStyleInAYAMLFileStillReads() {
        let r = parse("{apiVersion: v1, kind: Namespace, metadata: {name: flow}}\n", file: "flow.yaml")
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.objects.first?.name, "flow")
    }

    func testValuesWriteAsJSONThatReadsBack() throws {
        let value: Value = ["s": "quote \" backslash \\ newline \n tab \t nul \u{0} é 😀", "i": -42, "d": 1.5,
                            "b": false, "n": nil, "a": [1, "two", [:]], "m": ["k": ["x": true]]]
        let text = value.jsonText
        XCTAssertEqual(text, #"{"s":"quote \" backslash \\ newline \n tab \t nul \u0000 é 😀","i":-42,"d":1.5,"b":false,"n":null,"a":[1,"two",{}],"m":{"k":{"x":true}}}"#)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["s"] as? String, "quote \" backslash \\ newline \n tab \t nul \u{0} é 😀")
        let back = ManifestReader().parse(Array(#"{"apiVersion":"v1","kind":"X","metadata":{"name":"n"},"v":"#.utf8) + Array(text.utf8) + Array("}".utf8), file: "r.json")
        XCTAssertEqual(back.objects.first?.value["v"]?.jsonText, text)
    }
}
