import XCTest
import BulwarkModel
@testable import BulwarkInputs

final class ManifestReaderTests: XCTestCase {
    private func parse(_ text: String, file: String = "t.yaml") -> ManifestReader.FileResult {
        ManifestReader().parse(Array(text.utf8), file: file)
    }

    func testMultiDocumentKeepsFileDocumentAndLine() {
        let r = parse("""
        # leading comment
        apiVersion: v1
        kind: Namespace
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: b
          namespace: a
        ---
        """)
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.objects.map(\.name), ["a", "b"])
        XCTAssertEqual(r.objects.map { $0.source?.document }, [0, 1])
        XCTAssertEqual(r.objects.map { $0.source?.line }, [2, 5])
        XCTAssertEqual(r.objects[1].namespace, "a")
        XCTAssertEqual(r.objects[1].value.line(at: "metadata.namespace"), 10)
    }

    func testBrokenDocumentInTheMiddleDoesNotHideTheOthers() {
        let r = parse("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: one}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: "two
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: three}
        """)
        XCTAssertEqual(r.objects.map(\.name), ["one", "three"])
        XCTAssertEqual(r.objects.map { $0.source?.document }, [0, 2])
        XCTAssertEqual(r.issues.count, 1)
        XCTAssertEqual(r.issues[0].document, 1)
        XCTAssertEqual(r.issues[0].level, .error)
        XCTAssertTrue(r.issues[0].message.hasPrefix("invalid YAML"), r.issues[0].message)
        XCTAssertEqual(r.issues[0].line.map { (5...8).contains($0) }, true)
    }

    func testDuplicateKeyIsAWarningAndTheLastValueWins() {
        let r = parse("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: first
          name: second
        spec: {containers: [{name: c, image: x}]}
        """)
        XCTAssertEqual(r.objects.first?.name, "second")
        XCTAssertEqual(r.issues.count, 1)
        XCTAssertEqual(r.issues.first?.level, .warning)
        XCTAssertEqual(r.issues.first?.line, 5)
        XCTAssertTrue(r.issues.first?.message.contains("duplicate key \"name\"") ?? false)
    }

    func testDuplicateKeyInALargeMappingIsFound() {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n"
        for i in 0..<40 { text += "  k\(i): v\n" }
        text += "  k7: last\n"
        let r = parse(text)
        XCTAssertEqual(r.objects.first?.value["data"]?["k7"], "last")
        XCTAssertEqual(r.objects.first?.value["data"]?.mapping?.entries.count, 40)
        XCTAssertEqual(r.issues.map(\.level), [.warning])
    }

    func testScalarsAreTypedLikeKubectl() {
        let r = parse("""
        apiVersion: v1
        kind: X
        metadata: {name: s}
        a: yes
        b: off
        c: 0755
        d: "0755"
        e: 1e3
        f: 1_000
        g: ~
        h: 0x1F
        i: 12:30
        j: -7
        k: 'true'
        l: !!str 42
        m: 2026-01-01
        """)
        let v = r.objects[0].value
        XCTAssertEqual(v["a"], .bool(true))
        XCTAssertEqual(v["b"], .bool(false))
        XCTAssertEqual(v["c"], .int(493))
        XCTAssertEqual(v["d"], .string("0755"))
        XCTAssertEqual(v["e"], .double(1000))
        XCTAssertEqual(v["f"], .int(1000))
        XCTAssertEqual(v["g"], .null)
        XCTAssertEqual(v["h"], .int(31))
        XCTAssertEqual(v["i"], .string("12:30"))
        XCTAssertEqual(v["j"], .int(-7))
        XCTAssertEqual(v["k"], .string("true"))
        XCTAssertEqual(v["l"], .string("42"))
        XCTAssertEqual(v["m"], .string("2026-01-01"))
    }

    func testListsAreExpandedAndTheListItselfIsNotAnObject() {
        let r = parse("""
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s1"}},
          {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r1", "namespace": "n"}},
          "oops"
        ]}
        """, file: "l.json")
        XCTAssertEqual(r.objects.map(\.kind), ["Service", "Role"])
        XCTAssertEqual(r.objects.map { $0.source?.line }, [2, 3])
        XCTAssertEqual(r.issues.count, 1)
        XCTAssertTrue(r.issues[0].message.contains("item 2 is a string"))
    }

    func testTypedListKindsAreExpanded() {
        let r = parse("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBindingList\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: RoleBinding\n  metadata: {name: rb}\n")
        XCTAssertEqual(r.objects.map(\.kind), ["RoleBinding"])
    }

    /// The API server serves typed Lists (`kubectl get --raw /api/v1/pods`) with items that carry
    /// neither kind nor apiVersion: they take the List's.
    func testTypedListItemsWithoutKindTakeTheListsKindAndAPIVersion() {
        let r = parse("""
        {"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "9"}, "items": [
          {"metadata": {"name": "web-1", "namespace": "shop"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}},
          {"metadata": {"name": "web-2", "namespace": "shop"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}
        ]}
        """, file: "pods.json")
        XCTAssertEqual(r.issues.map(\.message), [])
        XCTAssertEqual(r.objects.map(\.kind), ["Pod", "Pod"])
        XCTAssertEqual(r.objects.map(\.apiVersion), ["v1", "v1"])
        XCTAssertEqual(r.objects.map(\.name), ["web-1", "web-2"])
        XCTAssertEqual(r.objects.map { $0.source?.line }, [2, 3])
        let namespaces = parse("apiVersion: v1\nkind: NamespaceList\nitems:\n- metadata: {name: a}\n- metadata: {name: b}\n")
        XCTAssertEqual(namespaces.objects.map(\.kind), ["Namespace", "Namespace"])
        // An untyped List still needs kinds on its items.
        let untyped = parse("apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n")
        XCTAssertEqual(untyped.objects.count, 0)
        XCTAssertEqual(untyped.issues.count, 1)
    }

    func testWrongTypesAreErrorsNamingTheField() {
        let r = parse("""
        apiVersion: v1
        kind: 5
        ---
        apiVersion: v1
        kind: Pod
        metadata: "just text"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers: "nginx"
        ---
        - a
        - b
        ---
        just: a mapping
        """)
        let messages = r.issues.map(\.message)
        XCTAssertEqual(r.issues.count, 5, "\(messages)")
        XCTAssertTrue(messages[0].contains("kind is a number"))
        XCTAssertTrue(messages[1].contains("metadata is a string"))
        XCTAssertTrue(messages[2].contains("spec.template.spec.containers is a string"), messages[2])
        XCTAssertEqual(r.issues[2].line, 14)
        XCTAssertTrue(messages[3].contains("document is an array"))
        XCTAssertTrue(messages[4].contains("no apiVersion and no kind"))
        XCTAssertEqual(r.issues.map(\.document), [0, 1, 2, 3, 4])
        // The Deployment is still an object (the rest of it can be scanned).
        XCTAssertEqual(r.objects.map(\.kind), ["Deployment"])
    }

    func testMergeKeysApplyWithExplicitKeysWinning() {
        let r = parse("""
        apiVersion: v1
        kind: X
        metadata: {name: m}
        base: &base {a: 1, b: 2}
        derived:
          <<: *base
          b: 3
        """)
        XCTAssertEqual(r.objects[0].value["derived"]?["a"], .int(1))
        XCTAssertEqual(r.objects[0].value["derived"]?["b"], .int(3))
    }

    func testDirectiveBeforeTheFirstDocument() {
        let r = parse("%YAML 1.1\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: d}\n")
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.objects.map(\.name), ["d"])
        XCTAssertEqual(r.objects.first?.source?.document, 0)
    }
}
