import BulwarkModel
@testable import BulwarkPodSecurity
import XCTest

final class RegistryTests: XCTestCase {
    func testCatalogueHoldsEveryUpstreamCheckInUpstreamOrder() {
        XCTAssertEqual(PodSecurity.checks.filter { $0.level == .baseline }.map(\.id), [
            "appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPathVolumes", "hostPorts",
            "hostProbesAndHostLifecycle", "privileged", "procMount", "seLinuxOptions",
            "seccompProfile_baseline", "sysctls", "windowsHostProcess",
        ])
        XCTAssertEqual(PodSecurity.checks.filter { $0.level == .restricted }.map(\.id), [
            "allowPrivilegeEscalation", "capabilities_restricted", "procMount_restricted",
            "restrictedVolumes", "runAsNonRoot", "runAsUser", "seccompProfile_restricted",
        ])
    }

    func testCatalogueVersionsMatchUpstream() {
        let versions = Dictionary(uniqueKeysWithValues: PodSecurity.checks.map { ($0.id, $0.versions) })
        XCTAssertEqual(versions["sysctls"], [0, 27, 29, 32, 37])
        XCTAssertEqual(versions["seLinuxOptions"], [0, 31])
        XCTAssertEqual(versions["procMount"], [0, 35])
        XCTAssertEqual(versions["seccompProfile_baseline"], [0, 19])
        XCTAssertEqual(versions["hostProbesAndHostLifecycle"], [34])
        XCTAssertEqual(versions["allowPrivilegeEscalation"], [8, 25])
        XCTAssertEqual(versions["runAsNonRoot"], [0, 35])
        XCTAssertEqual(versions["runAsUser"], [23, 35])
        XCTAssertEqual(versions["seccompProfile_restricted"], [19, 25])
        XCTAssertEqual(versions["capabilities_restricted"], [22, 25])
        XCTAssertEqual(versions["procMount_restricted"], [35])
        XCTAssertEqual(versions["restrictedVolumes"], [0])
    }

    func testNewestPolicyVersionIsTheNewestCheckVersion() {
        XCTAssertEqual(PodSecurity.newestPolicyVersion, PSSVersion.newest)
        XCTAssertEqual(CheckRegistry.maxVersion, 37)
    }

    func testBaselineChecksPerVersion() {
        let latest = PodSecurity.checkIDs(level: .baseline, version: .latest)
        XCTAssertEqual(latest.count, 12)
        XCTAssertFalse(PodSecurity.checkIDs(level: .baseline, version: v(33)).contains("hostProbesAndHostLifecycle"))
        XCTAssertTrue(PodSecurity.checkIDs(level: .baseline, version: v(34)).contains("hostProbesAndHostLifecycle"))
        // No restricted check ever runs at baseline.
        for minor in 0...37 {
            XCTAssertTrue(PodSecurity.checkIDs(level: .baseline, version: v(minor)).allSatisfy { id in
                PodSecurity.checks.first { $0.id == id }?.level == .baseline
            })
        }
    }

    func testRestrictedOverridesApplyOnlyWhereTheOverridingVersionExists() {
        func ids(_ minor: Int) -> Set<String> { Set(PodSecurity.checkIDs(level: .restricted, version: v(minor))) }
        // restrictedVolumes replaces hostPathVolumes at every version.
        for minor in [0, 18, 37] {
            XCTAssertFalse(ids(minor).contains("hostPathVolumes"))
            XCTAssertTrue(ids(minor).contains("restrictedVolumes"))
        }
        // Seccomp: baseline annotation check until 1.18, restricted field check from 1.19.
        XCTAssertTrue(ids(18).contains("seccompProfile_baseline"))
        XCTAssertFalse(ids(18).contains("seccompProfile_restricted"))
        XCTAssertFalse(ids(19).contains("seccompProfile_baseline"))
        XCTAssertTrue(ids(19).contains("seccompProfile_restricted"))
        // Capabilities: baseline until 1.21, restricted from 1.22.
        XCTAssertTrue(ids(21).contains("capabilities_baseline"))
        XCTAssertFalse(ids(22).contains("capabilities_baseline"))
        XCTAssertTrue(ids(22).contains("capabilities_restricted"))
        // procMount: baseline until 1.34, procMount_restricted from 1.35.
        XCTAssertTrue(ids(34).contains("procMount"))
        XCTAssertFalse(ids(34).contains("procMount_restricted"))
        XCTAssertFalse(ids(35).contains("procMount"))
        XCTAssertTrue(ids(35).contains("procMount_restricted"))
        // Checks that appear later.
        XCTAssertFalse(ids(7).contains("allowPrivilegeEscalation"))
        XCTAssertTrue(ids(8).contains("allowPrivilegeEscalation"))
        XCTAssertFalse(ids(22).contains("runAsUser"))
        XCTAssertTrue(ids(23).contains("runAsUser"))
    }

    func testRestrictedOrderIsBaselineThenRestrictedSorted() {
        XCTAssertEqual(PodSecurity.checkIDs(level: .restricted, version: .latest), [
            "appArmorProfile", "hostNamespaces", "hostPorts", "hostProbesAndHostLifecycle", "privileged",
            "seLinuxOptions", "sysctls", "windowsHostProcess",
            "allowPrivilegeEscalation", "capabilities_restricted", "procMount_restricted",
            "restrictedVolumes", "runAsNonRoot", "runAsUser", "seccompProfile_restricted",
        ])
    }

    func testLatestAndFutureVersionsEvaluateAsTheNewest() {
        for level in [PSSLevel.baseline, .restricted] {
            let newest = PodSecurity.checkIDs(level: level, version: v(37))
            XCTAssertEqual(PodSecurity.checkIDs(level: level, version: .latest), newest)
            XCTAssertEqual(PodSecurity.checkIDs(level: level, version: v(99)), newest)
        }
        // Behaviourally too: a 1.37-only sysctl passes at latest and fails at 1.36.
        let pod = restrictedPod.with("spec.securityContext.sysctls", [["name": "net.ipv4.tcp_notsent_lowat", "value": "1"]])
        XCTAssertTrue(evaluate(pod, .baseline, .latest).allowed)
        XCTAssertFalse(evaluate(pod, .baseline, v(36)).allowed)
    }

    func testPrivilegedAllowsEverything() {
        let pod = plainPod.with([
            ("spec.hostNetwork", true),
            ("spec.containers[0].securityContext.privileged", true),
            ("spec.volumes", [["name": "host", "hostPath": ["path": "/"]]]),
        ])
        for version in [v(0), v(25), .latest] {
            XCTAssertTrue(PodSecurity.evaluate(template(pod), level: .privileged, version: version).allowed)
        }
        XCTAssertEqual(failedChecks(pod, .baseline, 37), ["hostNamespaces", "hostPathVolumes", "privileged"])
    }

    func testRestrictedBasePodPassesEveryVersionAndLevel() {
        for minor in 0...37 {
            assertAllowed(restrictedPod, .baseline, minor)
            assertAllowed(restrictedPod, .restricted, minor)
        }
        XCTAssertTrue(evaluate(restrictedPod, .restricted, .latest).allowed)
    }

    func testAggregateMessagesReadLikeUpstream() {
        let pod = plainPod.with([
            ("spec.hostNetwork", true),
            ("spec.containers[0].ports", [["containerPort": 80, "hostPort": 8080]]),
        ])
        let evaluation = evaluate(pod, .baseline, .latest)
        XCTAssertEqual(evaluation.forbiddenReason, "host namespaces, hostPort")
        XCTAssertEqual(evaluation.forbiddenDetail,
                       "host namespaces (hostNetwork=true), hostPort (container \"app\" uses hostPort 8080)")
    }
}
