import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkAuditLog

/// The native event reader (fields read from the bytes, the rest skipped) against the general
/// path (`JSONLine.parse`, then `EventDecoder.events`): where it reads a document it must read the
/// same event, and every document the general path refuses it must leave to that path.
final class NativeEventReaderTests: XCTestCase {
    typealias A = Audit

    private func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    private func native(_ bytes: [UInt8]) -> AuditEvent? {
        bytes.withUnsafeBufferPointer { NativeEventReader.event($0, file: "f", line: 7) }
    }

    /// The general path's events, nil when the document is not valid JSON.
    private func general(_ bytes: [UInt8]) -> [AuditEvent]? {
        guard let value = try? bytes.withUnsafeBufferPointer({ (b) throws(JSONLine.Failure) -> Value in try JSONLine.parse(b) }) else {
            return nil
        }
        return EventDecoder.events(from: value, file: "f", line: 7) ?? []
    }

    /// Every field, nested values included.
    private func text(_ e: AuditEvent) -> String { String(describing: e) }

    /// Checks one document; returns whether the native reader took it.
    @discardableResult
    private func assertAgrees(_ document: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        assertAgrees(Array(document.utf8), file: file, line: line)
    }

    @discardableResult
    private func assertAgrees(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let fast = native(bytes)
        guard let fast else { return false }
        guard let events = general(bytes) else {
            XCTFail("read a document the general path refuses: \(String(decoding: bytes, as: UTF8.self))", file: file, line: line)
            return true
        }
        XCTAssertEqual(events.map(text), [text(fast)], String(decoding: bytes, as: UTF8.self), file: file, line: line)
        return true
    }

    private var pod: Value { A.pod(["containers": [A.container([("securityContext", ["privileged": true])])]]) }

    func testReadsTheEventsTheAPIServerWrites() {
        let exec = A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "web-1", code: 101,
                           uri: "/api/v1/namespaces/shop/pods/web-1/exec?command=sh", auditID: "a-1")
        XCTAssertTrue(assertAgrees(A.line(exec)))
        XCTAssertTrue(assertAgrees(A.line(A.podCreate(["containers": [A.container()]]))))
        XCTAssertTrue(assertAgrees(A.line(A.event(verb: "get", resource: "secrets", code: nil, stage: "RequestReceived", decision: nil))))
        // Pretty-printed, as an assembled multi-line document is.
        var pretty = A.event(verb: "delete", resource: "clusterroles", name: "system:x", code: 200, apiGroup: "rbac.authorization.k8s.io")
        if case .mapping(var m) = pretty { m.set("responseObject", ["kind": "Status", "details": ["name": "system:x"]]); pretty = .mapping(m) }
        XCTAssertTrue(assertAgrees(A.line(pretty).replacingOccurrences(of: ",\"", with: ",\n\t\"") + "\r\n"))
    }

    func testSkippedPartsAreCheckedButNotBuilt() {
        let base = #""kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"get","requestURI":"/api","#
        let skipped = [
            #""responseObject":{"items":[{"a":{"b":[1,-2,3.5e-3,1E+300,-0,12345678901234567890123,true,false,null,"}]\"{["]}}],"x":{}}"#,
            #""level":"Metadata","annotations":{"authorization.k8s.io/reason":"RBAC: allowed by \"x\" \\ \/ \b\f\n\r\t","authorization.k8s.io/decision":"allow"}"#,
            #""unicode":"\u00e9\ud83d\ude00 lone \ud800 low \udc00 pair-broken \ud800\u0041 end","e\u0301":"é""#,
            #""deep":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ]
        for part in skipped { XCTAssertTrue(assertAgrees("{" + base + part + "}"), part) }
    }

    func testKeysAreComparedAsTheyDecode() {
        // An escaped key is the key it decodes to; only the first entry of a key counts.
        let event = #"{"kind":"Event","v\u0065rb":"create","requestURI":"/api/v1/namespaces/s/pods","objectRef":{"res\u006furce":"pods","resource":"x","namespace":"s"},"# +
            #""verb":"delete","user":{"username":5,"username":"second","gr\/oups":["no"],"groups":["a",1,null,"b"]},"# +
            #""responseStatus":{"code":201.0,"code":201},"sourceIPs":"10.0.0.1","requestObject":null,"requestObject":{"kind":"Pod"}}"#
        XCTAssertTrue(assertAgrees(event))
        let read = native(Array(event.utf8))
        XCTAssertEqual(read?.verb, "create")
        XCTAssertEqual(read?.objectRef.resource, "pods")
        XCTAssertEqual(read?.username, "")
        XCTAssertEqual(read?.groups, ["a", "b"])
        XCTAssertNil(read?.responseCode, "201.0 is not an Int")
        XCTAssertNil(read?.requestObject)
        XCTAssertEqual(read?.sourceIPs, [])
        // Non-ASCII keys (Kelvin sign K is canonically K) are compared as strings.
        XCTAssertTrue(assertAgrees(#"{"\u212Aind":"x","kind":"Event","verb":"get","requestURI":"/","ʋerb":"no"}"#))
    }

    func testOtherFormsAndRefusedDocumentsAreLeftToTheGeneralPath() {
        let inner = A.line(A.event(verb: "get", resource: "pods"))
        let left = [
            #"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":["# + inner + "]}",
            #"{"kind":"Pod","apiVersion":"v1"}"#,
            #"{"kind":"Event","apiVersion":"v1","verb":"get","requestURI":"/"}"#,
            #"{"verb":"get"}"#,
            #"{"message":"#  + "\"" + inner.replacingOccurrences(of: "\"", with: "\\\"") + "\"}",
            #"{"kind":"Event","verb":"get","requestURI":"/","protoPayload":{}}"#,
            #"{"records":[]}"#, #"{"properties":{"log":"{}"}}"#, #"{"logEvents":[]}"#, #"{"@message":{}}"#,
            "[" + inner + "]", "5", "\"text\"",
        ]
        for document in left { XCTAssertNil(native(Array(document.utf8)), document) }
        XCTAssertNotNil(native(Array(#"{"kind":5,"verb":"get"}"#.utf8)), "a kind that is no string is an Event")
    }

    func testInvalidDocumentsAreLeftToTheGeneralPath() {
        let good = A.line(A.event(verb: "get", resource: "pods"))
        var invalid = [
            String(good.dropLast()), good + " x", good + "}", "{", "",
            good.replacingOccurrences(of: "\"code\":201", with: "\"code\":2.0.1"),
            good.replacingOccurrences(of: "\"code\":201", with: "\"code\":-"),
            good.replacingOccurrences(of: "\"level\":\"Metadata\"", with: "\"level\":\"Meta\u{01}data\""),
            good.replacingOccurrences(of: "\"level\":\"Metadata\"", with: "\"level\":\"\\x\""),
            good.replacingOccurrences(of: "\"level\":\"Metadata\"", with: "\"level\":\"\\u12G4\""),
            good.replacingOccurrences(of: "\"level\":\"Metadata\"", with: "\"level\":\"\\u12\""),
            good.replacingOccurrences(of: "\"level\":\"Metadata\"", with: "\"level\":tru"),
            good.replacingOccurrences(of: "\"level\":\"Metadata\"", with: "\"level\":{\"a\" 1}"),
            good.replacingOccurrences(of: "\"level\":\"Metadata\"", with: "\"level\":[1 2]"),
            good.replacingOccurrences(of: "\"level\":\"Metadata\"", with: "\"level\":{1:2}"),
        ]
        invalid.append(good.replacingOccurrences(of: "\"level\":\"Metadata\"",
                                                 with: "\"level\":" + String(repeating: "[", count: 130) + String(repeating: "]", count: 130)))
        for document in invalid {
            XCTAssertNotNil(withBytes(document) { b in Result { () throws(JSONLine.Failure) in try JSONLine.parse(b) }.failure }, document)
            XCTAssertNil(native(Array(document.utf8)), document)
        }
    }

    /// Skipping a value makes every check building it makes, failing at the same place.
    func testSkippingAcceptsWhatParsingAccepts() {
        let documents = [
            #"{"a":[1,{"b":"c\"d"}],"e":-1.5e3}"#, #"[]"#, #"{}"#, #" 12 "#, #"-"#, #"1.2.3"#, #"01"#, #"1e"#, #"99999999999999999999"#,
            #""\ud800\u0041""#, #""\u00""#, #""a"#, #"{"a":}"#, #"{"a" "b"}"#, #"[1,]"#, #"nul"#, #"{"a":1,,"b":2}"#, "\"\u{7F}\"",
            String(repeating: "[", count: 128) + String(repeating: "]", count: 128),
            String(repeating: "[", count: 127) + String(repeating: "]", count: 127),
        ]
        for document in documents {
            withBytes(document) { b in
                let parsed = Result { () throws(JSONLine.Failure) in try JSONLine.parse(b) }
                let skipped = Result { () throws(JSONLine.Failure) in
                    try JSONLine.read(b) { (p: inout JSONLine) throws(JSONLine.Failure) in try p.skipValue(depth: 0) }
                }
                XCTAssertEqual(parsed.failure, skipped.failure, document)
            }
        }
    }

    /// Byte-mutated and cut events (seeded, so a failure repeats): whatever the reader takes,
    /// the general path reads the same way.
    func testMutatedEventsAgreeWithTheGeneralPath() {
        let lines = [
            A.line(A.event(verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "web-1", code: 101)),
            A.line(A.podCreate(["containers": [A.container([("securityContext", ["privileged": true])])], "hostPID": true])),
            A.line(A.event(verb: "get", resource: "secrets", user: "system:anonymous", code: 403, decision: "forbid")),
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
        let alphabet = Array(#"{}[]":,\u0041-1e.5tfn "#.utf8) + [0x00, 0x0A, 0xC3, 0xFF]
        var taken = 0
        for i in 0..<3000 {
            var bytes = Array(lines[i % lines.count].utf8)
            if i % 3 == 0 { bytes = Array(bytes.prefix(next(bytes.count + 1))) }
            for _ in 0..<(1 + next(3)) where !bytes.isEmpty {
                let at = next(bytes.count)
                switch next(3) {
                case 0: bytes[at] = alphabet[next(alphabet.count)]
                case 1: bytes.insert(alphabet[next(alphabet.count)], at: at)
                default: bytes.remove(at: at)
                }
            }
            if assertAgrees(bytes) { taken += 1 }
        }
        XCTAssertGreaterThan(taken, 300, "most mutants that stay valid are read natively")
    }

    func testAttackToolSearchAnswersAsFoundationDoes() {
        let agents = ["kube-hunter/1.0", "Mozilla KUBE-HUNTER", "nmap then kube-hunter", "NMAP scripting engine", "cdk/v1.5", "curl\r\nnmap",
                      "masscanner", "kubectl/v1.31.0 (linux/amd64) kubernetes/abc", "", "n", "nma", "gobuste", "GoBuster/3", "nikto\u{301}",
                      "ÄÖÜ nikto", "\u{212A}ube-hunter", "zgrab\u{0}", "x sqlmap", "nucleinuclei", "kdigger kubeletctl"]
        for agent in agents {
            let lower = agent.lowercased()
            let expected = AuditFacts.attackTools.first { lower.contains($0) }.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            XCTAssertEqual(AuditFacts.attackTool(agent), expected, agent)
        }
        XCTAssertEqual(AuditFacts.attackTool("nmap then kube-hunter"), "kube-hunter", "the first tool listed wins, not the first in the text")
    }

    /// IPv4 addresses read from bytes as `split` and `Int` read them (signs included).
    func testIPv4AddressesReadAsBefore() {
        let cases: [(String, Bool)] = [
            ("8.8.8.8", true), ("+8.8.8.8", true), ("-0.1.2.3", false), ("10.0.0.1", false), ("8.8.8", false), ("8.8.8.8.8", false),
            ("8..8.8", false), ("8.8.8.256", false), ("0008.8.8.8", false), ("8.8.8.+", false), ("224.0.0.1", false), ("223.1.1.1", true),
            ("100.64.1.1", false), ("100.128.1.1", true), ("172.15.0.1", true), ("172.16.0.1", false), ("", false), ("\u{0668}.8.8.8", false),
            ("::ffff:8.8.4.4", true), ("fd00::1", false),
        ]
        for (address, expected) in cases { XCTAssertEqual(AuditFacts.isPublicIP(address), expected, address) }
    }
}

private extension Result {
    var failure: Failure? { if case .failure(let f) = self { return f }; return nil }
}
