import BulwarkModel
@testable import BulwarkPodSecurity
import XCTest

/// Reason and detail strings taken verbatim from upstream's own unit tests
/// (kubernetes/kubernetes staging/src/k8s.io/pod-security-admission/policy/check_*_test.go,
/// newest stored versions). Each case evaluates the pod through the public engine and picks the
/// named check's violation, so it also covers decoding and registry selection.
final class UpstreamCheckMessageTests: XCTestCase {
    private func container(_ name: String, _ securityContext: Value? = nil) -> Value {
        var mapping = Mapping([Mapping.Entry(key: "name", value: .string(name))])
        if let securityContext { mapping.set("securityContext", securityContext) }
        return .mapping(mapping)
    }

    /// A mapping with computed keys, in order.
    private func object(_ pairs: [(String, Value)]) -> Value {
        .mapping(Mapping(pairs.map { Mapping.Entry(key: $0.0, value: $0.1) }))
    }

    private func pod(metadata: Value = [:], spec: Value) -> Value {
        ["metadata": metadata, "spec": spec]
    }

    private func assertMessage(_ pod: Value, _ check: String, level: PSSLevel = .restricted, version: PSSVersion = .latest,
                               reason: String, detail: String, file: StaticString = #filePath, line: UInt = #line) {
        let found = PodSecurity.evaluate(template(pod), level: level, version: version).violations.first { $0.check == check }
        XCTAssertNotNil(found, "expected \(check) to fail", file: file, line: line)
        XCTAssertEqual(found?.reason, reason, file: file, line: line)
        XCTAssertEqual(found?.detail, detail, file: file, line: line)
    }

    private func assertPasses(_ pod: Value, _ check: String, level: PSSLevel = .restricted, version: PSSVersion = .latest,
                              file: StaticString = #filePath, line: UInt = #line) {
        let found = PodSecurity.evaluate(template(pod), level: level, version: version).violations.first { $0.check == check }
        XCTAssertNil(found, "\(check): \(found?.detail ?? "")", file: file, line: line)
    }

    // check_hostNamespaces_test.go
    func testHostNamespaces() {
        assertMessage(pod(spec: ["hostNetwork": true, "hostIPC": true, "hostPID": true, "containers": [container("a")]]),
                      "hostNamespaces", reason: "host namespaces", detail: "hostNetwork=true, hostPID=true, hostIPC=true")
        assertMessage(pod(spec: ["hostIPC": true, "hostNetwork": true, "containers": [container("a")]]),
                      "hostNamespaces", reason: "host namespaces", detail: "hostNetwork=true, hostIPC=true")
    }

    // check_appArmorProfile_test.go (post-1.30 version, fields and deprecated annotations)
    func testAppArmorProfile() {
        let unconfined: Value = ["appArmorProfile": ["type": "Unconfined"]]
        let runtimeDefault: Value = ["appArmorProfile": ["type": "RuntimeDefault"]]
        assertMessage(pod(spec: ["securityContext": unconfined]), "appArmorProfile", level: .baseline,
                      reason: "forbidden AppArmor profile", detail: #"pod must not set AppArmor profile type to "Unconfined""#)
        assertMessage(pod(spec: ["securityContext": runtimeDefault, "containers": [container("foo", unconfined)]]),
                      "appArmorProfile", level: .baseline, reason: "forbidden AppArmor profile",
                      detail: #"container "foo" must not set AppArmor profile type to "Unconfined""#)
        assertMessage(pod(spec: ["securityContext": runtimeDefault, "containers": [container("foo")],
                                 "initContainers": [container("bar", unconfined)]]),
                      "appArmorProfile", level: .baseline, reason: "forbidden AppArmor profile",
                      detail: #"container "bar" must not set AppArmor profile type to "Unconfined""#)

        let prefix = "container.apparmor.security.beta.kubernetes.io/"
        let annotations = object([
            (prefix, "bogus"), (prefix + "a", ""), (prefix + "b", "runtime/default"), (prefix + "c", "localhost/"),
            (prefix + "d", "localhost/foo"), (prefix + "e", "unconfined"), (prefix + "f", "unknown"),
        ])
        assertMessage(pod(metadata: ["annotations": annotations], spec: ["containers": [container("a")]]),
                      "appArmorProfile", level: .baseline, reason: "forbidden AppArmor profiles",
                      detail: "annotations must not set AppArmor profile type to " + [
                          #""container.apparmor.security.beta.kubernetes.io/="bogus"""#,
                          #""container.apparmor.security.beta.kubernetes.io/e="unconfined"""#,
                          #""container.apparmor.security.beta.kubernetes.io/f="unknown"""#,
                      ].joined(separator: ", "))

        // Allowed cases (TestCheckAppArmor_Allowed).
        for value in ["runtime/default", "localhost/sec-profile01"] {
            assertPasses(pod(metadata: ["annotations": object([(prefix + "test", .string(value)), ("env", "prod")])],
                             spec: ["containers": [container("test")]]), "appArmorProfile", level: .baseline)
        }
        assertPasses(pod(spec: ["securityContext": runtimeDefault]), "appArmorProfile", level: .baseline)
        assertPasses(pod(spec: ["containers": [container("foo", runtimeDefault)]]), "appArmorProfile", level: .baseline)
    }

    // check_privileged_test.go
    func testPrivileged() {
        assertMessage(pod(spec: ["containers": [
            container("a"), container("b", [:]), container("c", ["privileged": false]),
            container("d", ["privileged": true]), container("e", ["privileged": true]),
        ]]), "privileged", reason: "privileged", detail: #"containers "d", "e" must not set securityContext.privileged=true"#)
    }

    // check_capabilities_baseline_test.go
    func testCapabilitiesBaseline() {
        assertMessage(pod(spec: ["containers": [
            container("a", ["capabilities": ["add": ["FOO", "BAR"]]]),
            container("b", ["capabilities": ["add": ["BAR", "BAZ"]]]),
        ]]), "capabilities_baseline", level: .baseline, reason: "non-default capabilities",
        detail: #"containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add"#)
    }

    // check_capabilities_restricted_test.go
    func testCapabilitiesRestricted() {
        assertMessage(pod(spec: ["containers": [
            container("a", ["capabilities": ["add": ["FOO", "BAR"]]]),
            container("b", ["capabilities": ["add": ["BAR", "BAZ"]]]),
            container("c", ["capabilities": ["add": ["NET_BIND_SERVICE", "CHOWN"], "drop": ["ALL", "FOO"]]]),
        ]]), "capabilities_restricted", reason: "unrestricted capabilities",
        detail: #"containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add"#)
    }

    // check_hostPathVolumes_test.go
    func testHostPathVolumes() {
        assertMessage(pod(spec: ["volumes": [
            ["name": "a", "hostPath": [:]], ["name": "b", "hostPath": [:]], ["name": "c", "emptyDir": [:]],
        ]]), "hostPathVolumes", level: .baseline, reason: "hostPath volumes", detail: #"volumes "a", "b""#)
    }

    // check_hostPorts_test.go
    func testHostPorts() {
        assertMessage(pod(spec: ["containers": [
            ["name": "a", "ports": [["hostPort": 0]]],
            ["name": "b", "ports": [["hostPort": 0], ["hostPort": 20]]],
        ]]), "hostPorts", level: .baseline, reason: "hostPort", detail: #"container "b" uses hostPort 20"#)
        assertMessage(pod(spec: ["containers": [
            ["name": "a", "ports": [["hostPort": 0]]],
            ["name": "b", "ports": [["hostPort": 0], ["hostPort": 10], ["hostPort": 20]]],
            ["name": "c", "ports": [["hostPort": 0], ["hostPort": 10], ["hostPort": 30]]],
        ]]), "hostPorts", level: .baseline, reason: "hostPort", detail: #"containers "b", "c" use hostPorts 10, 20, 30"#)
    }

    // check_hostProbesAndhostLifecycle_test.go (the merged "probe or lifecycle host" version)
    func testHostProbesAndHostLifecycle() {
        func probe(_ kind: String, _ host: String) -> Value { object([(kind, ["host": .string(host)])]) }
        assertMessage(pod(spec: ["containers": [[
            "name": "a", "livenessProbe": probe("httpGet", "127.0.0.1"), "readinessProbe": probe("tcpSocket", "::1"),
            "startupProbe": probe("httpGet", "localhost"),
        ]]]), "hostProbesAndHostLifecycle", level: .baseline, reason: "probe or lifecycle host",
        detail: #"container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost""#)
        assertMessage(pod(spec: ["containers": [["name": "d", "lifecycle": ["postStart": probe("tcpSocket", "invalid.host")]]]]),
                      "hostProbesAndHostLifecycle", level: .baseline, reason: "probe or lifecycle host",
                      detail: #"container "d" uses probe or lifecycle host "invalid.host""#)
        assertMessage(pod(spec: ["containers": [
            ["name": "valid"],
            ["name": "invalid1", "livenessProbe": probe("httpGet", "a.com")],
            ["name": "invalid2", "lifecycle": ["preStop": probe("tcpSocket", "b.com")], "startupProbe": probe("httpGet", "a.com")],
        ]]), "hostProbesAndHostLifecycle", level: .baseline, reason: "probe or lifecycle host",
        detail: #"containers "invalid1", "invalid2" use probe or lifecycle hosts "a.com", "b.com""#)
        assertMessage(pod(spec: ["initContainers": [["name": "init", "livenessProbe": probe("httpGet", "invalid.init.host")]]]),
                      "hostProbesAndHostLifecycle", level: .baseline, reason: "probe or lifecycle host",
                      detail: #"container "init" uses probe or lifecycle host "invalid.init.host""#)
        // Not checked before v1.34.
        assertPasses(pod(spec: ["containers": [["name": "a", "livenessProbe": probe("httpGet", "a.com")]]]),
                     "hostProbesAndHostLifecycle", level: .baseline, version: PSSVersion(minor: 33))
    }

    // check_procMount_baseline_test.go / check_procMount_restricted_test.go
    func testProcMount() {
        let containers: Value = [
            container("a"), container("b", [:]), container("c", ["procMount": "Default"]),
            container("d", ["procMount": "Unmasked"]), container("e", ["procMount": "other"]),
        ]
        let detail = #"containers "d", "e" must not set securityContext.procMount to "Unmasked", "other""#
        for hostUsers: Value in [true, .null] {
            assertMessage(pod(spec: ["hostUsers": hostUsers, "containers": containers]), "procMount", level: .baseline,
                          reason: "procMount", detail: detail)
        }
        // Baseline relaxes for user-namespace pods from v1.35; restricted never does.
        let userns = pod(spec: ["hostUsers": false, "containers": containers])
        assertPasses(userns, "procMount", level: .baseline)
        assertMessage(userns, "procMount", level: .baseline, version: PSSVersion(minor: 34), reason: "procMount", detail: detail)
        assertMessage(userns, "procMount_restricted", reason: "procMount", detail: detail)
        XCTAssertFalse(PodSecurity.checkIDs(level: .restricted, version: .latest).contains("procMount"))
    }

    // check_restrictedVolumes_test.go (less the source-less volume, which the API server
    // defaults to emptyDir before admission)
    func testRestrictedVolumes() {
        let allowed: [(String, String)] = [
            ("a1", "emptyDir"), ("a2", "secret"), ("a3", "persistentVolumeClaim"), ("a4", "downwardAPI"),
            ("a5", "configMap"), ("a6", "projected"), ("a7", "csi"), ("a8", "ephemeral"), ("a9", "image"),
        ]
        let restricted: [(String, String)] = [
            ("b1", "hostPath"), ("b2", "gcePersistentDisk"), ("b3", "awsElasticBlockStore"), ("b4", "gitRepo"),
            ("b5", "nfs"), ("b6", "iscsi"), ("b7", "glusterfs"), ("b8", "rbd"), ("b9", "flexVolume"), ("b10", "cinder"),
            ("b11", "cephfs"), ("b12", "flocker"), ("b13", "fc"), ("b14", "azureFile"), ("b15", "vsphereVolume"),
            ("b16", "quobyte"), ("b17", "azureDisk"), ("b18", "photonPersistentDisk"), ("b19", "portworxVolume"),
            ("b20", "scaleIO"), ("b21", "storageos"),
        ]
        var volumes = (allowed + restricted).map { object([("name", .string($0.0)), ($0.1, [:])]) }
        volumes.append(["name": "c1", "somethingNew": [:]])
        assertMessage(pod(spec: ["volumes": .array(volumes)]), "restrictedVolumes", reason: "restricted volume types",
                      detail: "volumes " +
                          #""b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "c1""# +
                          " use restricted volume types " +
                          #""awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", "# +
                          #""hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "unknown", "vsphereVolume""#)
    }

    // check_runAsNonRoot_test.go (runAsNonRoot1_35)
    func testRunAsNonRoot() {
        let reason = "runAsNonRoot != true"
        assertMessage(pod(spec: ["containers": [container("a")]]), "runAsNonRoot", reason: reason,
                      detail: #"pod or container "a" must set securityContext.runAsNonRoot=true"#)
        assertMessage(pod(spec: ["securityContext": ["runAsNonRoot": false], "containers": [container("a")]]), "runAsNonRoot",
                      reason: reason, detail: "pod must not set securityContext.runAsNonRoot=false")
        assertMessage(pod(spec: ["securityContext": ["runAsNonRoot": true], "containers": [
            container("a"), container("b", [:]), container("c", ["runAsNonRoot": false]), container("d", ["runAsNonRoot": false]),
            container("e", ["runAsNonRoot": true]), container("f", ["runAsNonRoot": true]),
        ]]), "runAsNonRoot", reason: reason, detail: #"containers "c", "d" must not set securityContext.runAsNonRoot=false"#)
        assertMessage(pod(spec: ["containers": [
            container("a"), container("b", [:]), container("d", ["runAsNonRoot": true]), container("e", ["runAsNonRoot": true]),
        ]]), "runAsNonRoot", reason: reason, detail: #"pod or containers "a", "b" must set securityContext.runAsNonRoot=true"#)
        assertPasses(pod(spec: ["hostUsers": false, "containers": [container("a")]]), "runAsNonRoot")
    }

    // check_runAsUser_test.go (runAsUser1_35)
    func testRunAsUser() {
        assertMessage(pod(spec: ["securityContext": ["runAsUser": 0], "containers": [container("a")]]), "runAsUser",
                      reason: "runAsUser=0", detail: "pod must not set runAsUser=0")
        assertPasses(pod(spec: ["securityContext": ["runAsUser": 1000], "containers": [container("a")]]), "runAsUser")
        assertMessage(pod(spec: ["securityContext": ["runAsUser": 1000], "containers": [
            container("a"), container("b", [:]), container("c", ["runAsUser": 0]), container("d", ["runAsUser": 0]),
            container("e", ["runAsUser": 1]), container("f", ["runAsUser": 1]),
        ]]), "runAsUser", reason: "runAsUser=0", detail: #"containers "c", "d" must not set runAsUser=0"#)
        assertPasses(pod(spec: ["hostUsers": false, "securityContext": ["runAsUser": 0], "containers": [container("a")]]), "runAsUser")
        assertMessage(pod(spec: ["hostUsers": true, "securityContext": ["runAsUser": 0], "containers": [container("a")]]), "runAsUser",
                      reason: "runAsUser=0", detail: "pod must not set runAsUser=0")
    }

    // check_seLinuxOptions_test.go (seLinuxOptions1_31)
    func testSELinuxOptions() {
        let good: Value = [
            container("a", ["seLinuxOptions": ["type": "container_t"]]),
            container("b", ["seLinuxOptions": ["type": "container_init_t"]]),
            container("c", ["seLinuxOptions": ["type": "container_kvm_t"]]),
            container("d", ["seLinuxOptions": ["type": "container_engine_t"]]),
        ]
        let bad: [Value] = [
            container("e", ["seLinuxOptions": ["type": "bar"]]),
            container("f", ["seLinuxOptions": ["user": "bar"]]),
            container("g", ["seLinuxOptions": ["role": "baz"]]),
        ]
        let badPod: Value = ["seLinuxOptions": ["type": "foo", "user": "bar", "role": "baz"]]
        assertMessage(pod(spec: ["securityContext": badPod, "containers": .array(good.array! + bad)]), "seLinuxOptions", level: .baseline,
                      reason: "seLinuxOptions",
                      detail: #"pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set"#)
        assertMessage(pod(spec: ["securityContext": badPod, "containers": good]), "seLinuxOptions", level: .baseline,
                      reason: "seLinuxOptions",
                      detail: #"pod set forbidden securityContext.seLinuxOptions: type "foo"; user may not be set; role may not be set"#)
        assertMessage(pod(spec: ["securityContext": ["seLinuxOptions": [:]], "containers": .array(good.array! + bad)]), "seLinuxOptions",
                      level: .baseline, reason: "seLinuxOptions",
                      detail: #"containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: type "bar"; user may not be set; role may not be set"#)
        for (options, detail) in [
            (["type": "bad"] as Value, #"pod set forbidden securityContext.seLinuxOptions: type "bad""#),
            (["user": "bad"] as Value, "pod set forbidden securityContext.seLinuxOptions: user may not be set"),
            (["role": "bad"] as Value, "pod set forbidden securityContext.seLinuxOptions: role may not be set"),
        ] {
            assertMessage(pod(spec: ["securityContext": ["seLinuxOptions": options]]), "seLinuxOptions", level: .baseline,
                          reason: "seLinuxOptions", detail: detail)
        }
    }

    // check_seccompProfile_baseline_test.go
    func testSeccompProfileBaseline() {
        let v18 = PSSVersion(minor: 18)
        assertMessage(pod(metadata: ["annotations": ["seccomp.security.alpha.kubernetes.io/pod": "unconfined"]], spec: [:]),
                      "seccompProfile_baseline", level: .baseline, version: v18, reason: "seccompProfile",
                      detail: #"forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined""#)
        let containers: Value = [container("a"), container("b"), container("c")]
        assertMessage(pod(metadata: ["annotations": [
            "container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
            "container.seccomp.security.alpha.kubernetes.io/b": "unknown",
        ]], spec: ["containers": containers]), "seccompProfile_baseline", level: .baseline, version: v18, reason: "seccompProfile",
        detail: #"forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", container.seccomp.security.alpha.kubernetes.io/b="unknown""#)
        assertMessage(pod(metadata: ["annotations": [
            "seccomp.security.alpha.kubernetes.io/pod": "unconfined",
            "container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
            "container.seccomp.security.alpha.kubernetes.io/b": "unknown",
        ]], spec: ["containers": containers]), "seccompProfile_baseline", level: .baseline, version: v18, reason: "seccompProfile",
        detail: #"forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", container.seccomp.security.alpha.kubernetes.io/b="unknown", seccomp.security.alpha.kubernetes.io/pod="unconfined""#)

        let unconfined: Value = ["seccompProfile": ["type": "Unconfined"]]
        let runtimeDefault: Value = ["seccompProfile": ["type": "RuntimeDefault"]]
        let mixed: Value = [
            container("a"), container("b", [:]), container("c", unconfined), container("d", unconfined),
            container("e", runtimeDefault), container("f", runtimeDefault),
        ]
        assertMessage(pod(spec: ["securityContext": unconfined, "containers": [container("a")]]), "seccompProfile_baseline",
                      level: .baseline, reason: "seccompProfile", detail: #"pod must not set securityContext.seccompProfile.type to "Unconfined""#)
        assertMessage(pod(spec: ["securityContext": runtimeDefault, "containers": mixed]), "seccompProfile_baseline", level: .baseline,
                      reason: "seccompProfile", detail: #"containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined""#)
        assertMessage(pod(spec: ["securityContext": unconfined, "containers": mixed]), "seccompProfile_baseline", level: .baseline,
                      reason: "seccompProfile",
                      detail: #"pod and containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined""#)
    }

    // check_seccompProfile_restricted_test.go
    func testSeccompProfileRestricted() {
        let unconfined: Value = ["seccompProfile": ["type": "Unconfined"]]
        let runtimeDefault: Value = ["seccompProfile": ["type": "RuntimeDefault"]]
        assertMessage(pod(spec: ["containers": [container("a")]]), "seccompProfile_restricted", reason: "seccompProfile",
                      detail: #"pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#)
        assertMessage(pod(spec: ["securityContext": unconfined, "containers": [container("a")]]), "seccompProfile_restricted",
                      reason: "seccompProfile", detail: #"pod must not set securityContext.seccompProfile.type to "Unconfined""#)
        assertMessage(pod(spec: ["securityContext": runtimeDefault, "containers": [
            container("a"), container("b", [:]), container("c", unconfined), container("d", unconfined),
            container("e", runtimeDefault), container("f", runtimeDefault),
        ]]), "seccompProfile_restricted", reason: "seccompProfile",
        detail: #"containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined""#)
        assertMessage(pod(spec: ["containers": [
            container("a"), container("b", [:]), container("d", runtimeDefault), container("e", runtimeDefault),
        ]]), "seccompProfile_restricted", reason: "seccompProfile",
        detail: #"pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost""#)
    }

    // check_sysctls_test.go
    func testSysctls() {
        assertMessage(pod(spec: ["securityContext": ["sysctls": [["name": "a"], ["name": "b"]]]]), "sysctls", level: .baseline,
                      reason: "forbidden sysctls", detail: "a, b")
    }

    // check_windowsHostProcess_test.go
    func testWindowsHostProcess() {
        func hostProcess(_ value: Value?) -> Value {
            guard let value else { return ["windowsOptions": [:]] }
            return ["windowsOptions": ["hostProcess": value]]
        }
        assertMessage(pod(spec: ["securityContext": hostProcess(true), "containers": [
            container("a"), container("b", [:]), container("c", hostProcess(nil)), container("d", hostProcess(false)),
            container("e", hostProcess(true)), container("f", hostProcess(true)),
        ]]), "windowsHostProcess", level: .baseline, reason: "hostProcess",
        detail: #"pod and containers "e", "f" must not set securityContext.windowsOptions.hostProcess=true"#)
    }

    // check_allowPrivilegeEscalation_test.go
    func testAllowPrivilegeEscalation() {
        assertMessage(pod(spec: ["containers": [
            container("a"), container("b", [:]), container("c", ["allowPrivilegeEscalation": false]),
            container("d", ["allowPrivilegeEscalation": true]), container("e", ["allowPrivilegeEscalation": true]),
        ]]), "allowPrivilegeEscalation", reason: "allowPrivilegeEscalation != false",
        detail: #"containers "a", "b", "d", "e" must set securityContext.allowPrivilegeEscalation=false"#)
        assertPasses(pod(spec: ["os": ["name": "windows"], "containers": [container("a")]]), "allowPrivilegeEscalation")
    }
}

/// Go's `%q`, which upstream uses for annotation values in appArmorProfile and seccomp details.
final class GoQuoteTests: XCTestCase {
    func testMatchesStrconvQuote() {
        XCTAssertEqual(goQuoted("unconfined"), #""unconfined""#)
        XCTAssertEqual(goQuoted(#"a"b\c"#), #""a\"b\\c""#)
        XCTAssertEqual(goQuoted("a\nb\tc\r\u{07}\u{08}\u{0C}\u{0B}"), #""a\nb\tc\r\a\b\f\v""#)
        XCTAssertEqual(goQuoted("\u{01}\u{1F}\u{7F}"), #""\x01\x1f\x7f""#)
        // Printable non-ASCII stays; non-printable runes use \u / \U.
        XCTAssertEqual(goQuoted("héllo 世界"), "\"héllo 世界\"")
        XCTAssertEqual(goQuoted("a\u{A0}b\u{85}c\u{200B}d"), #""a\u00a0b\u0085c\u200bd""#)
        XCTAssertEqual(goQuoted("\u{E0001}"), #""\U000e0001""#)
    }
}
