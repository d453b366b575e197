import Testing
import BulwarkModel
@testable import BulwarkControls
import BulwarkComponentConfig

/// Version-dependent defaults, structured configuration files, document matching and content
/// checks, one behaviour at a time.
@Suite struct ComponentControlSemanticsTests {
    typealias V = ControlPlaneVariants

    func apiServer(_ version: String, _ flags: [String]) -> (String, String) {
        ("/etc/kubernetes/manifests/kube-apiserver.yaml", V.staticPod("kube-apiserver", image: "registry.k8s.io/kube-apiserver:v\(version)", flags: flags))
    }

    func ctx(_ files: [(String, String)]) -> ScanContext { ControlPlaneFixtures.context(files) }

    @Test func insecurePortByVersion() {
        let c = S1TLS.apiServerInsecurePort
        let unset118 = c.evaluate(ctx([apiServer("1.18.20", [])])).violations
        #expect(unset118.first?.effectiveSeverity(c) == .high)
        #expect(unset118.first?.message.contains("port 8080 at 127.0.0.1") == true)
        #expect(c.evaluate(ctx([apiServer("1.18.20", ["--insecure-port=0"])])).isPass)
        #expect(c.evaluate(ctx([apiServer("1.18.20", ["--insecure-port=8080", "--insecure-bind-address=0.0.0.0"])])).violations.first?.effectiveSeverity(c) == .critical)
        #expect(c.evaluate(ctx([apiServer("1.22.0", ["--insecure-port=8080"])])).violations.first?.effectiveSeverity(c) == .low)
        #expect(c.evaluate(ctx([apiServer("1.22.0", [])])).isPass)
        let removed = c.evaluate(ctx([apiServer("1.31.0", ["--insecure-port=0"])])).violations
        #expect(removed.first?.message.contains("removed in Kubernetes 1.24") == true)
    }

    @Test func tlsMinVersionDefaultDependsOnGoVersion() {
        let c = S1TLS.tlsMinimumVersion
        #expect(c.evaluate(ctx([apiServer("1.29.0", [])])).violations.first?.effectiveSeverity(c) == .low)
        #expect(c.evaluate(ctx([apiServer("1.30.0", [])])).isPass)
        #expect(c.evaluate(ctx([apiServer("1.30.0", ["--tls-min-version=VersionTLS11"])])).violations.first?.value == "VersionTLS11")
        let kubelet = ("k.yaml", "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n")
        #expect(c.evaluate(ControlPlaneFixtures.context([kubelet], kubeVersion: KubeVersion(1, 29))).violations.first?.effectiveSeverity(c) == .low)
        #expect(c.evaluate(ControlPlaneFixtures.context([kubelet], kubeVersion: KubeVersion(1, 30))).isPass)
    }

    @Test func anonymousAuthStrayValueAndStructuredConfig() {
        let stray = S2Authentication.anonymousAuth.evaluate(ctx([apiServer("1.31.0", ["--anonymous-auth", "false"])])).violations
        #expect(stray.first?.value == "true")
        #expect(stray.first?.message.contains("\"false\" is a stray argument") == true)

        let limited = """
        apiVersion: apiserver.config.k8s.io/v1beta1
        kind: AuthenticationConfiguration
        anonymous:
          enabled: true
          conditions: [{path: /livez}, {path: /readyz}, {path: /healthz}]
        """
        let open = """
        apiVersion: apiserver.config.k8s.io/v1beta1
        kind: AuthenticationConfiguration
        anonymous:
          enabled: true
          conditions: [{path: /livez}, {path: /api}]
        """
        let flags = ["--authentication-config=/etc/kubernetes/authn.yaml"]
        #expect(S2Authentication.anonymousAuth.evaluate(ctx([apiServer("1.32.0", flags), ("config/authn.yaml", limited)])).isPass)
        let v = S2Authentication.anonymousAuth.evaluate(ctx([apiServer("1.32.0", flags), ("config/authn.yaml", open)])).violations
        #expect(v.first?.path == "anonymous.enabled")
        #expect(v.first?.message.contains("on /api") == true)
        #expect(v.first?.message.contains("matched by file name: the flag names /etc/kubernetes/authn.yaml, the input file is config/authn.yaml") == true)
        // The document is absent: the flag's default applies.
        #expect(S2Authentication.anonymousAuth.evaluate(ctx([apiServer("1.32.0", flags)])).isFail)
    }

    @Test func basicAuthFileByVersion() {
        let c = S2Authentication.basicAuthFile
        #expect(c.evaluate(ctx([apiServer("1.18.0", ["--basic-auth-file=/x.csv"])])).violations.first?.effectiveSeverity(c) == .critical)
        #expect(c.evaluate(ctx([apiServer("1.19.0", ["--basic-auth-file=/x.csv"])])).violations.first?.effectiveSeverity(c) == .low)
    }

    @Test func authorizationChainFromFlagDefaultOrConfig() {
        let unset = S3AuthorizationFlags.notAlwaysAllow.evaluate(ctx([apiServer("1.31.0", [])])).violations
        #expect(unset.first?.value == "(unset: AlwaysAllow)")
        let authz = """
        apiVersion: apiserver.config.k8s.io/v1
        kind: AuthorizationConfiguration
        authorizers:
        - {type: Node, name: node}
        - {type: RBAC, name: rbac}
        - type: Webhook
          name: opa
          webhook: {timeout: 3s, subjectAccessReviewVersion: v1, matchConditionSubjectAccessReviewVersion: v1, failurePolicy: Deny, connectionInfo: {type: InClusterConfig}}
        """
        let files = [apiServer("1.31.0", ["--authorization-config=/etc/kubernetes/authz.yaml"]), ("/etc/kubernetes/authz.yaml", authz)]
        for c in [S3AuthorizationFlags.notAlwaysAllow, S3AuthorizationFlags.nodeAuthorizer, S3AuthorizationFlags.rbacAuthorizer] {
            #expect(c.evaluate(ctx(files)).isPass, "\(c.id)")
        }
        let missing = S3AuthorizationFlags.rbacAuthorizer.evaluate(ctx([apiServer("1.31.0", ["--authorization-config=/etc/kubernetes/authz.yaml"])]))
        #expect(missing.notAssessedReason == "kube-apiserver uses --authorization-config /etc/kubernetes/authz.yaml, which is not in input")
    }

    @Test func admissionPluginsCombineAndDisableWins() {
        let c = S3AuthorizationFlags.nodeRestriction
        #expect(c.evaluate(ctx([apiServer("1.31.0", ["--enable-admission-plugins=PodSecurity", "--enable-admission-plugins=NodeRestriction"])])).isPass)
        let disabled = c.evaluate(ctx([apiServer("1.31.0", ["--enable-admission-plugins=NodeRestriction", "--disable-admission-plugins=NodeRestriction"])])).violations
        #expect(disabled.first?.path == "--disable-admission-plugins")
    }

    @Test func alphaGatesAtTheComponentsOwnVersion() {
        let c = S13FeatureGates.alphaGates
        #expect(c.evaluate(ctx([apiServer("1.31.0", ["--feature-gates=InPlacePodVerticalScaling=true"])])).isFail)
        #expect(c.evaluate(ctx([apiServer("1.33.0", ["--feature-gates=InPlacePodVerticalScaling=true"])])).isPass)
        #expect(c.evaluate(ctx([apiServer("1.31.0", ["--feature-gates=InPlacePodVerticalScaling=false"])])).isPass)
        let later = c.evaluate(ctx([apiServer("1.31.0", ["--feature-gates=InPlacePodVerticalScaling=true", "--feature-gates=InPlacePodVerticalScaling=false"])]))
        #expect(later.isPass)
        let unknown = c.evaluate(ctx([apiServer("1.31.0", ["--feature-gates=SomeVendorGate=true"])]))
        #expect(unknown.passReason?.contains("stage unknown: SomeVendorGate") == true)
        // Kubelet gates are judged at the scan's target version.
        let kubelet = ("k.yaml", "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nfeatureGates: {UserNamespacesSupport: true}\n")
        #expect(c.evaluate(ControlPlaneFixtures.context([kubelet], kubeVersion: KubeVersion(1, 28))).violations.first?.path == "featureGates.UserNamespacesSupport")
        #expect(c.evaluate(ControlPlaneFixtures.context([kubelet], kubeVersion: KubeVersion(1, 31))).isPass)
    }

    @Test func runtimeConfigStages() {
        let c = S13FeatureGates.runtimeConfig
        let v = c.evaluate(ctx([apiServer("1.31.0", ["--runtime-config=batch/v2alpha1,api/beta=true,storage.k8s.io/v1beta1=false"])])).violations
        #expect(v.map(\.value) == ["batch/v2alpha1", "api/beta=true"])
        #expect(v.map { $0.effectiveSeverity(c) } == [.medium, .low])
        #expect(c.evaluate(ctx([apiServer("1.31.0", ["--runtime-config=api/all=true"])])).violations.first?.effectiveSeverity(c) == .high)
    }

    @Test func allBetaIsMediumAllAlphaHigh() {
        let c = S13FeatureGates.allAlphaOrBeta
        let v = c.evaluate(ctx([apiServer("1.31.0", ["--feature-gates=AllBeta=true,AllAlpha=true"])])).violations
        #expect(v.map { $0.effectiveSeverity(c) } == [.medium, .high])
    }

    @Test func auditPolicyContentIsFirstMatch() {
        let shadowedExec = """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
        - level: None
          resources: [{group: "", resources: ["pods/exec", "pods/attach"]}]
        - level: Metadata
        """
        let files = [apiServer("1.31.0", ["--audit-policy-file=/etc/kubernetes/audit-policy.yaml"]), ("/etc/kubernetes/audit-policy.yaml", shadowedExec)]
        let v = S12AuditLogging.riskyActionsLogged.evaluate(ctx(files)).violations
        #expect(v.map(\.path) == ["rules[0].level", "rules[0].level"])
        #expect(v.first?.message.contains("pods/exec are not logged (used by kube-apiserver --audit-policy-file; same path)") == true)
        #expect(S12AuditLogging.catchAllNone.evaluate(ctx(files)).isPass)
        #expect(S12AuditLogging.sensitiveResourcesAtMetadata.evaluate(ctx(files)).isPass)
        // A None catch-all as the last rule hides nothing.
        let lastNone = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources: [{group: \"\", resources: [secrets]}]\n- level: None\n"
        #expect(S12AuditLogging.catchAllNone.evaluate(ctx([("p.yaml", lastNone)])).isPass)
        let unreferenced = S12AuditLogging.riskyActionsLogged.evaluate(ctx([("p.yaml", lastNone)])).violations
        #expect(unreferenced.first?.message.contains("not referenced by any component in the input; evaluated on its own") == true)
    }

    @Test func encryptionStrengthAndKeyLengths() {
        func enc(_ provider: String) -> (String, String) {
            ("enc.yaml", "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - \(provider)\n")
        }
        let strength = S16EncryptionAtRest.providerStrength
        #expect(strength.evaluate(ctx([enc("aesgcm: {keys: [{name: k, secret: \(V.key32)}]}")])).violations.first?.effectiveSeverity(strength) == .medium)
        #expect(strength.evaluate(ctx([enc("aescbc: {keys: [{name: k, secret: \(V.key32)}]}")])).violations.first?.effectiveSeverity(strength) == .low)
        #expect(strength.evaluate(ctx([enc("kms: {name: v, endpoint: unix:///k.sock}")])).violations.first?.value == "kms v1")
        #expect(strength.evaluate(ctx([enc("kms: {apiVersion: v2, name: v, endpoint: unix:///k.sock}")])).isPass)
        let sixteen = "MDEyMzQ1Njc4OWFiY2RlZg=="  // 16 bytes: valid for AES, not for secretbox
        let keys = S16EncryptionAtRest.keyLengths
        #expect(keys.evaluate(ctx([enc("aesgcm: {keys: [{name: k, secret: \(sixteen)}]}")])).isPass)
        let bad = keys.evaluate(ctx([enc("secretbox: {keys: [{name: k, secret: \(sixteen)}]}")])).violations
        #expect(bad.first?.value == "16 bytes (value not shown)")
        #expect(bad.first?.message.contains(sixteen) == false)
        #expect(bad.first?.path == "resources[0].providers[0].secretbox.keys[0].secret")
    }

    @Test func etcdSharingTheClusterCAIsFlagged() {
        let files = [apiServer("1.31.0", ["--client-ca-file=/etc/kubernetes/pki/ca.crt"]),
                     ("etcd.yaml", V.staticPod("etcd", image: "registry.k8s.io/etcd:3.5.15-0", flags: ["--trusted-ca-file=/etc/kubernetes/pki/ca.crt"]))]
        #expect(S11Etcd.distinctCA.evaluate(ctx(files)).violations.first?.value == "/etc/kubernetes/pki/ca.crt")
        #expect(S11Etcd.distinctCA.evaluate(ctx([files[1]])).notAssessedReason == "needs both an etcd and a kube-apiserver manifest in input")
    }

    @Test func etcdHTTPOnLoopbackIsAllowedButNotOnAllInterfaces() {
        let loopback = V.staticPod("etcd", image: "e:1", flags: ["--listen-client-urls=http://127.0.0.1:2379"])
        #expect(S11Etcd.plainHTTPListeners.evaluate(ctx([("e.yaml", loopback)])).isPass)
        let all = V.staticPod("etcd", image: "e:1", flags: ["--listen-client-urls=https://127.0.0.1:2379,http://[::]:2379"])
        #expect(S11Etcd.plainHTTPListeners.evaluate(ctx([("e.yaml", all)])).violations.first?.value == "http://[::]:2379")
    }

    @Test func controllerManagerDefaultBindIsAllInterfaces() {
        let cm = V.staticPod("kube-controller-manager", image: "registry.k8s.io/kube-controller-manager:v1.31.0", flags: [])
        let v = S1TLS.controlPlaneBindAddress.evaluate(ctx([("cm.yaml", cm)])).violations
        #expect(v.first?.value == "(unset)")
        let off = V.staticPod("kube-scheduler", image: "registry.k8s.io/kube-scheduler:v1.31.0", flags: ["--secure-port=0"])
        #expect(S1TLS.controlPlaneBindAddress.evaluate(ctx([("s.yaml", off)])).isPass)
    }
}
