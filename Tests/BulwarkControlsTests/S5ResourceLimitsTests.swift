import Testing
import BulwarkModel
@testable import BulwarkControls

@Suite struct S5ResourceLimitsTests {
    static let full: Value = ["requests": ["cpu": "100m", "memory": "128Mi"], "limits": ["cpu": "500m", "memory": "256Mi"]]

    static func limitRange(_ ns: String, _ item: Value) -> KubeObject {
        KubeObject(["apiVersion": "v1", "kind": "LimitRange", "metadata": ["name": "defaults", "namespace": .string(ns)],
                    "spec": ["limits": [item]]])
    }

    static func quota(_ ns: String, hard: Value, scopes: Value? = nil) -> KubeObject {
        var spec = Mapping()
        spec.set("hard", hard)
        if let scopes { spec.set("scopes", scopes) }
        return KubeObject(["apiVersion": "v1", "kind": "ResourceQuota", "metadata": ["name": "q", "namespace": .string(ns)],
                           "spec": .mapping(spec)])
    }

    // MARK: BW-S5-001 limits

    @Test func limitsFailPerContainerWithExactPathAndMissingKeys() {
        let d = deployment("web", pod: ["initContainers": [container("init", [("resources", Self.full)])],
                                        "containers": [container("ok", [("resources", Self.full)]),
                                                       container("app", [("resources", ["limits": ["cpu": "1"]])])]])
        let outcome = evaluate(S5ResourceLimits.containerLimits, [d])
        #expect(outcome.violations.count == 1)
        let v = outcome.violations[0]
        #expect(v.path == "spec.template.spec.containers[1].resources.limits")
        #expect(v.value == "{cpu: 1}")
        #expect(v.message.contains("memory limit"))
        #expect(!v.message.contains("cpu and memory"))
        #expect(v.effectiveSeverity(S5ResourceLimits.containerLimits) == .medium)
    }

    @Test func missingCpuLimitAloneIsLowAndInitContainersCount() {
        let d = deployment("web", pod: ["initContainers": [container("init", [("resources", ["limits": ["memory": "64Mi"]])])],
                                        "containers": [container("app", [("resources", Self.full)])]])
        let v = evaluate(S5ResourceLimits.containerLimits, [d]).violations
        #expect(v.count == 1)
        #expect(v.first?.path == "spec.template.spec.initContainers[0].resources.limits")
        #expect(v.first?.severity == .low)
    }

    @Test func ephemeralContainersAreSkipped() {
        let p = pod("debug", spec: ["containers": [container("app", [("resources", Self.full)])],
                                    "ephemeralContainers": [container("debugger")]])
        #expect(evaluate(S5ResourceLimits.containerLimits, [p]).isPass)
        #expect(evaluate(S5ResourceLimits.containerRequests, [p]).isPass)
    }

    @Test func limitRangeDefaultInSameNamespaceSuppliesLimits() {
        let d = deployment("web", pod: ["containers": [container("app")]])
        let lr = Self.limitRange("apps", ["type": "Container", "default": ["cpu": "500m", "memory": "256Mi"]])
        #expect(evaluate(S5ResourceLimits.containerLimits, [d, lr]).isPass)
        // default implies defaultRequest, as LimitRange defaulting does.
        #expect(evaluate(S5ResourceLimits.containerRequests, [d, lr]).isPass)
        // A LimitRange elsewhere, or of type Pod, does not help.
        let other = Self.limitRange("other", ["type": "Container", "default": ["cpu": "500m", "memory": "256Mi"]])
        let podType = Self.limitRange("apps", ["type": "Pod", "max": ["cpu": "2", "memory": "1Gi"]])
        #expect(evaluate(S5ResourceLimits.containerLimits, [d, other, podType]).violations.count == 1)
    }

    @Test func limitRangeMaxBecomesTheDefaultLimit() {
        let d = deployment("web", pod: ["containers": [container("app")]])
        let lr = Self.limitRange("apps", ["type": "Container", "max": ["memory": "1Gi"]])
        let v = evaluate(S5ResourceLimits.containerLimits, [d, lr]).violations
        #expect(v.count == 1)
        #expect(v.first?.message.contains("no cpu limit") == true)
        #expect(v.first?.severity == .low)
    }

    @Test func emptyNamespaceMatchesDefault() {
        let d = deployment("web", namespace: nil, pod: ["containers": [container("app")]])
        let lr = Self.limitRange("default", ["type": "Container", "default": ["cpu": "1", "memory": "1Gi"]])
        #expect(evaluate(S5ResourceLimits.containerLimits, [d, lr]).isPass)
    }

    // MARK: BW-S5-002 requests

    @Test func requestsDefaultToLimits() {
        let d = deployment("web", pod: ["containers": [container("app", [("resources", ["limits": ["cpu": "1", "memory": "1Gi"]])]),
                                                       container("bare", [("resources", ["requests": ["cpu": "1"]])])]])
        let v = evaluate(S5ResourceLimits.containerRequests, [d]).violations
        #expect(v.count == 1)
        #expect(v.first?.path == "spec.template.spec.containers[1].resources.requests")
        #expect(v.first?.value == "{cpu: 1}")
        #expect(v.first?.message.contains("memory request") == true)
        #expect(v.first.map { $0.effectiveSeverity(S5ResourceLimits.containerRequests) } == .low)
    }

    @Test func noWorkloadsIsNotAssessed() {
        #expect(evaluate(S5ResourceLimits.containerLimits, [namespace("apps")]).notAssessedReason == "no workloads in input")
        #expect(evaluate(S5ResourceLimits.namespaceQuota, [namespace("apps")]).notAssessedReason == "no workloads in input")
    }

    // MARK: BW-S5-003 quota

    @Test func namespaceWithoutQuotaFailsOnTheNamespace() {
        let d = deployment("web", pod: ["containers": [container()]])
        let sys = deployment("dns", namespace: "kube-system", pod: ["containers": [container()]])
        let v = evaluate(S5ResourceLimits.namespaceQuota, [d, sys, namespace("apps")]).violations
        #expect(v.count == 1)
        #expect(v.first?.object?.kind == "Namespace")
        #expect(v.first?.object?.name == "apps")
        #expect(v.first?.value == "apps")
        // Without a Namespace object the finding still names the namespace.
        let w = evaluate(S5ResourceLimits.namespaceQuota, [d]).violations
        #expect(w.first?.object?.name == "apps")
    }

    @Test func quotaMustCoverEveryKey() {
        let d = deployment("web", pod: ["containers": [container()]])
        let complete = Self.quota("apps", hard: ["requests.cpu": "4", "limits.cpu": "8", "requests.memory": "8Gi", "limits.memory": "16Gi",
                                                 "pods": "50", "services.nodeports": "0", "services.loadbalancers": "0"])
        #expect(evaluate(S5ResourceLimits.namespaceQuota, [d, complete]).isPass)

        let partial = Self.quota("apps", hard: ["cpu": "4", "limits.cpu": "8", "memory": "8Gi", "limits.memory": "16Gi", "pods": "50"])
        let v = evaluate(S5ResourceLimits.namespaceQuota, [d, partial]).violations
        #expect(v.count == 1)
        #expect(v.first?.object?.kind == "ResourceQuota")
        #expect(v.first?.path == "spec.hard")
        #expect(v.first?.message.contains("services.nodeports and services.loadbalancers") == true)
        #expect(v.first?.severity == .low)

        let cpuOnly = Self.quota("apps", hard: ["requests.cpu": "4"])
        let w = evaluate(S5ResourceLimits.namespaceQuota, [d, cpuOnly]).violations
        #expect(w.first.map { $0.effectiveSeverity(S5ResourceLimits.namespaceQuota) } == .medium)
        #expect(w.first?.message.contains("limits.memory") == true)
    }

    @Test func scopedQuotasDoNotCount() {
        let d = deployment("web", pod: ["containers": [container()]])
        let scoped = Self.quota("apps", hard: ["pods": "5"], scopes: ["BestEffort"])
        let v = evaluate(S5ResourceLimits.namespaceQuota, [d, scoped]).violations
        #expect(v.first?.object?.kind == "Namespace")
        #expect(v.first?.message.contains("scoped") == true)
    }

    @Test func onlySystemWorkloadsIsNotAssessed() {
        let sys = deployment("dns", namespace: "kube-system", pod: ["containers": [container()]])
        #expect(evaluate(S5ResourceLimits.namespaceQuota, [sys]).notAssessedReason != nil)
        #expect(evaluate(S5ResourceLimits.namespaceLimitRange, [sys]).notAssessedReason != nil)
    }

    // MARK: BW-S5-004 LimitRange

    @Test func limitRangePresenceAndCompleteness() {
        let d = deployment("web", pod: ["containers": [container()]])
        let none = evaluate(S5ResourceLimits.namespaceLimitRange, [d]).violations
        #expect(none.count == 1)
        #expect(none.first?.severity == .medium)

        let partial = Self.limitRange("apps", ["type": "Container", "default": ["cpu": "1", "memory": "1Gi"]])
        let v = evaluate(S5ResourceLimits.namespaceLimitRange, [d, partial]).violations
        #expect(v.count == 1)
        #expect(v.first?.path == "spec.limits")
        #expect(v.first?.message.contains("max.cpu and max.memory") == true)
        #expect(v.first.map { $0.effectiveSeverity(S5ResourceLimits.namespaceLimitRange) } == .low)

        let complete = Self.limitRange("apps", ["type": "Container", "default": ["cpu": "1", "memory": "1Gi"],
                                                "defaultRequest": ["cpu": "100m", "memory": "128Mi"], "max": ["cpu": "2", "memory": "2Gi"]])
        #expect(evaluate(S5ResourceLimits.namespaceLimitRange, [d, complete]).isPass)
    }
}
