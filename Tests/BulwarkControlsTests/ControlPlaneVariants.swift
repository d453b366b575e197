import BulwarkModel
@testable import BulwarkControls
import BulwarkComponentConfig

/// A hardened control plane (every flag/config control passes) and an insecure one (every one
/// fails), for the both-sides sweep; built from kubeadm's layout.
enum ControlPlaneVariants {
    static func staticPod(_ component: String, image: String, flags: [String]) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          labels: {component: \(component), tier: control-plane}
          name: \(component)
          namespace: kube-system
        spec:
          hostNetwork: true
          containers:
          - name: \(component)
            image: \(image)
            command:
            - \(component)
        \(flags.map { "    - \"\($0)\"" }.joined(separator: "\n"))
        """
    }

    static func k3sConfig(_ yaml: String, source: String = "/etc/rancher/k3s/config.yaml") -> K3sServerConfig {
        // The manifest reader keeps only objects; a kind line makes the k3s document one.
        let wrapped = "apiVersion: k3s.test/v1\nkind: K3sConfigFixture\n" + yaml
        let value = ControlPlaneFixtures.inventory([(source, wrapped)]).objects.first?.value ?? .null
        return K3sServerConfig(settings: value, source: source)
    }

    static let strongCiphers = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
    // 32 bytes, base64: generated for the tests, not a real key.
    static let key32 = "c2VjcmV0Ym94LXRlc3Qta2V5LTMyLWJ5dGVzLWxvbmc="
    static let key10 = "c2hvcnQta2V5MQ=="

    static let hardened: [(String, String)] = [
        ("/etc/kubernetes/manifests/kube-apiserver.yaml", staticPod("kube-apiserver", image: "registry.k8s.io/kube-apiserver:v1.31.2", flags: [
            "--anonymous-auth=false", "--authorization-mode=Node,RBAC", "--client-ca-file=/etc/kubernetes/pki/ca.crt",
            "--enable-admission-plugins=NodeRestriction,PodSecurity", "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
            "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt", "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key",
            "--etcd-servers=https://127.0.0.1:2379", "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
            "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key", "--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local", "--service-account-key-file=/etc/kubernetes/pki/sa.pub",
            "--service-account-signing-key-file=/etc/kubernetes/pki/sa.key", "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
            "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key", "--tls-min-version=VersionTLS12", "--tls-cipher-suites=\(strongCiphers)",
            "--oidc-issuer-url=https://login.example.com", "--audit-policy-file=/etc/kubernetes/audit/policy.yaml",
            "--audit-log-path=/var/log/kubernetes/audit.log", "--audit-log-maxage=30", "--audit-log-maxbackup=10", "--audit-log-maxsize=100",
            "--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml", "--feature-gates=UserNamespacesSupport=true",
            "--runtime-config=admissionregistration.k8s.io/v1=true",
        ])),
        ("/etc/kubernetes/manifests/etcd.yaml", staticPod("etcd", image: "registry.k8s.io/etcd:3.5.15-0", flags: [
            "--cert-file=/etc/kubernetes/pki/etcd/server.crt", "--key-file=/etc/kubernetes/pki/etcd/server.key", "--client-cert-auth=true",
            "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt", "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
            "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key", "--peer-client-cert-auth=true", "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
            "--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.10:2379", "--advertise-client-urls=https://10.0.0.10:2379",
            "--listen-peer-urls=https://10.0.0.10:2380", "--initial-advertise-peer-urls=https://10.0.0.10:2380", "--cipher-suites=\(strongCiphers)",
        ])),
        ("/etc/kubernetes/manifests/kube-controller-manager.yaml", staticPod("kube-controller-manager", image: "registry.k8s.io/kube-controller-manager:v1.31.2", flags: [
            "--bind-address=127.0.0.1", "--use-service-account-credentials=true", "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
            "--root-ca-file=/etc/kubernetes/pki/ca.crt", "--tls-min-version=VersionTLS13",
        ])),
        ("/etc/kubernetes/manifests/kube-scheduler.yaml", staticPod("kube-scheduler", image: "registry.k8s.io/kube-scheduler:v1.31.2", flags: ["--bind-address=127.0.0.1"])),
        ("/var/lib/kubelet/config.yaml", """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous: {enabled: false}
          webhook: {enabled: true}
          x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}
        authorization: {mode: Webhook}
        readOnlyPort: 0
        serverTLSBootstrap: true
        rotateCertificates: true
        protectKernelDefaults: true
        streamingConnectionIdleTimeout: 5m
        tlsMinVersion: VersionTLS12
        tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
        featureGates: {RotateKubeletServerCertificate: true}
        """),
        ("/etc/kubernetes/enc/encryption.yaml", """
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
        - resources: [secrets, configmaps]
          providers:
          - secretbox:
              keys:
              - name: key1
                secret: \(key32)
          - identity: {}
        """),
        ("/etc/kubernetes/audit/policy.yaml", """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
        - level: None
          users: ["system:kube-proxy"]
          verbs: [watch]
          resources: [{group: "", resources: [endpoints, services]}]
        - level: Metadata
          resources:
          - group: ""
            resources: [secrets, configmaps]
          - group: authentication.k8s.io
            resources: [tokenreviews]
        - level: RequestResponse
          resources:
          - group: rbac.authorization.k8s.io
          - group: admissionregistration.k8s.io
            resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations]
        - level: Request
          resources: [{group: "", resources: ["pods/exec", "pods/attach", "pods/portforward"]}]
        - level: Metadata
        """),
        ("/etc/kubernetes/scheduler.conf", """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubernetes
          cluster: {certificate-authority-data: Q0E=, server: "https://192.168.1.10:6443"}
        contexts:
        - name: system:kube-scheduler@kubernetes
          context: {cluster: kubernetes, user: system:kube-scheduler}
        current-context: system:kube-scheduler@kubernetes
        users:
        - name: system:kube-scheduler
          user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}
        """),
    ]

    /// Two API servers (control-plane nodes drifted apart), two etcd members, several config
    /// documents, and a k3s agent whose kubelet has a zero streaming timeout: every control fails.
    static let insecure: [(String, String)] = [
        ("/etc/kubernetes/manifests/kube-apiserver.yaml", staticPod("kube-apiserver", image: "registry.k8s.io/kube-apiserver:v1.18.20", flags: [
            "--insecure-port=8080", "--insecure-bind-address=0.0.0.0", "--authorization-mode=AlwaysAllow,ABAC",
            "--enable-admission-plugins=AlwaysAdmit", "--token-auth-file=/etc/kubernetes/tokens.csv", "--basic-auth-file=/etc/kubernetes/users.csv",
            "--service-account-lookup=false", "--etcd-servers=http://10.0.0.10:2379", "--tls-min-version=VersionTLS10",
            "--tls-cipher-suites=TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "--feature-gates=ProcMountType=true,AllAlpha=true", "--runtime-config=api/all=true",
        ])),
        ("/etc/kubernetes/manifests/kube-apiserver-cp2.yaml", staticPod("kube-apiserver", image: "registry.k8s.io/kube-apiserver:v1.18.20", flags: [
            "--client-ca-file=/etc/kubernetes/pki/ca.crt", "--audit-log-path=/var/log/audit.log", "--audit-log-maxage=7",
            "--encryption-provider-config=/etc/kubernetes/encryption.yaml", "--etcd-servers=https://10.0.0.10:2379",
        ])),
        ("/etc/kubernetes/manifests/etcd.yaml", staticPod("etcd", image: "quay.io/coreos/etcd:v3.4.13", flags: [
            "--listen-client-urls=http://0.0.0.0:2379", "--advertise-client-urls=http://10.0.0.10:2379", "--auto-tls=true", "--peer-auto-tls",
            "--listen-peer-urls=http://10.0.0.10:2380", "--cipher-suites=TLS_RSA_WITH_RC4_128_SHA",
        ])),
        ("/etc/kubernetes/manifests/etcd-2.yaml", staticPod("etcd", image: "quay.io/coreos/etcd:v3.4.13", flags: [
            "--trusted-ca-file=/etc/kubernetes/pki/ca.crt",
        ])),
        ("/etc/kubernetes/manifests/kube-controller-manager.yaml", staticPod("kube-controller-manager", image: "registry.k8s.io/kube-controller-manager:v1.18.20", flags: [
            "--port=10252", "--feature-gates=RotateKubeletServerCertificate=false",
        ])),
        ("/etc/kubernetes/manifests/kube-scheduler.yaml", staticPod("kube-scheduler", image: "registry.k8s.io/kube-scheduler:v1.18.20", flags: ["--bind-address=0.0.0.0"])),
        ("kubelet.yaml", """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous: {enabled: true}
          webhook: {enabled: false}
        authorization: {mode: AlwaysAllow}
        readOnlyPort: 10255
        rotateCertificates: false
        makeIPTablesUtilChains: false
        tlsMinVersion: VersionTLS11
        tlsCipherSuites: [TLS_RSA_WITH_AES_128_CBC_SHA]
        featureGates: {RotateKubeletServerCertificate: false}
        """),
        ("encryption.yaml", """
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
        - resources: [secrets]
          providers:
          - identity: {}
          - aescbc:
              keys:
              - name: key1
                secret: \(key10)
        - resources: [configmaps]
          providers:
          - aesgcm:
              keys: []
        """),
        ("encryption-configmaps-only.yaml", """
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
        - resources: [configmaps]
          providers:
          - secretbox:
              keys: [{name: k, secret: \(key32)}]
        """),
        ("encryption-kms.yaml", """
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
        - resources: [secrets]
          providers:
          - kms:
              name: vault
              endpoint: unix:///var/run/kms.sock
        """),
        ("policy-none-first.yaml", """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
        - level: None
        - level: Metadata
        """),
        ("policy-bodies.yaml", """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
        - level: RequestResponse
          resources: [{group: ""}]
        - level: Everything
        """),
        ("admin.conf", """
        apiVersion: v1
        kind: Config
        clusters:
        - name: prod
          cluster: {server: "http://10.0.0.10:8080", insecure-skip-tls-verify: true}
        contexts:
        - name: admin@prod
          context: {cluster: prod, user: admin}
        - name: ghost@prod
          context: {cluster: prod, user: ghost}
        users:
        - name: admin
          user: {}
        """),
    ]

    static let insecureK3s = k3sConfig("""
    cluster-init: true
    kubelet-arg:
      - "streaming-connection-idle-timeout=0"
    """, source: "/etc/rancher/k3s/config.yaml")
}
