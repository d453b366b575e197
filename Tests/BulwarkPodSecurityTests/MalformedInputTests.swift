import BulwarkModel
@testable import BulwarkPodSecurity
import XCTest

/// Fields of the wrong type are recorded (the API server would reject the object) and evaluated
/// as if absent; nothing crashes on hostile input.
final class MalformedInputTests: XCTestCase {
    func testStringBooleanIsRecordedAndIgnored() {
        let pod = plainPod.with("spec.containers[0].securityContext.privileged", "true")
        let evaluation = evaluate(pod, .baseline, .latest)
        XCTAssertTrue(evaluation.allowed)
        XCTAssertEqual(evaluation.malformed, [PSSMalformedField(
            path: "spec.containers[0].securityContext.privileged", expected: "boolean", found: "string")])
    }

    func testStringHostPortIsRecordedAndIgnored() {
        let pod = plainPod.with("spec.containers[0].ports", [["containerPort": 80, "hostPort": "80"]])
        let evaluation = evaluate(pod, .baseline, .latest)
        XCTAssertTrue(evaluation.allowed)
        XCTAssertEqual(evaluation.malformed.map(\.path.description), ["spec.containers[0].ports[0].hostPort"])
        XCTAssertEqual(evaluation.malformed.first?.expected, "integer")
    }

    func testWrongTypesEvaluateAsAbsentNotAsAllowed() {
        // A string runAsNonRoot is absent, so restricted still demands runAsNonRoot=true.
        let pod = restrictedPod.with("spec.securityContext.runAsNonRoot", "true")
        let evaluation = evaluate(pod, .restricted, .latest)
        XCTAssertEqual(evaluation.violations.map(\.check), ["runAsNonRoot"])
        XCTAssertEqual(evaluation.malformed.map(\.path.description), ["spec.securityContext.runAsNonRoot"])

        // A securityContext that is not an object is absent: the container sets nothing.
        let context = restrictedPod.with("spec.containers[0].securityContext", "privileged")
        XCTAssertEqual(failedChecks(context, .restricted, 37), ["allowPrivilegeEscalation", "capabilities_restricted"])
        XCTAssertEqual(evaluate(context, .restricted, 37).malformed.first?.expected, "object")
    }

    func testMalformedAnnotationsAndLists() {
        let pod: Value = [
            "metadata": ["annotations": ["container.apparmor.security.beta.kubernetes.io/app": 7]],
            "spec": [
                "containers": [["name": "app", "securityContext": ["capabilities": ["add": "SYS_ADMIN"]]], "junk"],
                "volumes": "none",
                "securityContext": ["sysctls": [["name": 5], "kernel.msgmax"]],
            ],
        ]
        let evaluation = evaluate(pod, .baseline, .latest)
        XCTAssertEqual(Set(evaluation.malformed.map(\.path.description)), [
            #"metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]"#,
            "spec.containers[0].securityContext.capabilities.add",
            "spec.containers[1]",
            "spec.volumes",
            "spec.securityContext.sysctls[0].name",
            "spec.securityContext.sysctls[1]",
        ])
        // A sysctl entry without a usable name reads as "" (Go's zero value), which is forbidden.
        XCTAssertEqual(evaluation.violations.map(\.check), ["sysctls"])
        XCTAssertEqual(evaluation.violations.first?.detail, "")
    }

    func testNonObjectVolumeSourceIsMalformedAndIgnored() {
        let pod = restrictedPod.with("spec.volumes", [["name": "v", "hostPath": "/etc"]])
        let evaluation = evaluate(pod, .baseline, .latest)
        XCTAssertTrue(evaluation.allowed)
        XCTAssertEqual(evaluation.malformed, [PSSMalformedField(path: "spec.volumes[0].hostPath", expected: "object", found: "string")])
    }

    func testNullMeansUnsetNotMalformed() {
        let pod = restrictedPod.with([
            ("spec.hostNetwork", .null),
            ("spec.volumes", .null),
            ("spec.containers[0].ports", .null),
        ])
        let evaluation = evaluate(pod, .restricted, .latest)
        XCTAssertTrue(evaluation.allowed)
        XCTAssertTrue(evaluation.malformed.isEmpty)
        // A null securityContext is unset too (restricted then fails on it, without malformed).
        let nullContext = restrictedPod.with("spec.containers[0].securityContext", .null)
        XCTAssertTrue(evaluate(nullContext, .restricted, .latest).malformed.isEmpty)
        XCTAssertFalse(evaluate(nullContext, .restricted, .latest).allowed)
    }

    func testHostileShapesNeverCrash() {
        let junk: [Value] = [.null, true, 0, -1, .double(3.5), "x", [], [:], [[:]], [["name": [:]]], [1, "two", nil]]
        let fields: [FieldPath] = [
            "metadata", "metadata.annotations", "spec", "spec.securityContext", "spec.securityContext.sysctls",
            "spec.securityContext.seLinuxOptions", "spec.securityContext.seccompProfile",
            "spec.securityContext.windowsOptions", "spec.os", "spec.hostUsers", "spec.containers",
            "spec.containers[0]", "spec.containers[0].name", "spec.containers[0].securityContext.capabilities",
            "spec.containers[0].ports", "spec.containers[0].livenessProbe", "spec.containers[0].lifecycle",
            "spec.containers[0].lifecycle.preStop.httpGet", "spec.volumes", "spec.ephemeralContainers",
        ]
        for field in fields {
            for value in junk {
                let pod = restrictedPod.with(field, value)
                for level in PSSLevel.allCases {
                    for version in [v(0), v(18), v(19), v(25), v(35), .latest] {
                        _ = PodSecurity.evaluate(template(pod), level: level, version: version)
                    }
                }
            }
        }
    }

    func testPathsStayRelativeToThePodForWorkloadTemplates() {
        let spec = plainPod["spec"] ?? .null
        let deploymentPod = PodTemplate(
            metadata: .null, spec: spec.with("containers[0].securityContext.privileged", true),
            basePath: "spec.template")
        let evaluation = PodSecurity.evaluate(deploymentPod, level: .baseline, version: .latest)
        XCTAssertEqual(evaluation.violations.first?.paths.map(\.description), ["spec.containers[0].securityContext.privileged"])
    }
}
