import Foundation
import XCTest
import BulwarkModel
@testable import BulwarkInputs

/// The prescan may decline (nil) whenever it likes, but when it answers, its kind, namespace and
/// name must be exactly what the full parse finds — checked on hand-written traps and on every
/// YAML document of the shared corpus.
final class DocumentPrescanTests: XCTestCase {
    private func prescan(_ text: String) -> DocumentPrescan? {
        Array(text.utf8).withUnsafeBufferPointer { DocumentPrescan.scan($0) }
    }

    /// The root of the full parse (nil when it fails or is not a single document).
    private func fullRoot(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let documents = YAMLTreeBuilder.parse(bytes, lineOffset: 0)
        guard documents.count == 1, case .document(let root, _, _) = documents[0] else { return nil }
        return root
    }

    /// nil when the prescan's answer (if any) agrees with the full parse.
    private func disagreement(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let p = DocumentPrescan.scan(bytes) else { return nil }
        // A document the parser rejects yields no object whether it is skipped or parsed.
        guard let root = fullRoot(bytes) else { return nil }
        let metadata = root["metadata"]
        let namespace = metadata?["namespace"]
        let name = metadata?["name"]
        if root["kind"]?.string != p.kind { return "kind: prescan \(p.kind), parse \(String(describing: root["kind"]))" }
        if p.namespace != namespace?.string || (p.namespace == nil && namespace != nil) {
            return "namespace: prescan \(String(describing: p.namespace)), parse \(String(describing: namespace))"
        }
        if p.name != name?.string || (p.name == nil && name != nil) {
            return "name: prescan \(String(describing: p.name)), parse \(String(describing: name))"
        }
        return nil
    }

    private func check(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        Array(text.utf8).withUnsafeBufferPointer { b in
            if let problem = disagreement(b) { XCTFail(problem + "\n" + text, file: file, line: line) }
        }
    }

    func testPlainBlockDocument() {
        let text = """
        ---
        # a comment
        apiVersion: v1
        kind: Pod   # trailing comment
        metadata:
          name: web-0
          namespace: shop
          labels:
            app: web
          annotations:
            note: |
              namespace: not-this
              kind: NotThis
            other: "namespace: neither"
        spec:
          containers:
          - name: main
            image: nginx
            args: [--port, "8080"]
            command:
            - sh
            - -c
            - |
              echo hi
        """
        XCTAssertEqual(prescan(text), DocumentPrescan(kind: "Pod", namespace: "shop", name: "web-0"))
        check(text)
    }

    func testFlowMetadataAndQuotedValues() {
        XCTAssertEqual(prescan("kind: NetworkPolicy\nmetadata: {name: deny, namespace: ns-001}\nspec: {podSelector: {}}\n"),
                       DocumentPrescan(kind: "NetworkPolicy", namespace: "ns-001", name: "deny"))
        XCTAssertEqual(prescan("kind: \"Pod\"\nmetadata:\n  namespace: 'it''s'\n  name: \"a\"\n"),
                       DocumentPrescan(kind: "Pod", namespace: "it's", name: "a"))
        XCTAssertEqual(prescan("kind: Namespace\nmetadata: {name: shop, labels: {team: a}}\n"), nil, "nested flow metadata is left to the parser")
        XCTAssertEqual(prescan("kind: ClusterRole\nmetadata:\n  name: reader\nrules:\n- apiGroups: [\"\"]\n  resources: [pods]\n"),
                       DocumentPrescan(kind: "ClusterRole", namespace: nil, name: "reader"))
    }

    /// Everything the scan does not follow exactly is declined.
    func testDeclines() {
        let declined = [
            "kind: Pod\nmetadata:\n  namespace: *ns\n",                                  // alias
            "kind: Pod\nmetadata: &m\n  namespace: a\n",                                 // anchor
            "kind: Pod\nmetadata:\n  <<: *base\n  name: a\n",                             // merge key
            "kind: Pod\nmetadata:\n  namespace: !!str a\n",                               // tag
            "kind: Pod\nmetadata:\n  \"namespace\": a\n",                                 // quoted key
            "kind: Pod\nmetadata:\n  namespace:\n    a\n",                                // value on the next line
            "kind: Pod\nmetadata:\n  namespace: a\n    b\n",                              // multi-line plain scalar
            "kind: Pod\nmetadata:\n  namespace: a\n  namespace: b\n",                     // duplicate key
            "kind: Pod\nmetadata:\n  namespace: null\n",                                  // not a string
            "kind: Pod\nmetadata:\n\tnamespace: a\n",                                     // tab
            "kind: Pod\r\nmetadata:\r\n  namespace: a\r\n",                               // CRLF
            "%YAML 1.1\n---\nkind: Pod\nmetadata: {namespace: a}\n",                      // directive
            "{kind: Pod, metadata: {namespace: a}}\n",                                    // flow document
            "- kind: Pod\n",                                                              // a sequence
            "  kind: Pod\n  metadata: {namespace: a}\n",                                  // indented top level
            "kind: Pod\nmetadata:\n  annotations:\n    x: \"multi\n  namespace: evil\"\n",  // quoted scalar over lines
            "kind: Pod\nmetadata:\n  annotations: {x: a,\n  namespace: evil}\n",          // flow over lines
            "kind: Pod\nmetadata:\n  annotations:\n    x: |2\n      namespace: a\n",      // explicit indentation
            "kind: Pod\nmetadata:\n- namespace: a\n",                                     // metadata a sequence
            "apiVersion: v1\n",                                                           // no kind
            "kind: Pod\nmetadata:\n  name: a\n...\n",                                     // document end marker
            "--- !tag\nkind: Pod\n",                                                      // content on the marker line
            // After kind and metadata only column 0 is looked at: a second kind or metadata, or
            // anything that is not a plain key there, declines.
            "kind: Pod\nmetadata: {name: a}\nspec:\n  x: 1\nkind: Service\n",
            "kind: Pod\nmetadata: {name: a}\nspec: {}\nkind : Service\n",
            "kind: Pod\nmetadata:\n  name: a\nspec:\n  x: 1\nmetadata: {namespace: b}\n",
            "kind: Pod\nmetadata: {name: a}\n\"metadata\": {namespace: b}\n",
            "kind: Pod\nmetadata: {name: a}\n<<: {metadata: {namespace: b}}\n",
            "kind: Pod\nmetadata: {name: a}\n? metadata\n: {namespace: b}\n",
            "kind: Pod\nmetadata: {name: a}\nspec:\n  a: \"x\nkind: y\"\n",
            "kind: Pod\nmetadata: {name: a}\nspec: {}\n...\n",
            "kind: Pod\nmetadata: {name: a}\nspec: {}\n\tx: 1\n",
        ]
        for text in declined {
            XCTAssertNil(prescan(text), text)
            check(text)
        }
    }

    /// Where the parse's answer differs from a naive reading, the prescan must match the parse.
    func testTrapsAgreeWithTheParse() {
        let traps = [
            "kind: Pod\nmetadata:\n  name: a\n  annotations:\n    note: say \"hi\n  namespace: ns-evil\n",  // a quote inside a plain scalar
            "kind: Pod\nmetadata:\n  name: a\n  annotations:\n    note: >\n      namespace: x\n\n      more\n  namespace: real\n",
            "kind: Pod\nmetadata:\n  name: a\n  finalizers:\n  - namespace: x\n  namespace: real\n",
            "kind: Pod\nmetadata:\n  name: a\nspec:\n  namespace: not-metadata\n",
            "kind: Pod\nmetadata:\n  namespace: \"\"\n  name: a\n",
            "kind: Pod\nmetadata:\n  namespace: 'a#b'  # comment\n",
            "kind: Pod\nmetadata:\n    namespace: deep\n    name: a\n",
            "kind: Pod\nmetadata:\n  name: a # comment: here\n",
            "kind: Pod\nmetadata:\n  namespace: yes\n",
            "kind: Pod\nmetadata: {name: a, namespace: 'b'}  # c\n",
            "kind: Pod\nmetadata: {}\n",
            "kind: List\nitems:\n- kind: Pod\n  metadata: {namespace: a}\n",
            // Past kind and metadata: nested content, indentless sequences and other keys are fine.
            "metadata:\n  namespace: nsx\nkind: Pod\nspec:\n  kind: nested\n  metadata: {namespace: other}\nitems:\n- kind: x\nkinds: [a]\n-x: 1\n",
        ]
        for text in traps { check(text) }
        XCTAssertEqual(prescan(traps[0])?.namespace, "ns-evil")
        XCTAssertEqual(prescan(traps[1])?.namespace, "real")
        XCTAssertEqual(prescan(traps[3])?.namespace, nil)
        XCTAssertEqual(prescan(traps[11])?.kind, "List")
        XCTAssertEqual(prescan(traps[12]), DocumentPrescan(kind: "Pod", namespace: "nsx", name: nil))
    }

    /// Every YAML document of the shared corpus: wherever the prescan answers, it agrees with the parse.
    func testAgreesWithTheParseOnTheCorpus() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        guard FileManager.default.fileExists(atPath: corpus) else { throw XCTSkip("no corpus at \(corpus)") }
        let files = ManifestFiles.expand([corpus]).files.filter { !$0.hasSuffix(".json") }
        var answered = 0, documents = 0, failures: [String] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let bytes = Array(data)
            bytes.withUnsafeBufferPointer { all in
                for chunk in DocumentSplitter.split(all) {
                    let slice = UnsafeBufferPointer(rebasing: all[chunk.range])
                    documents += 1
                    if DocumentPrescan.scan(slice) != nil { answered += 1 }
                    if let problem = disagreement(slice) { failures.append("\(file) line \(chunk.lineOffset + 1): \(problem)") }
                }
            }
        }
        XCTAssertEqual(failures, [])
        // The point is speed: most real documents must be answered, not declined.
        XCTAssertGreaterThan(Double(answered), 0.6 * Double(documents), "answered \(answered) of \(documents)")
        print("prescan answered \(answered) of \(documents) corpus documents")
    }

    func testScopedReaderKeepsWhatTheNamespacesNeed() {
        let reader = NamespaceScopedReader(namespaces: ["shop", "default"])
        XCTAssertTrue(reader.mayConcern(nil))
        XCTAssertTrue(reader.mayConcern(DocumentPrescan(kind: "PodList", namespace: "other", name: nil)))
        XCTAssertTrue(reader.mayConcern(DocumentPrescan(kind: "Namespace", namespace: nil, name: "shop")))
        XCTAssertFalse(reader.mayConcern(DocumentPrescan(kind: "Namespace", namespace: nil, name: "other")))
        XCTAssertTrue(reader.mayConcern(DocumentPrescan(kind: "Pod", namespace: nil, name: "a")))
        XCTAssertTrue(reader.mayConcern(DocumentPrescan(kind: "Pod", namespace: "", name: "a")))
        XCTAssertFalse(reader.mayConcern(DocumentPrescan(kind: "Pod", namespace: "other", name: "a")))
        XCTAssertFalse(NamespaceScopedReader(namespaces: ["shop"]).mayConcern(DocumentPrescan(kind: "Pod", namespace: nil, name: "a")))
    }
}
