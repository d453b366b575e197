import BulwarkModel
@testable import BulwarkPodSecurity
import XCTest

/// Pass and fail sides of every baseline check, at each version where its behaviour changes,
/// with upstream's exact reason and detail for representative cases.
final class BaselineCheckTests: XCTestCase {
    func testHostNamespaces() {
        let allFalse = restrictedPod.with([("spec.hostNetwork", false), ("spec.hostPID", false), ("spec.hostIPC", false)])
        assertAllowed(allFalse, .baseline, 0)
        assertAllowed(allFalse, .restricted, 37)

        let single = restrictedPod.with("spec.hostPID", true)
        assertOnlyFails(single, .baseline, 0, "hostNamespaces")
        assertOnlyFails(single, .restricted, 37, "hostNamespaces")

        let all = restrictedPod.with([("spec.hostNetwork", true), ("spec.hostPID", true), ("spec.hostIPC", true)])
        let found = violation(all, .baseline, 37, "hostNamespaces")
        XCTAssertEqual(found?.reason, "host namespaces")
        // Upstream check_hostNamespaces_test.go: "hostNetwork=true, hostPID=true, hostIPC=true".
        XCTAssertEqual(found?.detail, "hostNetwork=true, hostPID=true, hostIPC=true")
        XCTAssertEqual(paths(found), ["spec.hostNetwork", "spec.hostPID", "spec.hostIPC"])
        XCTAssertEqual(found?.value, "true")

        // As real clusters print it: host namespaces (hostNetwork=true, hostPID=true).
        let two = restrictedPod.with([("spec.hostPID", true), ("spec.hostNetwork", true)])
        XCTAssertEqual(evaluate(two, .baseline, .latest).forbiddenDetail, "host namespaces (hostNetwork=true, hostPID=true)")
        XCTAssertEqual(violation(restrictedPod.with("spec.hostIPC", true), .baseline, 0, "hostNamespaces")?.detail, "hostIPC=true")
    }

    func testPrivileged() {
        assertAllowed(restrictedPod.with("spec.containers[0].securityContext.privileged", false), .baseline, 0)
        let one = restrictedPod.with("spec.containers[0].securityContext.privileged", true)
        assertOnlyFails(one, .baseline, 0, "privileged")
        assertOnlyFails(one, .restricted, 37, "privileged")
        XCTAssertEqual(violation(one, .baseline, 37, "privileged")?.detail,
                       "container \"container1\" must not set securityContext.privileged=true")

        let both = one.with("spec.initContainers[0].securityContext.privileged", true)
        let found = violation(both, .baseline, 37, "privileged")
        XCTAssertEqual(found?.reason, "privileged")
        XCTAssertEqual(found?.detail,
                       "containers \"initcontainer1\", \"container1\" must not set securityContext.privileged=true")
        XCTAssertEqual(paths(found), ["spec.initContainers[0].securityContext.privileged",
                                      "spec.containers[0].securityContext.privileged"])
    }

    func testPrivilegedVisitsEphemeralContainers() {
        let pod = restrictedPod.with("spec.ephemeralContainers", [[
            "name": "debugger",
            "securityContext": ["privileged": true, "allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]]],
        ]])
        XCTAssertEqual(paths(violation(pod, .baseline, 37, "privileged")),
                       ["spec.ephemeralContainers[0].securityContext.privileged"])
    }

    func testCapabilitiesBaseline() {
        let defaults: Value = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
                               "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]
        assertAllowed(plainPod.with("spec.containers[0].securityContext.capabilities.add", defaults), .baseline, 37)

        let raw = plainPod.with("spec.containers[0].securityContext.capabilities.add", ["SYS_ADMIN", "NET_RAW", "CHOWN", "NET_RAW"])
        let found = violation(raw, .baseline, 0, "capabilities_baseline")
        XCTAssertEqual(found?.reason, "non-default capabilities")
        XCTAssertEqual(found?.detail,
                       "container \"app\" must not include \"NET_RAW\", \"SYS_ADMIN\" in securityContext.capabilities.add")
        XCTAssertEqual(paths(found), ["spec.containers[0].securityContext.capabilities.add[0]",
                                      "spec.containers[0].securityContext.capabilities.add[1]",
                                      "spec.containers[0].securityContext.capabilities.add[3]"])
        XCTAssertEqual(found?.value, "SYS_ADMIN")

        // Under restricted the baseline check runs until 1.21; capabilities_restricted replaces it from 1.22.
        let restrictedRaw = restrictedPod.with("spec.containers[0].securityContext.capabilities.add", ["NET_RAW"])
        assertOnlyFails(restrictedRaw, .restricted, 21, "capabilities_baseline")
        assertOnlyFails(restrictedRaw, .restricted, 22, "capabilities_restricted")
    }

    func testHostPathVolumes() {
        let pod = restrictedPod.with("spec.volumes", [
            ["name": "a", "hostPath": ["path": "/a"]],
            ["name": "ok", "emptyDir": [:]],
            ["name": "b", "hostPath": ["path": "/b"]],
        ])
        let found = violation(pod, .baseline, 0, "hostPathVolumes")
        XCTAssertEqual(found?.reason, "hostPath volumes")
        XCTAssertEqual(found?.detail, "volumes \"a\", \"b\"")
        XCTAssertEqual(paths(found), ["spec.volumes[0].hostPath", "spec.volumes[2].hostPath"])
        XCTAssertEqual(found?.value, "/a")
        let one = restrictedPod.with("spec.volumes", [["name": "host", "hostPath": ["path": "/"]]])
        XCTAssertEqual(violation(one, .baseline, 37, "hostPathVolumes")?.detail, "volume \"host\"")
        assertAllowed(restrictedPod.with("spec.volumes", [["name": "e", "emptyDir": [:]]]), .baseline, 37)
        // restrictedVolumes replaces hostPathVolumes under restricted.
        assertOnlyFails(one, .restricted, 0, "restrictedVolumes")
        assertOnlyFails(one, .restricted, 37, "restrictedVolumes")
    }

    func testHostPorts() {
        assertAllowed(plainPod.with("spec.containers[0].ports", [["containerPort": 80, "hostPort": 0]]), .baseline, 37)
        assertAllowed(plainPod.with("spec.containers[0].ports", [["containerPort": 80]]), .baseline, 37)
        let pod = restrictedPod.with([
            ("spec.initContainers[0].ports", [["containerPort": 80, "hostPort": 80]]),
            ("spec.containers[0].ports", [["containerPort": 80, "hostPort": 10000], ["containerPort": 81, "hostPort": 80]]),
        ])
        let found = violation(pod, .baseline, 0, "hostPorts")
        XCTAssertEqual(found?.reason, "hostPort")
        // Ports come from a string set: sorted as text and de-duplicated.
        XCTAssertEqual(found?.detail, "containers \"initcontainer1\", \"container1\" use hostPorts 10000, 80")
        XCTAssertEqual(paths(found), ["spec.initContainers[0].ports[0].hostPort",
                                      "spec.containers[0].ports[0].hostPort", "spec.containers[0].ports[1].hostPort"])
        let single = restrictedPod.with("spec.containers[0].ports", [["containerPort": 8080, "hostPort": 8080]])
        XCTAssertEqual(violation(single, .restricted, 37, "hostPorts")?.detail, "container \"container1\" uses hostPort 8080")
    }

    func testAppArmorAnnotations() {
        let key = "container.apparmor.security.beta.kubernetes.io/container1"
        for allowed: Value in ["runtime/default", "localhost/my-profile", ""] {
            assertAllowed(restrictedPod.with(FieldPath([.key("metadata"), .key("annotations"), .key(key)]), allowed), .baseline, 0)
        }
        let pod = restrictedPod.with(FieldPath([.key("metadata"), .key("annotations"), .key(key)]), "unconfined")
        assertOnlyFails(pod, .baseline, 0, "appArmorProfile")
        assertOnlyFails(pod, .restricted, 37, "appArmorProfile")
        let found = violation(pod, .baseline, 37, "appArmorProfile")
        XCTAssertEqual(found?.reason, "forbidden AppArmor profile")
        XCTAssertEqual(found?.detail,
                       #"annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/container1="unconfined"""#)
        XCTAssertEqual(paths(found), [#"metadata.annotations["container.apparmor.security.beta.kubernetes.io/container1"]"#])
        XCTAssertEqual(found?.value, "unconfined")
    }

    func testAppArmorFields() {
        for allowed: Value in ["RuntimeDefault", "Localhost"] {
            assertAllowed(restrictedPod.with("spec.securityContext.appArmorProfile.type", allowed), .restricted, 37)
        }
        let pod = restrictedPod.with([
            ("spec.securityContext.appArmorProfile.type", "Unconfined"),
            ("spec.containers[0].securityContext.appArmorProfile.type", "Unconfined"),
        ])
        // The field is checked at every version: upstream amended the 1.0 implementation in place.
        assertOnlyFails(pod, .baseline, 0, "appArmorProfile")
        let found = violation(pod, .baseline, 37, "appArmorProfile")
        XCTAssertEqual(found?.reason, "forbidden AppArmor profile")
        XCTAssertEqual(found?.detail, #"pod and container "container1" must not set AppArmor profile type to "Unconfined""#)
        XCTAssertEqual(paths(found), ["spec.securityContext.appArmorProfile.type",
                                      "spec.containers[0].securityContext.appArmorProfile.type"])

        // Field and annotation together: values, then annotations; plural reason.
        let mixed = pod.with(FieldPath([.key("metadata"), .key("annotations"),
                                        .key("container.apparmor.security.beta.kubernetes.io/container1")]), "unconfined")
        let both = violation(mixed, .baseline, 37, "appArmorProfile")
        XCTAssertEqual(both?.reason, "forbidden AppArmor profiles")
        XCTAssertEqual(both?.detail,
                       #"pod and container "container1" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/container1="unconfined"""#)
    }

    func testSELinuxOptions() {
        for type: Value in ["", "container_t", "container_init_t", "container_kvm_t"] {
            assertAllowed(restrictedPod.with("spec.securityContext.seLinuxOptions.type", type), .baseline, 0)
        }
        assertAllowed(restrictedPod.with("spec.securityContext.seLinuxOptions.level", "s0:c123,c456"), .restricted, 37)

        // container_engine_t is allowed from 1.31.
        let engine = restrictedPod.with("spec.containers[0].securityContext.seLinuxOptions.type", "container_engine_t")
        assertOnlyFails(engine, .baseline, 30, "seLinuxOptions")
        assertOnlyFails(engine, .restricted, 30, "seLinuxOptions")
        assertAllowed(engine, .baseline, 31)
        assertAllowed(engine, .restricted, 31)
        XCTAssertEqual(violation(engine, .baseline, 30, "seLinuxOptions")?.detail,
                       #"container "container1" set forbidden securityContext.seLinuxOptions: type "container_engine_t""#)

        let user = restrictedPod.with("spec.securityContext.seLinuxOptions.user", "root")
        let userViolation = violation(user, .baseline, 37, "seLinuxOptions")
        XCTAssertEqual(userViolation?.reason, "seLinuxOptions")
        XCTAssertEqual(userViolation?.detail, "pod set forbidden securityContext.seLinuxOptions: user may not be set")
        XCTAssertEqual(paths(userViolation), ["spec.securityContext.seLinuxOptions.user"])

        let all = restrictedPod.with([
            ("spec.securityContext.seLinuxOptions", ["type": "foo", "role": "sysadm_r"]),
            ("spec.initContainers[0].securityContext.seLinuxOptions", ["type": "bar", "user": "sysadm_u"]),
            ("spec.containers[0].securityContext.seLinuxOptions", ["type": "foo"]),
        ])
        XCTAssertEqual(violation(all, .baseline, 37, "seLinuxOptions")?.detail,
                       #"pod and containers "initcontainer1", "container1" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set"#)
    }

    func testProcMountBaseline() {
        assertAllowed(restrictedPod.with("spec.containers[0].securityContext.procMount", "Default"), .restricted, 37)
        let unmasked = restrictedPod.with("spec.containers[0].securityContext.procMount", "Unmasked")
        assertOnlyFails(unmasked, .baseline, 0, "procMount")
        let found = violation(unmasked, .baseline, 37, "procMount")
        XCTAssertEqual(found?.reason, "procMount")
        XCTAssertEqual(found?.detail, #"container "container1" must not set securityContext.procMount to "Unmasked""#)
        XCTAssertEqual(paths(found), ["spec.containers[0].securityContext.procMount"])

        // hostUsers: false relaxes baseline from 1.35 only.
        let userNamespace = unmasked.with("spec.hostUsers", false)
        assertOnlyFails(userNamespace, .baseline, 34, "procMount")
        assertAllowed(userNamespace, .baseline, 35)
        assertAllowed(userNamespace, .baseline, 37)
        // hostUsers: true (or unset) relaxes nothing.
        assertOnlyFails(unmasked.with("spec.hostUsers", true), .baseline, 35, "procMount")
    }

    func testSeccompAnnotationsBefore119() {
        for allowed: Value in ["runtime/default", "docker/default", "localhost/profile.json"] {
            assertAllowed(restrictedPod.with(#"metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]"#, allowed), .baseline, 18)
        }
        let pod = plainPod.with([
            (#"metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]"#, "unconfined"),
            (#"metadata.annotations["container.seccomp.security.alpha.kubernetes.io/app"]"#, "unconfined"),
            // An annotation for a container that does not exist is ignored.
            (#"metadata.annotations["container.seccomp.security.alpha.kubernetes.io/ghost"]"#, "unconfined"),
        ])
        let found = violation(pod, .baseline, 18, "seccompProfile_baseline")
        XCTAssertEqual(found?.reason, "seccompProfile")
        XCTAssertEqual(found?.detail,
                       #"forbidden annotations container.seccomp.security.alpha.kubernetes.io/app="unconfined", seccomp.security.alpha.kubernetes.io/pod="unconfined""#)
        XCTAssertEqual(paths(found), [#"metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]"#,
                                      #"metadata.annotations["container.seccomp.security.alpha.kubernetes.io/app"]"#])
        // Empty is not an allowed annotation value (unlike AppArmor).
        let empty = plainPod.with(#"metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]"#, "")
        XCTAssertEqual(violation(empty, .baseline, 0, "seccompProfile_baseline")?.detail,
                       #"forbidden annotation seccomp.security.alpha.kubernetes.io/pod="""#)
        // From 1.19 only the fields count.
        assertAllowed(pod, .baseline, 19)
        // Restricted before 1.19 runs the baseline annotation check.
        let restricted = restrictedPod.with(#"metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]"#, "unconfined")
        assertOnlyFails(restricted, .restricted, 18, "seccompProfile_baseline")
        assertAllowed(restricted, .restricted, 19)
    }

    func testSeccompFieldsFrom119() {
        let unconfined = plainPod.with([
            ("spec.securityContext.seccompProfile.type", "Unconfined"),
            ("spec.containers[0].securityContext.seccompProfile.type", "Unconfined"),
        ])
        assertAllowed(unconfined, .baseline, 18)
        let found = violation(unconfined, .baseline, 19, "seccompProfile_baseline")
        XCTAssertEqual(found?.reason, "seccompProfile")
        XCTAssertEqual(found?.detail, #"pod and container "app" must not set securityContext.seccompProfile.type to "Unconfined""#)
        XCTAssertEqual(paths(found), ["spec.securityContext.seccompProfile.type",
                                      "spec.containers[0].securityContext.seccompProfile.type"])
        assertAllowed(plainPod.with("spec.securityContext.seccompProfile.type", "Localhost"), .baseline, 19)
        // Unset passes baseline.
        assertAllowed(plainPod, .baseline, 37)
    }

    func testSysctlsAllowListGrowsByVersion() {
        let steps: [(name: String, since: Int)] = [
            ("kernel.shm_rmid_forced", 0), ("net.ipv4.ip_local_port_range", 0), ("net.ipv4.tcp_syncookies", 0),
            ("net.ipv4.ping_group_range", 0), ("net.ipv4.ip_unprivileged_port_start", 0),
            ("net.ipv4.ip_local_reserved_ports", 27),
            ("net.ipv4.tcp_keepalive_time", 29), ("net.ipv4.tcp_fin_timeout", 29),
            ("net.ipv4.tcp_keepalive_intvl", 29), ("net.ipv4.tcp_keepalive_probes", 29),
            ("net.ipv4.tcp_rmem", 32), ("net.ipv4.tcp_wmem", 32),
            ("net.ipv4.tcp_slow_start_after_idle", 37), ("net.ipv4.tcp_notsent_lowat", 37),
        ]
        for step in steps {
            let pod = restrictedPod.with("spec.securityContext.sysctls", [["name": .string(step.name), "value": "1"]])
            if step.since > 0 {
                assertOnlyFails(pod, .baseline, step.since - 1, "sysctls")
                assertOnlyFails(pod, .restricted, step.since - 1, "sysctls")
                XCTAssertEqual(violation(pod, .baseline, step.since - 1, "sysctls")?.detail, step.name)
            }
            assertAllowed(pod, .baseline, step.since)
            assertAllowed(pod, .restricted, step.since)
            assertAllowed(pod, .baseline, 37)
        }
    }

    func testSysctlsDetailListsForbiddenNamesInOrder() {
        let pod = plainPod.with("spec.securityContext.sysctls", [
            ["name": "kernel.msgmax", "value": "1"],
            ["name": "kernel.shm_rmid_forced", "value": "1"],
            ["name": "net.core.somaxconn", "value": "1"],
        ])
        let found = violation(pod, .baseline, 37, "sysctls")
        XCTAssertEqual(found?.reason, "forbidden sysctls")
        XCTAssertEqual(found?.detail, "kernel.msgmax, net.core.somaxconn")
        XCTAssertEqual(paths(found), ["spec.securityContext.sysctls[0].name", "spec.securityContext.sysctls[2].name"])
        XCTAssertEqual(found?.value, "kernel.msgmax")
    }

    func testWindowsHostProcess() {
        assertAllowed(restrictedPod.with("spec.securityContext.windowsOptions.hostProcess", false), .restricted, 37)
        let pod = restrictedPod.with([
            ("spec.os.name", "windows"),
            ("spec.securityContext.windowsOptions.hostProcess", true),
            ("spec.initContainers[0].securityContext.windowsOptions.hostProcess", true),
            ("spec.containers[0].securityContext.windowsOptions.hostProcess", true),
        ])
        assertOnlyFails(pod, .baseline, 0, "windowsHostProcess")
        let found = violation(pod, .restricted, 37, "windowsHostProcess")
        XCTAssertEqual(found?.reason, "hostProcess")
        XCTAssertEqual(found?.detail,
                       #"pod and containers "initcontainer1", "container1" must not set securityContext.windowsOptions.hostProcess=true"#)
        XCTAssertEqual(paths(found).first, "spec.securityContext.windowsOptions.hostProcess")
    }

    func testHostProbesAndHostLifecycleFrom134() {
        let pod = restrictedPod.with("spec.containers[0].livenessProbe.httpGet", ["port": 8080, "host": "example.com"])
        assertAllowed(pod, .baseline, 33)
        assertAllowed(pod, .restricted, 33)
        assertOnlyFails(pod, .baseline, 34, "hostProbesAndHostLifecycle")
        assertOnlyFails(pod, .restricted, 34, "hostProbesAndHostLifecycle")
        let found = violation(pod, .baseline, 37, "hostProbesAndHostLifecycle")
        XCTAssertEqual(found?.reason, "probe or lifecycle host")
        XCTAssertEqual(found?.detail, #"container "container1" uses probe or lifecycle host "example.com""#)
        XCTAssertEqual(paths(found), ["spec.containers[0].livenessProbe.httpGet.host"])
        assertAllowed(restrictedPod.with("spec.containers[0].livenessProbe.httpGet", ["port": 8080, "host": ""]), .baseline, 37)
    }

    func testHostProbesAndHostLifecycleSortsContainersAndHosts() {
        let pod = restrictedPod.with([
            ("spec.containers[0].readinessProbe.tcpSocket", ["port": 80, "host": "example.com"]),
            ("spec.containers[0].lifecycle.preStop.httpGet", ["port": 80, "host": "1.1.1.1"]),
            ("spec.initContainers[0].startupProbe.httpGet", ["port": 80, "host": "example.com"]),
            ("spec.initContainers[0].lifecycle.postStart.tcpSocket", ["port": 80, "host": "10.0.0.1"]),
        ])
        let found = violation(pod, .baseline, 34, "hostProbesAndHostLifecycle")
        // Both lists come from sets: "container1" sorts before "initcontainer1".
        XCTAssertEqual(found?.detail,
                       #"containers "container1", "initcontainer1" use probe or lifecycle hosts "1.1.1.1", "10.0.0.1", "example.com""#)
        XCTAssertEqual(paths(found), [
            "spec.initContainers[0].startupProbe.httpGet.host",
            "spec.initContainers[0].lifecycle.postStart.tcpSocket.host",
            "spec.containers[0].readinessProbe.tcpSocket.host",
            "spec.containers[0].lifecycle.preStop.httpGet.host",
        ])
    }
}
