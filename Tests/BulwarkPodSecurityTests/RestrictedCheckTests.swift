import BulwarkModel
@testable import BulwarkPodSecurity
import XCTest

/// Pass and fail sides of every restricted check, at each version where its behaviour changes.
final class RestrictedCheckTests: XCTestCase {
    func testRestrictedVolumes() {
        let allowed: Value = [
            ["name": "cm", "configMap": ["name": "c"]],
            ["name": "csi", "csi": ["driver": "d"]],
            ["name": "dapi", "downwardAPI": ["items": []]],
            ["name": "empty", "emptyDir": [:]],
            ["name": "eph", "ephemeral": ["volumeClaimTemplate": ["spec": [:]]]],
            ["name": "img", "image": ["reference": "busybox"]],
            ["name": "pvc", "persistentVolumeClaim": ["claimName": "c"]],
            ["name": "proj", "projected": ["sources": []]],
            ["name": "sec", "secret": ["secretName": "s"]],
        ]
        // image is allowed at every version: upstream amended the 1.0 implementation in place.
        for minor in [0, 25, 37] { assertAllowed(restrictedPod.with("spec.volumes", allowed), .restricted, minor) }

        let restricted: [String] = [
            "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs",
            "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte",
            "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos",
        ]
        for type in restricted {
            let pod = restrictedPod.with("spec.volumes", [["name": "v", .init(stringLiteral: type): [:]]])
            assertOnlyFails(pod, .restricted, 0, "restrictedVolumes")
            let found = violation(pod, .restricted, 37, "restrictedVolumes")
            XCTAssertEqual(found?.detail, "volume \"v\" uses restricted volume type \"\(type)\"")
            XCTAssertEqual(paths(found), ["spec.volumes[0].\(type)"])
            // Only hostPath matters at baseline.
            XCTAssertEqual(failedChecks(pod, .baseline, 37), type == "hostPath" ? ["hostPathVolumes"] : [])
        }

        let mixed = restrictedPod.with("spec.volumes", [
            ["name": "a", "hostPath": ["path": "/"]],
            ["name": "ok", "secret": ["secretName": "s"]],
            ["name": "b", "nfs": ["server": "s", "path": "/"]],
            ["name": "c", "somethingNew": [:]],
        ])
        let found = violation(mixed, .restricted, 37, "restrictedVolumes")
        XCTAssertEqual(found?.reason, "restricted volume types")
        XCTAssertEqual(found?.detail,
                       #"volumes "a", "b", "c" use restricted volume types "hostPath", "nfs", "unknown""#)
        XCTAssertEqual(paths(found), ["spec.volumes[0].hostPath", "spec.volumes[2].nfs", "spec.volumes[3]"])
    }

    func testAllowPrivilegeEscalation() {
        let unset = restrictedPod.with("spec.containers[0].securityContext.allowPrivilegeEscalation", .null)
        // The check exists from 1.8.
        assertAllowed(unset, .restricted, 7)
        assertOnlyFails(unset, .restricted, 8, "allowPrivilegeEscalation")
        assertAllowed(unset, .baseline, 37)
        let found = violation(unset, .restricted, 37, "allowPrivilegeEscalation")
        XCTAssertEqual(found?.reason, "allowPrivilegeEscalation != false")
        XCTAssertEqual(found?.detail, #"container "container1" must set securityContext.allowPrivilegeEscalation=false"#)
        XCTAssertEqual(paths(found), ["spec.containers[0].securityContext.allowPrivilegeEscalation"])
        XCTAssertNil(found?.value)

        let explicit = restrictedPod.with([
            ("spec.containers[0].securityContext.allowPrivilegeEscalation", true),
            ("spec.initContainers[0].securityContext.allowPrivilegeEscalation", true),
        ])
        let both = violation(explicit, .restricted, 8, "allowPrivilegeEscalation")
        XCTAssertEqual(both?.detail, #"containers "initcontainer1", "container1" must set securityContext.allowPrivilegeEscalation=false"#)
        XCTAssertEqual(both?.value, "true")
    }

    func testWindowsPodsExemptFrom125() {
        // A Windows pod with nothing restricted set: exempt from allowPrivilegeEscalation,
        // seccompProfile_restricted and capabilities_restricted from 1.25, but not runAsNonRoot.
        let windows = plainPod.with("spec.os.name", "windows")
        XCTAssertEqual(failedChecks(windows, .restricted, 24),
                       ["allowPrivilegeEscalation", "capabilities_restricted", "runAsNonRoot", "seccompProfile_restricted"])
        XCTAssertEqual(failedChecks(windows, .restricted, 25), ["runAsNonRoot"])
        XCTAssertEqual(failedChecks(windows, .restricted, 37), ["runAsNonRoot"])
        // Only the exact lower-case "windows" counts.
        XCTAssertEqual(failedChecks(plainPod.with("spec.os.name", "Windows"), .restricted, 25).count, 4)
        XCTAssertEqual(failedChecks(plainPod.with("spec.os.name", "linux"), .restricted, 25).count, 4)
    }

    func testRunAsNonRoot() {
        let podLevelUnset = restrictedPod.with("spec.securityContext.runAsNonRoot", .null)
        let found = violation(podLevelUnset, .restricted, 0, "runAsNonRoot")
        XCTAssertEqual(found?.reason, "runAsNonRoot != true")
        XCTAssertEqual(found?.detail, #"pod or containers "initcontainer1", "container1" must set securityContext.runAsNonRoot=true"#)
        XCTAssertEqual(paths(found), ["spec.initContainers[0].securityContext.runAsNonRoot",
                                      "spec.containers[0].securityContext.runAsNonRoot"])
        assertAllowed(podLevelUnset, .baseline, 37)

        // Every container opting in is enough without the pod level.
        let perContainer = podLevelUnset.with([
            ("spec.initContainers[0].securityContext.runAsNonRoot", true),
            ("spec.containers[0].securityContext.runAsNonRoot", true),
        ])
        assertAllowed(perContainer, .restricted, 0)
        assertOnlyFails(perContainer.with("spec.initContainers[0].securityContext.runAsNonRoot", .null),
                        .restricted, 0, "runAsNonRoot")

        // Explicit false wins over the implicit message and names the pod first.
        let explicit = restrictedPod.with([
            ("spec.securityContext.runAsNonRoot", false),
            ("spec.containers[0].securityContext.runAsNonRoot", false),
        ])
        let explicitViolation = violation(explicit, .restricted, 37, "runAsNonRoot")
        XCTAssertEqual(explicitViolation?.detail,
                       #"pod and container "container1" must not set securityContext.runAsNonRoot=false"#)
        XCTAssertEqual(paths(explicitViolation), ["spec.securityContext.runAsNonRoot",
                                                  "spec.containers[0].securityContext.runAsNonRoot"])
        // Container false fails even with pod-level true.
        let containerFalse = restrictedPod.with("spec.containers[0].securityContext.runAsNonRoot", false)
        XCTAssertEqual(violation(containerFalse, .restricted, 0, "runAsNonRoot")?.detail,
                       #"container "container1" must not set securityContext.runAsNonRoot=false"#)
    }

    func testRunAsNonRootRelaxedForUserNamespacesFrom135() {
        let pod = restrictedPod.with([("spec.securityContext.runAsNonRoot", false), ("spec.hostUsers", false)])
        assertOnlyFails(pod, .restricted, 34, "runAsNonRoot")
        assertAllowed(pod, .restricted, 35)
        assertAllowed(pod, .restricted, 37)
        XCTAssertTrue(evaluate(pod, .restricted, .latest).allowed)
        assertOnlyFails(pod.with("spec.hostUsers", true), .restricted, 35, "runAsNonRoot")
    }

    func testRunAsUser() {
        let root = restrictedPod.with([
            ("spec.securityContext.runAsUser", 0),
            ("spec.containers[0].securityContext.runAsUser", 0),
            ("spec.initContainers[0].securityContext.runAsUser", 1000),
        ])
        // The check exists from 1.23.
        assertAllowed(root, .restricted, 22)
        assertOnlyFails(root, .restricted, 23, "runAsUser")
        assertAllowed(root, .baseline, 37)
        let found = violation(root, .restricted, 23, "runAsUser")
        XCTAssertEqual(found?.reason, "runAsUser=0")
        XCTAssertEqual(found?.detail, #"pod and container "container1" must not set runAsUser=0"#)
        XCTAssertEqual(paths(found), ["spec.securityContext.runAsUser", "spec.containers[0].securityContext.runAsUser"])
        XCTAssertEqual(found?.value, "0")
        assertAllowed(restrictedPod.with("spec.securityContext.runAsUser", 1000), .restricted, 37)
    }

    func testRunAsUserRelaxedForUserNamespacesFrom135() {
        let pod = restrictedPod.with([("spec.containers[0].securityContext.runAsUser", 0), ("spec.hostUsers", false)])
        assertOnlyFails(pod, .restricted, 34, "runAsUser")
        assertAllowed(pod, .restricted, 35)
        assertOnlyFails(pod.with("spec.hostUsers", .null), .restricted, 35, "runAsUser")
    }

    func testUserNamespacesDoNotRelaxOtherRestrictedChecks() {
        let pod = plainPod.with("spec.hostUsers", false)
        XCTAssertEqual(failedChecks(pod, .restricted, 37),
                       ["allowPrivilegeEscalation", "capabilities_restricted", "seccompProfile_restricted"])
    }

    func testProcMountRestrictedIgnoresUserNamespaces() {
        let pod = restrictedPod.with([
            ("spec.containers[0].securityContext.procMount", "Unmasked"),
            ("spec.initContainers[0].securityContext.procMount", "Unmasked"),
            ("spec.hostUsers", false),
        ])
        assertOnlyFails(pod, .restricted, 34, "procMount")
        assertOnlyFails(pod, .restricted, 35, "procMount_restricted")
        assertAllowed(pod, .baseline, 35)
        let found = violation(pod, .restricted, 37, "procMount_restricted")
        XCTAssertEqual(found?.reason, "procMount")
        XCTAssertEqual(found?.detail, #"containers "initcontainer1", "container1" must not set securityContext.procMount to "Unmasked""#)
    }

    func testSeccompProfileRestricted() {
        let unset = restrictedPod.with("spec.securityContext.seccompProfile", .null)
        // Before 1.19 restricted only runs the baseline annotation check.
        assertAllowed(unset, .restricted, 18)
        let found = violation(unset, .restricted, 19, "seccompProfile_restricted")
        XCTAssertEqual(found?.reason, "seccompProfile")
        XCTAssertEqual(found?.detail,
                       #"pod or containers "initcontainer1", "container1" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#)
        XCTAssertEqual(paths(found), ["spec.initContainers[0].securityContext.seccompProfile.type",
                                      "spec.containers[0].securityContext.seccompProfile.type"])
        assertAllowed(unset, .baseline, 37)

        // Setting it on every container is enough.
        let perContainer = unset.with([
            ("spec.initContainers[0].securityContext.seccompProfile.type", "Localhost"),
            ("spec.containers[0].securityContext.seccompProfile.type", "RuntimeDefault"),
        ])
        assertAllowed(perContainer, .restricted, 19)

        // Explicit bad values: both seccomp checks would fail, but only the restricted one runs.
        let unconfined = restrictedPod.with([
            ("spec.securityContext.seccompProfile.type", "Unconfined"),
            ("spec.containers[0].securityContext.seccompProfile.type", "Localhost"),
        ])
        let explicit = violation(unconfined, .restricted, 37, "seccompProfile_restricted")
        XCTAssertEqual(explicit?.detail, #"pod must not set securityContext.seccompProfile.type to "Unconfined""#)
        XCTAssertEqual(failedChecks(unconfined, .restricted, 37), ["seccompProfile_restricted"])

        // A seccompProfile object with no type counts as the empty type.
        let typeless = restrictedPod.with("spec.securityContext.seccompProfile", [:])
        XCTAssertEqual(violation(typeless, .restricted, 37, "seccompProfile_restricted")?.detail,
                       #"pod must not set securityContext.seccompProfile.type to """#)
    }

    func testCapabilitiesRestricted() {
        let noDrop = restrictedPod.with("spec.containers[0].securityContext.capabilities", .null)
        // Before 1.22 restricted only checks additions against the baseline list.
        assertAllowed(noDrop, .restricted, 21)
        let found = violation(noDrop, .restricted, 22, "capabilities_restricted")
        XCTAssertEqual(found?.reason, "unrestricted capabilities")
        XCTAssertEqual(found?.detail, #"container "container1" must set securityContext.capabilities.drop=["ALL"]"#)
        XCTAssertEqual(paths(found), ["spec.containers[0].securityContext.capabilities.drop"])

        assertAllowed(restrictedPod.with("spec.containers[0].securityContext.capabilities.add", ["NET_BIND_SERVICE"]), .restricted, 37)

        let bad = restrictedPod.with([
            ("spec.initContainers[0].securityContext.capabilities", ["drop": ["NET_RAW"], "add": ["CHOWN"]]),
            ("spec.containers[0].securityContext.capabilities.add", ["SYS_ADMIN", "NET_BIND_SERVICE", "CHOWN"]),
        ])
        let detail = violation(bad, .restricted, 22, "capabilities_restricted")
        XCTAssertEqual(detail?.detail,
                       #"container "initcontainer1" must set securityContext.capabilities.drop=["ALL"]; containers "initcontainer1", "container1" must not include "CHOWN", "SYS_ADMIN" in securityContext.capabilities.add"#)
        XCTAssertEqual(paths(detail), [
            "spec.initContainers[0].securityContext.capabilities.drop",
            "spec.initContainers[0].securityContext.capabilities.add[0]",
            "spec.containers[0].securityContext.capabilities.add[0]",
            "spec.containers[0].securityContext.capabilities.add[2]",
        ])
        XCTAssertEqual(detail?.value, "[NET_RAW]")
        // CHOWN is a baseline default, so baseline still passes.
        XCTAssertEqual(failedChecks(bad, .baseline, 37), ["capabilities_baseline"])
    }

    func testPlainPodAtRestrictedLatestReportsEverythingInOrder() {
        let evaluation = evaluate(plainPod, .restricted, .latest)
        XCTAssertEqual(evaluation.violations.map(\.check),
                       ["allowPrivilegeEscalation", "capabilities_restricted", "runAsNonRoot", "seccompProfile_restricted"])
        XCTAssertEqual(evaluation.forbiddenDetail,
                       #"allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), "#
                       + #"unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), "#
                       + #"runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), "#
                       + #"seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")"#)
    }
}
