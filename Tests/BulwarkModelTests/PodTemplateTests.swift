import XCTest
import BulwarkModel

final class PodTemplateTests: XCTestCase {
    private let podSpec: Value = ["containers": [["name": "app", "image": "nginx"]], "initContainers": [["name": "init"]]]

    private func object(_ kind: String, _ body: (String, Value)) -> KubeObject {
        KubeObject(.mapping(Mapping([
            .init(key: "apiVersion", value: "v1"), .init(key: "kind", value: .string(kind)),
            .init(key: "metadata", value: ["name": "w"]), .init(key: body.0, value: body.1),
        ])))
    }

    func testEveryWorkloadKindFindsItsPod() throws {
        let template: Value = ["metadata": ["annotations": ["a": "b"]], "spec": podSpec]
        let cases: [(KubeObject, String)] = [
            (object("Pod", ("spec", podSpec)), ""),
            (object("Deployment", ("spec", ["template": template])), "spec.template"),
            (object("ReplicaSet", ("spec", ["template": template])), "spec.template"),
            (object("StatefulSet", ("spec", ["template": template])), "spec.template"),
            (object("DaemonSet", ("spec", ["template": template])), "spec.template"),
            (object("Job", ("spec", ["template": template])), "spec.template"),
            (object("ReplicationController", ("spec", ["template": template])), "spec.template"),
            (object("CronJob", ("spec", ["jobTemplate": ["spec": ["template": template]]])), "spec.jobTemplate.spec.template"),
            (object("PodTemplate", ("template", template)), "template"),
            (object("Rollout", ("spec", ["template": template])), "spec.template"),
        ]
        for (o, base) in cases {
            let pod = try XCTUnwrap(PodTemplate(of: o), o.kind)
            XCTAssertEqual(pod.basePath.description, base, o.kind)
            XCTAssertEqual(pod.containers.map(\.path.description), ["spec.initContainers[0]", "spec.containers[0]"], o.kind)
            XCTAssertEqual(o.value.value(at: pod.path("spec.containers[0].image")), "nginx", o.kind)
        }
    }

    func testObjectsWithoutPodsAreNotWorkloads() {
        XCTAssertNil(PodTemplate(of: object("Service", ("spec", ["ports": [["port": 80]]]))))
        // An unknown kind counts only when its template really holds containers.
        XCTAssertNil(PodTemplate(of: object("Widget", ("spec", ["template": ["spec": ["replicas": 1]]]))))
        XCTAssertNil(PodTemplate(of: object("Deployment", ("spec", ["template": "oops"]))))
    }
}

final class FieldPathTests: XCTestCase {
    func testParsesAndPrintsPaths() {
        let p: FieldPath = "spec.containers[2].securityContext.privileged"
        XCTAssertEqual(p.components, [.key("spec"), .key("containers"), .index(2), .key("securityContext"), .key("privileged")])
        XCTAssertEqual(p.description, "spec.containers[2].securityContext.privileged")
        let annotation = FieldPath("metadata.annotations").appending("container.apparmor.security.beta.kubernetes.io/app")
        XCTAssertEqual(annotation.description, "metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/app\"]")
        XCTAssertEqual(FieldPath(annotation.description), annotation)
    }

    func testLineOfTheDeepestKeyReached() {
        let v: Value = .mapping(Mapping([
            .init(key: "spec", value: .mapping(Mapping([
                .init(key: "containers", value: .array([.mapping(Mapping([.init(key: "name", value: "a", line: 9)]))]), line: 8),
            ])), line: 7),
        ]))
        XCTAssertEqual(v.line(at: "spec.containers[0].name"), 9)
        XCTAssertEqual(v.line(at: "spec.containers[0].securityContext.privileged"), 8)
        XCTAssertEqual(v.line(at: "spec.volumes"), 7)
    }
}
