import Testing
import BulwarkModel
@testable import BulwarkControls

@Suite struct S10PodPlacementTests {
    @Test func controlPlaneAndWildcardTolerationsFail() {
        let control = S10PodPlacement.controlPlaneTolerations
        let d = deployment("web", pod: ["containers": [container()], "tolerations": [
            ["key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"],  // 0 fails
            ["key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"],               // 1 fine
            ["operator": "Exists"],                                                                         // 2 fails
            ["operator": "Exists", "effect": "NoExecute"],                                                  // 3 fine
            ["key": "node-role.kubernetes.io/master", "effect": "NoSchedule"],                              // 4 fails (Equal, no value)
            ["key": "node-role.kubernetes.io/master", "value": "true", "effect": "NoSchedule"],             // 5 fine (value differs)
            ["key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoExecute"],  // 6 fine
            ["operator": "Exists", "effect": "NoSchedule"],                                                 // 7 fails
        ]])
        let v = evaluate(control, [d]).violations
        #expect(v.map(\.path) == ["spec.template.spec.tolerations[0]", "spec.template.spec.tolerations[2]",
                                  "spec.template.spec.tolerations[4]", "spec.template.spec.tolerations[7]"])
        #expect(v[1].value == "{operator: Exists}")
        #expect(v[1].message.contains("every taint"))
        #expect(v.allSatisfy { $0.effectiveSeverity(control) == .medium })
    }

    @Test func systemDaemonSetsAreExempt() {
        let control = S10PodPlacement.controlPlaneTolerations
        let ds = KubeObject(["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "kube-proxy", "namespace": "kube-system"],
                             "spec": ["template": ["spec": ["containers": [container()], "tolerations": [["operator": "Exists"]]]]]])
        let outcome = evaluate(control, [ds])
        #expect(outcome.isPass)
        #expect(outcome.passReason?.contains("exempt") == true)
        #expect(evaluate(control, []).notAssessedReason != nil)
    }

    @Test func nodeNameInTemplatesAndPodManifestsFails() {
        let control = S10PodPlacement.directNodeName
        let d = deployment("web", pod: ["nodeName": "cp-1", "containers": [container()]])
        let manifest = pod("pinned", spec: ["nodeName": "worker-2", "containers": [container()]])
        // Live pods carry the scheduler's choice: not judged.
        let live = pod("running", spec: ["nodeName": "worker-3", "containers": [container()]], extra: [("status", ["phase": "Running"])])
        let v = evaluate(control, [d, manifest, live]).violations
        #expect(v.map(\.path) == ["spec.template.spec.nodeName", "spec.nodeName"])
        #expect(v.map(\.value) == ["cp-1", "worker-2"])
        #expect(evaluate(control, [live]).isPass)
    }

    @Test func namespaceNodeSelectorAnnotation() {
        let control = S10PodPlacement.namespaceNodeSelector
        let key = "scheduler.alpha.kubernetes.io/node-selector"
        let objects = [
            namespace("good", annotations: [.init(stringLiteral: key): "node-pool=apps,env==prod"]),
            namespace("empty", annotations: [.init(stringLiteral: key): ""]),
            namespace("bad", annotations: [.init(stringLiteral: key): "node-pool in (a,b)"]),
            namespace("none"),
        ]
        let v = evaluate(control, objects).violations
        #expect(v.map { $0.object?.name } == ["empty", "bad"])
        #expect(v[0].path == "metadata.annotations[\"scheduler.alpha.kubernetes.io/node-selector\"]")
        #expect(v[0].effectiveSeverity(control) == .info)
        #expect(v[1].severity == .low)
        let pass = evaluate(control, [objects[0], objects[3]])
        #expect(pass.passReason?.contains("PodNodeSelector") == true)
        #expect(evaluate(control, [deployment("web", pod: ["containers": [container()]])]).notAssessedReason == "no Namespace objects in input")
    }

    @Test func selectorSyntax() {
        #expect(S10PodPlacement.isWellFormedSelector("a=b"))
        #expect(S10PodPlacement.isWellFormedSelector("example.com/pool=apps, zone=eu-1a"))
        #expect(S10PodPlacement.isWellFormedSelector("a="))
        #expect(!S10PodPlacement.isWellFormedSelector("a"))
        #expect(!S10PodPlacement.isWellFormedSelector("a!=b"))
        #expect(!S10PodPlacement.isWellFormedSelector("=b"))
        #expect(!S10PodPlacement.isWellFormedSelector("a=b,"))
    }
}
