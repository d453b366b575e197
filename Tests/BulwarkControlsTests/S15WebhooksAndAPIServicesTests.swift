import Testing
import BulwarkModel
@testable import BulwarkControls

@Suite struct S15WebhooksAndAPIServicesTests {
    func configuration(_ hooks: [Value], kind: String = "ValidatingWebhookConfiguration",
                       apiVersion: String = "admissionregistration.k8s.io/v1") -> KubeObject {
        KubeObject(["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": ["name": "policy"], "webhooks": .array(hooks)])
    }

    func hook(_ name: String, clientConfig: Value = ["service": ["namespace": "policy", "name": "svc"]],
              rules: Value = [["apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["pods"]]],
              extra: [(String, Value)] = []) -> Value {
        var m = Mapping()
        m.set("name", .string(name))
        m.set("clientConfig", clientConfig)
        m.set("rules", rules)
        for (k, v) in extra { m.set(k, v) }
        return .mapping(m)
    }

    @Test func externalURLsAndSecretsMakeItWorse() {
        let control = S15WebhooksAndAPIServices.externalWebhooks
        let objects = [configuration([
            hook("in-cluster"),
            hook("saas", clientConfig: ["url": "https://policy.example.com/validate"]),
            hook("saas-secrets", clientConfig: ["url": "https://x.example.com/"],
                 rules: [["apiGroups": ["*"], "apiVersions": ["*"], "operations": ["*"], "resources": ["secrets"]]]),
        ])]
        let v = evaluate(control, objects).violations
        #expect(v.map(\.path) == ["webhooks[1].clientConfig.url", "webhooks[2].clientConfig.url"])
        #expect(v.map { $0.effectiveSeverity(control) } == [.medium, .high])
        #expect(v[1].message.contains("Secrets"))
        #expect(evaluate(control, [configuration([hook("in-cluster")])]).isPass)
        #expect(evaluate(control, []).notAssessedReason != nil)
    }

    @Test func failurePolicyIgnoreIncludingTheV1beta1Default() {
        let control = S15WebhooksAndAPIServices.ignoredValidatingWebhooks
        let objects = [
            configuration([hook("explicit", extra: [("failurePolicy", "Ignore")]), hook("closed", extra: [("failurePolicy", "Fail")]), hook("v1-default")]),
            configuration([hook("beta-default")], apiVersion: "admissionregistration.k8s.io/v1beta1"),
            configuration([hook("mutating", extra: [("failurePolicy", "Ignore")])], kind: "MutatingWebhookConfiguration"),
        ]
        let v = evaluate(control, objects).violations
        #expect(v.map { $0.message.split(separator: "\"")[1] } == ["explicit", "beta-default"])
        #expect(v[1].value == "unset (Ignore in admissionregistration.k8s.io/v1beta1)")
        #expect(evaluate(control, [configuration([hook("m")], kind: "MutatingWebhookConfiguration")]).notAssessedReason != nil)
    }

    @Test func catchAllRules() {
        let control = S15WebhooksAndAPIServices.catchAllWebhooks
        let all: Value = [["apiGroups": ["*"], "apiVersions": ["*"], "operations": ["*"], "resources": ["*/*"]]]
        let v = evaluate(control, [configuration([hook("narrow"), hook("everything", rules: all)])]).violations
        #expect(v.map(\.path) == ["webhooks[1].rules"])
        #expect(evaluate(control, [configuration([hook("narrow")])]).isPass)
    }

    @Test func failClosedPodWebhooksMustSpareKubeSystem() {
        let control = S15WebhooksAndAPIServices.webhooksOverSystemNamespaces
        let spare: Value = ["matchExpressions": [["key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["kube-system"]]]]
        let optIn: Value = ["matchLabels": ["policy": "enabled"]]
        let optOut: Value = ["matchExpressions": [["key": "policy/disabled", "operator": "DoesNotExist"]]]
        let crds: Value = [["apiGroups": ["example.com"], "apiVersions": ["*"], "operations": ["*"], "resources": ["*/*"]]]
        let objects = [configuration([
            hook("no-selector"),
            hook("spares", extra: [("namespaceSelector", spare)]),
            hook("opt-in", extra: [("namespaceSelector", optIn)]),
            hook("opt-out", extra: [("namespaceSelector", optOut)]),
            hook("ignore", extra: [("failurePolicy", "Ignore")]),
            hook("custom-resources-only", rules: crds),
        ])]
        let v = evaluate(control, objects).violations
        #expect(v.map { $0.message.split(separator: "\"")[1] } == ["no-selector", "opt-out"])
        #expect(v[0].value == "unset")
        // kube-system's own labels count when the input holds the Namespace.
        let labelled = KubeObject(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kube-system", "labels": ["policy/disabled": "true"]]])
        #expect(evaluate(control, objects + [labelled]).violations.count == 1)
    }

    @Test func apiServicesWithoutTLSVerification() {
        let control = S15WebhooksAndAPIServices.insecureAPIServices
        func apiService(_ name: String, insecure: Bool?) -> KubeObject {
            var spec = Mapping()
            spec.set("service", ["namespace": "kube-system", "name": "metrics-server"])
            if let insecure { spec.set("insecureSkipTLSVerify", .bool(insecure)) }
            return KubeObject(["apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService", "metadata": ["name": .string(name)], "spec": .mapping(spec)])
        }
        let v = evaluate(control, [apiService("v1beta1.metrics.k8s.io", insecure: true), apiService("v1.safe", insecure: false), apiService("v1.unset", insecure: nil)]).violations
        #expect(v.map { $0.object?.name } == ["v1beta1.metrics.k8s.io"])
        #expect(v.first?.message.contains("kube-system/metrics-server") == true)
        #expect(evaluate(control, []).notAssessedReason == "no APIService objects in input")
    }
}

@Suite struct S14RotatingCredentialsTests {
    func secret(_ name: String, type: String, data: Value? = nil, stringData: Value? = nil) -> KubeObject {
        var m = Mapping()
        m.set("apiVersion", "v1")
        m.set("kind", "Secret")
        m.set("metadata", ["name": .string(name), "namespace": "kube-system", "annotations": ["kubernetes.io/service-account.name": "deployer"]])
        m.set("type", .string(type))
        if let data { m.set("data", data) }
        if let stringData { m.set("stringData", stringData) }
        return KubeObject(.mapping(m))
    }

    @Test func bootstrapTokensBySeverityOfExpiry() {
        let control = S14RotatingCredentials.bootstrapTokens
        let settings = ScanSettings(now: RFC3339.parse("2026-11-29T00:00:00Z") ?? .distantPast)
        let objects = [
            secret("bootstrap-token-valid", type: "bootstrap.kubernetes.io/token", stringData: ["token-id": "abcdef", "expiration": "2026-11-30T00:00:00Z"]),
            // base64 of 2026-01-01T00:00:00Z
            secret("bootstrap-token-expired", type: "bootstrap.kubernetes.io/token", data: ["expiration": "MjAyNi0wMS0wMVQwMDowMDowMFo="]),
            secret("bootstrap-token-forever", type: "bootstrap.kubernetes.io/token", stringData: ["token-id": "abcdef"]),
            secret("bootstrap-token-snapshot", type: "bootstrap.kubernetes.io/token", data: ["expiration": nil]),
            secret("opaque", type: "Opaque", stringData: ["expiration": "x"]),
        ]
        let v = evaluate(control, objects, settings: settings).violations
        #expect(v.map { $0.object?.name } == ["bootstrap-token-valid", "bootstrap-token-expired", "bootstrap-token-forever", "bootstrap-token-snapshot"])
        #expect(v.map { $0.effectiveSeverity(control) } == [.medium, .low, .high, .medium])
        #expect(v[1].value == "2026-01-01T00:00:00Z")
        #expect(evaluate(control, [secret("opaque", type: "Opaque")]).isPass)
        #expect(evaluate(control, []).notAssessedReason == "no Secret objects in input")
    }

    @Test func legacyServiceAccountTokenSecrets() {
        let control = S14RotatingCredentials.legacyServiceAccountTokens
        let v = evaluate(control, [secret("deployer-token", type: "kubernetes.io/service-account-token"), secret("tls", type: "kubernetes.io/tls")]).violations
        #expect(v.map { $0.object?.name } == ["deployer-token"])
        #expect(v.first?.message.contains("service account deployer") == true)
        #expect(evaluate(control, [secret("tls", type: "kubernetes.io/tls")]).isPass)
    }
}

@Suite struct S10ControlPlaneNodeTests {
    func node(_ name: String, role: String?, taints: Value?) -> KubeObject {
        var metadata = Mapping()
        metadata.set("name", .string(name))
        if let role { metadata.set("labels", .mapping(Mapping([.init(key: role, value: "")]))) }
        var m = Mapping()
        m.set("apiVersion", "v1")
        m.set("kind", "Node")
        m.set("metadata", .mapping(metadata))
        if let taints { m.set("spec", ["taints": taints]) }
        return KubeObject(.mapping(m))
    }

    @Test func controlPlaneNodesNeedTheTaint() {
        let control = S10PodPlacement.untaintedControlPlaneNodes
        let objects = [
            node("cp-1", role: "node-role.kubernetes.io/control-plane", taints: [["key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"]]),
            node("cp-2", role: "node-role.kubernetes.io/control-plane", taints: nil),
            node("cp-3", role: "node-role.kubernetes.io/master", taints: [["key": "node-role.kubernetes.io/control-plane", "effect": "PreferNoSchedule"]]),
            node("worker", role: nil, taints: nil),
        ]
        let v = evaluate(control, objects).violations
        #expect(v.map { $0.object?.name } == ["cp-2", "cp-3"])
        #expect(v[0].value == "none")
        #expect(evaluate(control, [objects[0], objects[3]]).isPass)
        #expect(evaluate(control, [objects[3]]).notAssessedReason?.contains("control-plane role") == true)
        #expect(evaluate(control, []).notAssessedReason?.contains("no Node objects") == true)
    }
}
