import Testing
import BulwarkModel
@testable import BulwarkControls

@Suite struct S7KernelModulesTests {
    let control = S7KernelModules.moduleLoadingWorkloads

    @Test func privilegedAndModuleCapabilitiesFail() {
        let d = deployment("agent", pod: [
            "initContainers": [container("init", [("securityContext", ["privileged": true])])],
            "containers": [container("a", [("securityContext", ["capabilities": ["add": ["NET_ADMIN", "CAP_SYS_MODULE"]]])]),
                           container("b", [("securityContext", ["capabilities": ["add": ["all"]]])]),
                           container("c", [("securityContext", ["privileged": false, "capabilities": ["add": ["NET_BIND_SERVICE"]]])])],
        ])
        let v = evaluate(control, [d]).violations
        #expect(v.map(\.path) == [
            "spec.template.spec.initContainers[0].securityContext.privileged",
            "spec.template.spec.containers[0].securityContext.capabilities.add[1]",
            "spec.template.spec.containers[1].securityContext.capabilities.add[0]",
        ])
        #expect(v.map(\.value) == ["true", "CAP_SYS_MODULE", "all"])
        #expect(v.allSatisfy { $0.effectiveSeverity(control) == .high })
    }

    @Test func ephemeralContainersCount() {
        let p = pod("debug", spec: ["containers": [container()],
                                    "ephemeralContainers": [container("dbg", [("securityContext", ["capabilities": ["add": ["SYS_MODULE"]]])])]])
        #expect(evaluate(control, [p]).violations.first?.path == "spec.ephemeralContainers[0].securityContext.capabilities.add[0]")
    }

    @Test func passNotAssessedAndSystemExemption() {
        let sys = deployment("cni", namespace: "kube-system", pod: ["containers": [container("c", [("securityContext", ["privileged": true])])]])
        let clean = deployment("web", pod: ["containers": [container()]])
        let outcome = evaluate(control, [sys, clean])
        #expect(outcome.isPass)
        #expect(outcome.passReason?.contains("1 workloads in system namespaces exempt") == true)
        #expect(evaluate(control, []).notAssessedReason == "no workloads in input")
    }
}

@Suite struct S9CloudMetadataTests {
    let control = S9CloudMetadata.hostNetworkPods

    @Test func hostNetworkFailsHigh() {
        let d = deployment("agent", pod: ["hostNetwork": true, "containers": [container()]])
        let p = pod("bare", spec: ["hostNetwork": true, "containers": [container()]])
        let off = deployment("web", pod: ["hostNetwork": false, "containers": [container()]])
        let v = evaluate(control, [d, p, off]).violations
        #expect(v.map(\.path) == ["spec.template.spec.hostNetwork", "spec.hostNetwork"])
        #expect(v.allSatisfy { $0.value == "true" && $0.effectiveSeverity(control) == .high })
        #expect(v.first?.message.contains("169.254.169.254") == true)
    }

    @Test func passAndNotAssessed() {
        let sys = deployment("proxy", namespace: "kube-system", pod: ["hostNetwork": true, "containers": [container()]])
        #expect(evaluate(control, [sys, deployment("web", pod: ["containers": [container()]])]).isPass)
        #expect(evaluate(control, [namespace("apps")]).notAssessedReason == "no workloads in input")
    }
}
