import BulwarkModel
@testable import BulwarkPodSecurity
import XCTest

/// Cases ported from upstream's fixture generators (kubernetes/kubernetes
/// staging/src/k8s.io/pod-security-admission/test/fixtures_*.go). Upstream tweaks a minimal valid
/// pod for the level into pass and fail variants per check and version; a fixture registered at
/// v1.X holds until the check's next fixture version. Here every variant is evaluated at every
/// version in its range: pass variants must be allowed, fail variants must fail that check only.
final class UpstreamFixtureTests: XCTestCase {
    struct Fixture {
        var check: String
        var level: PSSLevel
        /// Versions the fixture holds for (upstream: from its version to the next fixture's).
        var versions: ClosedRange<Int>
        var pass: [Value]
        var fail: [Value]
    }

    private func run(_ fixture: Fixture, file: StaticString = #filePath, line: UInt = #line) {
        for minor in fixture.versions {
            for (index, pod) in fixture.pass.enumerated() {
                let evaluation = evaluate(pod, fixture.level, minor)
                XCTAssertTrue(evaluation.allowed,
                              "\(fixture.check) pass[\(index)] at v1.\(minor): \(evaluation.forbiddenDetail)", file: file, line: line)
            }
            for (index, pod) in fixture.fail.enumerated() {
                XCTAssertEqual(failedChecks(pod, fixture.level, minor), [fixture.check],
                               "\(fixture.check) fail[\(index)] at v1.\(minor)", file: file, line: line)
            }
        }
    }

    private func sysctls(_ entries: [(String, String)]) -> Value {
        .array(entries.map { ["name": .string($0.0), "value": .string($0.1)] })
    }

    // fixtures_sysctls.go
    func testSysctls() {
        let base: [(String, String)] = [
            ("kernel.shm_rmid_forced", "0"), ("net.ipv4.ip_local_port_range", "1024 65535"),
            ("net.ipv4.tcp_syncookies", "0"), ("net.ipv4.ping_group_range", "1 0"),
            ("net.ipv4.ip_unprivileged_port_start", "1024"),
        ]
        let v127 = base + [("net.ipv4.ip_local_reserved_ports", "1024-4999")]
        let v129 = v127 + [("net.ipv4.tcp_keepalive_time", "7200"), ("net.ipv4.tcp_fin_timeout", "60"),
                           ("net.ipv4.tcp_keepalive_intvl", "75"), ("net.ipv4.tcp_keepalive_probes", "9")]
        let fail = [restrictedPod.with("spec.securityContext.sysctls", sysctls([("othersysctl", "other")]))]
        let none = restrictedPod.with("spec.securityContext.sysctls", .null)
        for level in [PSSLevel.baseline, .restricted] {
            run(Fixture(check: "sysctls", level: level, versions: 0...26,
                        pass: [none, restrictedPod.with("spec.securityContext.sysctls", sysctls(base))], fail: fail))
            run(Fixture(check: "sysctls", level: level, versions: 27...28,
                        pass: [none, restrictedPod.with("spec.securityContext.sysctls", sysctls(v127))], fail: fail))
            run(Fixture(check: "sysctls", level: level, versions: 29...37,
                        pass: [none, restrictedPod.with("spec.securityContext.sysctls", sysctls(v129))], fail: fail))
        }
    }

    // fixtures_hostProbesAndHostLifecycle.go (upstream fixture at commit 8a84988b): localhost
    // addresses fail too; only an empty or unset host passes.
    func testHostProbesAndHostLifecycle() {
        let pass = [
            restrictedPod,
            restrictedPod.with("spec.containers[0].livenessProbe.httpGet.port", 8080),
            restrictedPod.with("spec.containers[0].readinessProbe.tcpSocket.port", 8080),
        ]
        let fail = [
            restrictedPod.with("spec.containers[0].livenessProbe.httpGet", ["host": "bad.host", "port": 8080]),
            restrictedPod.with([("spec.initContainers[0].restartPolicy", "Always"),
                                ("spec.initContainers[0].readinessProbe.tcpSocket", ["host": "8.8.8.8", "port": 8080])]),
            restrictedPod.with("spec.containers[0].lifecycle.postStart.httpGet", ["host": "bad.host", "port": 8080]),
            restrictedPod.with("spec.containers[0].livenessProbe.httpGet", ["host": "127.0.0.1", "port": 8080]),
            restrictedPod.with("spec.containers[0].readinessProbe.tcpSocket", ["host": "::1", "port": 8080]),
        ]
        for level in [PSSLevel.baseline, .restricted] {
            run(Fixture(check: "hostProbesAndHostLifecycle", level: level, versions: 34...37, pass: pass, fail: fail))
            // Before 1.34 the check does not exist, so the fail variants are allowed.
            run(Fixture(check: "hostProbesAndHostLifecycle", level: level, versions: 0...33, pass: fail, fail: []))
        }
        for pod in fail {
            XCTAssertTrue(evaluate(pod, .baseline, 34).forbiddenReason.contains("probe or lifecycle host"))
        }
    }

    // fixtures_restrictedVolumes.go
    func testRestrictedVolumes() {
        let allowed: Value = [
            ["name": "volume0"], // implicit empty dir
            ["name": "volume1", "emptyDir": [:]],
            ["name": "volume2", "secret": ["secretName": "test"]],
            ["name": "volume3", "persistentVolumeClaim": ["claimName": "test"]],
            ["name": "volume4", "downwardAPI": ["items": [["path": "labels", "fieldRef": ["fieldPath": "metadata.labels"]]]]],
            ["name": "volume5", "configMap": ["name": "test"]],
            ["name": "volume6", "projected": ["sources": []]],
        ]
        let sources: [(String, Value)] = [
            ("gcePersistentDisk", ["pdName": "test"]),
            ("awsElasticBlockStore", ["volumeID": "test"]),
            ("gitRepo", ["repository": "github.com/kubernetes/kubernetes"]),
            ("nfs", ["server": "test", "path": "/test"]),
            ("iscsi", ["targetPortal": "test", "iqn": "iqn.2001-04.com.example:storage.kube.sys1.xyz", "lun": 0]),
            ("glusterfs", ["path": "test", "endpoints": "test"]),
            ("rbd", ["monitors": ["test"], "image": "test"]),
            ("flexVolume", ["driver": "test"]),
            ("cinder", ["volumeID": "test"]),
            ("cephfs", ["monitors": ["test"]]),
            ("flocker", ["datasetName": "test"]),
            ("fc", ["wwids": ["test"]]),
            ("azureFile", ["secretName": "test", "shareName": "test"]),
            ("vsphereVolume", ["volumePath": "test"]),
            ("quobyte", ["registry": "localhost:1234", "volume": "test"]),
            ("azureDisk", ["diskName": "test", "diskURI": "https://test.blob.core.windows.net/test/test.vhd"]),
            ("portworxVolume", ["volumeID": "test", "fsType": "ext4"]),
            ("scaleIO", ["volumeName": "test", "gateway": "localhost", "system": "test"]),
            ("storageos", ["volumeName": "test"]),
            ("hostPath", ["path": "/dev/null"]),
        ]
        let fail = sources.map { key, source in
            restrictedPod.with("spec.volumes", [.mapping(Mapping([.init(key: "name", value: "volume1"), .init(key: key, value: source)]))])
        }
        run(Fixture(check: "restrictedVolumes", level: .restricted, versions: 0...37,
                    pass: [restrictedPod.with("spec.volumes", allowed)], fail: fail))
    }

    // fixtures_runAsNonRoot.go
    func testRunAsNonRoot() {
        let pass = [
            restrictedPod.with([("spec.securityContext.runAsNonRoot", true),
                                ("spec.containers[0].securityContext.runAsNonRoot", .null),
                                ("spec.initContainers[0].securityContext.runAsNonRoot", .null)]),
            restrictedPod.with([("spec.securityContext.runAsNonRoot", .null),
                                ("spec.containers[0].securityContext.runAsNonRoot", true),
                                ("spec.initContainers[0].securityContext.runAsNonRoot", true)]),
        ]
        let fail = [
            restrictedPod.with([("spec.securityContext.runAsNonRoot", .null),
                                ("spec.containers[0].securityContext.runAsNonRoot", .null),
                                ("spec.initContainers[0].securityContext.runAsNonRoot", .null)]),
            restrictedPod.with("spec.securityContext.runAsNonRoot", false),
            restrictedPod.with("spec.containers[0].securityContext.runAsNonRoot", false),
            restrictedPod.with("spec.initContainers[0].securityContext.runAsNonRoot", false),
        ]
        run(Fixture(check: "runAsNonRoot", level: .restricted, versions: 0...37, pass: pass, fail: fail))
        // From 1.35 the same fail variants pass for a pod in a user namespace.
        run(Fixture(check: "runAsNonRoot", level: .restricted, versions: 35...37,
                    pass: fail.map { $0.with("spec.hostUsers", false) }, fail: []))
    }

    // fixtures_procMount.go (1.35 baseline and restricted variants)
    func testProcMount() {
        let unmaskedContainer = restrictedPod.with([("spec.containers[0].securityContext.procMount", "Unmasked"),
                                                    ("spec.hostUsers", true)])
        let unmaskedInit = restrictedPod.with([("spec.initContainers[0].securityContext.procMount", "Unmasked"),
                                               ("spec.hostUsers", true)])
        let defaultBoth = restrictedPod.with([("spec.containers[0].securityContext.procMount", "Default"),
                                              ("spec.initContainers[0].securityContext.procMount", "Default")])
        run(Fixture(check: "procMount", level: .baseline, versions: 0...37,
                    pass: [defaultBoth], fail: [unmaskedContainer, unmaskedInit]))
        run(Fixture(check: "procMount", level: .restricted, versions: 0...34,
                    pass: [defaultBoth], fail: [unmaskedContainer, unmaskedInit]))
        run(Fixture(check: "procMount_restricted", level: .restricted, versions: 35...37,
                    pass: [defaultBoth, defaultBoth.with("spec.hostUsers", false)],
                    fail: [unmaskedContainer, unmaskedInit, unmaskedContainer.with("spec.hostUsers", false)]))
        run(Fixture(check: "procMount", level: .baseline, versions: 35...37,
                    pass: [unmaskedContainer.with("spec.hostUsers", false), unmaskedInit.with("spec.hostUsers", false)],
                    fail: []))
    }
}
