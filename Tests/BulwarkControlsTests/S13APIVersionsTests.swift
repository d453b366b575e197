import Testing
import BulwarkModel
@testable import BulwarkControls

@Suite struct S13APIVersionsTests {
    func object(_ apiVersion: String, _ kind: String, _ name: String = "x") -> KubeObject {
        KubeObject(["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": ["name": .string(name), "namespace": "apps"]])
    }

    func at(_ minor: Int) -> ScanSettings { ScanSettings(kubeVersion: KubeVersion(1, minor)) }

    @Test func removedAtTargetIsHigh() {
        let control = S13APIVersions.removedAPIs
        let objects = [object("extensions/v1beta1", "Deployment"), object("policy/v1beta1", "PodSecurityPolicy"),
                       object("apps/v1", "Deployment"), object("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema")]
        let v = evaluate(control, objects).violations
        #expect(v.map(\.value) == ["extensions/v1beta1", "policy/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta3"])
        #expect(v.allSatisfy { $0.path == "apiVersion" && $0.effectiveSeverity(control) == .high })
        #expect(v[0].message.contains("1.16") && v[0].message.contains("apps/v1"))
        // At 1.24 PSP and the flowcontrol beta are still served.
        #expect(evaluate(control, objects, settings: at(24)).violations.map(\.value) == ["extensions/v1beta1"])
        // At 1.15 nothing here had been removed.
        #expect(evaluate(control, objects, settings: at(15)).isPass)
    }

    @Test func deprecatedButServed() {
        let control = S13APIVersions.deprecatedAPIs
        let cron = object("batch/v1beta1", "CronJob")
        #expect(evaluate(control, [cron], settings: at(20)).isPass)           // not yet deprecated
        let v = evaluate(control, [cron], settings: at(23)).violations
        #expect(v.count == 1)
        #expect(v.first?.message.contains("1.25") == true)
        #expect(v.first.map { $0.effectiveSeverity(control) } == .medium)
        #expect(evaluate(control, [cron], settings: at(25)).isPass)           // removed: BW-S13-001's job
        let endpoints = evaluate(control, [object("v1", "Endpoints")], settings: at(33)).violations
        #expect(endpoints.first?.severity == .low)
        #expect(evaluate(control, [object("v1", "Endpoints")], settings: at(32)).isPass)
    }

    @Test func wholeGroupVersionFallback() {
        let v = evaluate(S13APIVersions.removedAPIs, [object("apps/v1beta2", "ControllerRevision")]).violations
        #expect(v.count == 1)
    }

    @Test func alphaBetaOnlyForBuiltInGroups() {
        let control = S13APIVersions.alphaBetaAPIs
        let objects = [
            object("networking.k8s.io/v1alpha1", "IPAddress"),
            object("cert-manager.io/v1beta1", "Certificate"),
            object("batch/v1beta1", "CronJob"),       // removed at 1.37: left to BW-S13-001
            object("apps/v1", "Deployment"),
            object("example.com/v1beta", "Widget"),
            object("skaffold/v2beta22", "Config"),
            object("argoproj.io/v1alpha1", "Application"),
            // CRD-served groups that merely end in .k8s.io are no built-in API either.
            object("gateway.networking.k8s.io/v1alpha2", "TCPRoute"),
            object("snapshot.storage.k8s.io/v1beta1", "VolumeSnapshot"),
        ]
        let v = evaluate(control, objects).violations
        #expect(v.map(\.value) == ["networking.k8s.io/v1alpha1"])
        #expect(v.first?.effectiveSeverity(control) == .low)
        // Custom resources alone: a pass, never "alpha APIs are off by default".
        let argo = evaluate(control, [object("argoproj.io/v1alpha1", "Application"), object("argoproj.io/v1alpha1", "AppProject")])
        #expect(argo.isPass)
    }

    @Test func servedCustomGroupVersionsAreInfo() {
        var inventory = Inventory(objects: [])
        inventory.add(servedGroupVersions: ["gateway.networking.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "argoproj.io/v1alpha1", "v1"])
        let v = S13APIVersions.servedAlphaBetaGroupVersions.evaluate(ScanContext(inventory: inventory)).violations
        #expect(v.map(\.value) == ["gateway.networking.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "argoproj.io/v1alpha1"])
        #expect(v.map(\.severity) == [.info, .medium, .info])
    }

    @Test func crdStorageVersions() {
        let crd = KubeObject(["apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                              "metadata": ["name": "widgets.example.com"],
                              "spec": ["group": "example.com", "versions": [["name": "v1alpha1", "served": true, "storage": false],
                                                                            ["name": "v1beta2", "served": true, "storage": true]]],
                              "status": ["storedVersions": ["v1alpha1", "v1beta2"]]])
        let v = evaluate(S13APIVersions.alphaBetaAPIs, [crd]).violations
        #expect(v.map(\.path) == ["status.storedVersions[0]", "status.storedVersions[1]", "spec.versions[1].name"])
        #expect(v.allSatisfy { $0.severity == .info })
        #expect(v.allSatisfy { !$0.message.contains("off by default") })
    }

    @Test func stabilityParsing() {
        #expect(DeprecatedAPIs.stability(ofVersion: "v1alpha1") == "alpha")
        #expect(DeprecatedAPIs.stability(ofVersion: "v2beta2") == "beta")
        #expect(DeprecatedAPIs.stability(ofVersion: "v1") == nil)
        #expect(DeprecatedAPIs.stability(ofVersion: "v1alphabet") == nil)
        #expect(DeprecatedAPIs.stability(ofVersion: "beta1") == nil)
    }

    @Test func tableCoversEveryRemovalFrom116To132() {
        let expected: [(String, String, Int)] = [
            ("extensions/v1beta1", "Deployment", 16), ("extensions/v1beta1", "DaemonSet", 16), ("extensions/v1beta1", "ReplicaSet", 16),
            ("extensions/v1beta1", "NetworkPolicy", 16), ("extensions/v1beta1", "PodSecurityPolicy", 16),
            ("apps/v1beta1", "Deployment", 16), ("apps/v1beta1", "StatefulSet", 16), ("apps/v1beta2", "DaemonSet", 16),
            ("extensions/v1beta1", "Ingress", 22), ("networking.k8s.io/v1beta1", "Ingress", 22), ("networking.k8s.io/v1beta1", "IngressClass", 22),
            ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", 22), ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 22),
            ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", 22), ("apiregistration.k8s.io/v1beta1", "APIService", 22),
            ("authentication.k8s.io/v1beta1", "TokenReview", 22), ("authorization.k8s.io/v1beta1", "SubjectAccessReview", 22),
            ("certificates.k8s.io/v1beta1", "CertificateSigningRequest", 22), ("coordination.k8s.io/v1beta1", "Lease", 22),
            ("scheduling.k8s.io/v1beta1", "PriorityClass", 22), ("storage.k8s.io/v1beta1", "CSIDriver", 22), ("storage.k8s.io/v1beta1", "CSINode", 22),
            ("storage.k8s.io/v1beta1", "StorageClass", 22), ("storage.k8s.io/v1beta1", "VolumeAttachment", 22),
            ("batch/v1beta1", "CronJob", 25), ("discovery.k8s.io/v1beta1", "EndpointSlice", 25), ("events.k8s.io/v1beta1", "Event", 25),
            ("autoscaling/v2beta1", "HorizontalPodAutoscaler", 25), ("policy/v1beta1", "PodDisruptionBudget", 25),
            ("policy/v1beta1", "PodSecurityPolicy", 25), ("node.k8s.io/v1beta1", "RuntimeClass", 25),
            ("autoscaling/v2beta2", "HorizontalPodAutoscaler", 26), ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", 26),
            ("storage.k8s.io/v1beta1", "CSIStorageCapacity", 27), ("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", 29),
            ("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 32),
        ]
        for (apiVersion, kind, removed) in expected {
            let api = DeprecatedAPIs.lookup(apiVersion: apiVersion, kind: kind)
            #expect(api?.removedIn == KubeVersion(1, removed), "\(apiVersion) \(kind)")
            if let api { #expect(api.deprecatedIn < KubeVersion(1, removed)) }
        }
        for api in DeprecatedAPIs.all {
            let group = api.apiVersion.split(separator: "/").count == 2 ? String(api.apiVersion.split(separator: "/")[0]) : ""
            #expect(DeprecatedAPIs.isKubernetesGroup(group), "\(api.apiVersion)")
        }
        #expect(DeprecatedAPIs.lookup(apiVersion: "apps/v1", kind: "Deployment") == nil)
    }
}

@Suite struct S13ConfigFormatTests {
    @Test func configurationFormatsAreNotAlphaBetaAPIs() {
        let kubelet = KubeObject(["apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration"])
        let proxy = KubeObject(["apiVersion": "kubeproxy.config.k8s.io/v1alpha1", "kind": "KubeProxyConfiguration"])
        let kubeadm = KubeObject(["apiVersion": "kubeadm.k8s.io/v1beta4", "kind": "ClusterConfiguration"])
        let outcome = evaluate(S13APIVersions.alphaBetaAPIs, [kubelet, proxy, kubeadm])
        #expect(outcome.isPass)
    }
}
