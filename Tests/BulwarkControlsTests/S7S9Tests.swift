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

@Suite struct WorkloadDeduplicationTests {
    /// A live Deployment, its ReplicaSet and its Pod hold the same template: one finding, on the
    /// top-most controller.
    @Test func ownedObjectsAreJudgedThroughTheirOwner() {
        let spec: Value = ["hostNetwork": true, "containers": [container()]]
        let d = deployment("web", pod: spec)
        let rs = KubeObject(["apiVersion": "apps/v1", "kind": "ReplicaSet",
                             "metadata": ["name": "web-5d8f", "namespace": "apps",
                                          "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "controller": true]]],
                             "spec": ["template": ["spec": spec]]])
        let p = pod("web-5d8f-x2", spec: spec)
        var podValue = p.value.mapping ?? Mapping()
        podValue.set("metadata", ["name": "web-5d8f-x2", "namespace": "apps",
                                  "ownerReferences": [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d8f", "controller": true]]])
        let owned = KubeObject(.mapping(podValue))
        let v = evaluate(S9CloudMetadata.hostNetworkPods, [d, rs, owned]).violations
        #expect(v.map { $0.object?.kind } == ["Deployment"])
        // An owner that is not in the input does not hide the object.
        let orphan = evaluate(S9CloudMetadata.hostNetworkPods, [rs]).violations
        #expect(orphan.map { $0.object?.kind } == ["ReplicaSet"])
    }
}
