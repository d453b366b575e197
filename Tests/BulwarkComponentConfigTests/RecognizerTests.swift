import Testing
import BulwarkModel
import BulwarkInputs
@testable import BulwarkComponentConfig

func inventory(_ yaml: String, file: String = "m.yaml") -> Inventory {
    Inventory(objects: ManifestReader().parse(Array(yaml.utf8), file: file).objects)
}

@Suite struct RecognizerTests {
    @Test func hyperkubeShellWrapperAndPaths() {
        let inv = inventory("""
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-apiserver, namespace: kube-system}
        spec:
          containers:
          - name: apiserver
            image: REGISTRY/hyperkube:v1.17.3
            command: ["/hyperkube", "apiserver", "--insecure-port=0"]
          - name: sched
            image: registry.k8s.io/kube-scheduler:v1.29.0
            command: ["/bin/sh", "-c", "exec /usr/local/bin/kube-scheduler --bind-address=127.0.0.1 --v='2'"]
        """)
        let found = ComponentRecognizer.components(in: inv)
        #expect(found.map(\.kind) == [.apiServer, .scheduler])
        #expect(found[0].flags.value("insecure-port") == "0")
        #expect(found[0].version == KubeVersion(1, 17))
        #expect(found[1].flags.value("v") == "2")
        #expect(found[1].flags.last("bind-address")?.location == "spec.containers[1].command[2]")
    }

    @Test func entrypointImagesAreRecognisedByLabelOrNameOnly() {
        let inv = inventory("""
        apiVersion: v1
        kind: Pod
        metadata: {name: etcd-cp1, namespace: kube-system, labels: {component: etcd, tier: control-plane}}
        spec:
          containers:
          - name: etcd
            image: registry.k8s.io/etcd:3.5.15-0
            args: ["--client-cert-auth=true"]
          - name: backup-sidecar
            image: example/backup:1
        """)
        let found = ComponentRecognizer.components(in: inv)
        #expect(found.count == 1)
        #expect(found.first?.kind == .etcd)
        #expect(found.first?.flags.bool("client-cert-auth") == true)
        #expect(found.first?.version == nil)  // etcd images carry etcd's version
    }

    @Test func unrelatedContainersAreIgnored() {
        let inv = inventory("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              containers:
              - {name: web, image: nginx:1.27, command: ["nginx", "-g", "daemon off;"]}
        """)
        #expect(ComponentRecognizer.components(in: inv).isEmpty)
    }

    @Test func kubeProxyDaemonSetIsFound() {
        let inv = inventory("""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: kube-proxy, namespace: kube-system}
        spec:
          template:
            spec:
              containers:
              - name: kube-proxy
                image: registry.k8s.io/kube-proxy:v1.31.2
                command: [/usr/local/bin/kube-proxy, --config=/var/lib/kube-proxy/config.conf, --hostname-override=$(NODE_NAME)]
        """)
        let found = ComponentRecognizer.components(in: inv)
        #expect(found.first?.kind == .kubeProxy)
        #expect(found.first?.flags.last("config")?.fieldPath == "spec.template.spec.containers[0].command[1]")
    }

    @Test func etcdEnvironmentVariablesLoseToFlags() {
        let inv = inventory("""
        apiVersion: v1
        kind: Pod
        metadata: {name: etcd, namespace: kube-system}
        spec:
          containers:
          - name: etcd
            image: quay.io/coreos/etcd:v3.5.9
            command: [etcd, --peer-client-cert-auth=true]
            env:
            - {name: ETCD_CLIENT_CERT_AUTH, value: "true"}
            - {name: ETCD_PEER_CLIENT_CERT_AUTH, value: "false"}
            - {name: ETCD_TRUSTED_CA_FILE, valueFrom: {configMapKeyRef: {name: x, key: y}}}
        """)
        let etcd = ComponentRecognizer.components(in: inv).first
        #expect(etcd?.flags.bool("client-cert-auth") == true)
        #expect(etcd?.flags.last("client-cert-auth")?.location == "spec.containers[0].env[0] (ETCD_CLIENT_CERT_AUTH)")
        #expect(etcd?.flags.bool("peer-client-cert-auth") == true)
        #expect(etcd?.flags.isSet("trusted-ca-file") == false)
    }
}

@Suite struct KubeletSettingsTests {
    let object = KubeObject(["apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration"])

    @Test func configFileDefaultsAreSecure() {
        let k = KubeletSettings(object: object, config: object.value, origin: "test")
        #expect(k.setting(KubeletSettings.anonymousAuth).bool == false)
        #expect(k.setting(KubeletSettings.authorizationMode).string == "Webhook")
        #expect(k.setting(KubeletSettings.readOnlyPort).int == 0)
        #expect(k.setting(KubeletSettings.webhookAuthentication).bool == true)
        #expect(k.setting(KubeletSettings.anonymousAuth).sourceDescription == "not set; the config-file default")
    }

    @Test func flagOnlyDefaultsAreLegacy() {
        let k = KubeletSettings(object: object, config: nil, origin: "test")
        #expect(k.setting(KubeletSettings.anonymousAuth).bool == true)
        #expect(k.setting(KubeletSettings.authorizationMode).string == "AlwaysAllow")
        #expect(k.setting(KubeletSettings.readOnlyPort).int == 10255)
        #expect(k.setting(KubeletSettings.webhookAuthentication).bool == false)
    }

    @Test func flagsOverrideTheFile() {
        let config: Value = ["authentication": ["anonymous": ["enabled": false]], "readOnlyPort": 0,
                             "featureGates": ["RotateKubeletServerCertificate": true, "ProcMountType": true]]
        let flags = FlagSet.parse([CommandLineToken("--anonymous-auth=true", location: "argv[1]"), CommandLineToken("--read-only-port", location: "argv[2]"),
                                   CommandLineToken("10255", location: "argv[3]"), CommandLineToken("--feature-gates=RotateKubeletServerCertificate=false", location: "argv[4]")],
                                  booleanFlags: ComponentKind.kubelet.booleanFlags)
        let k = KubeletSettings(object: object, config: config, flags: flags, origin: "test")
        #expect(k.setting(KubeletSettings.anonymousAuth).bool == true)
        #expect(k.setting(KubeletSettings.readOnlyPort).int == 10255)
        #expect(k.setting(KubeletSettings.readOnlyPort).sourceDescription == "flag --read-only-port at argv[2]")
        let gates = k.featureGates
        #expect(gates.map(\.name) == ["RotateKubeletServerCertificate", "ProcMountType"])
        #expect(gates.first?.enabled == false)
    }
}

@Suite struct ApplicationEtcdTests {
    @Test func anApplicationsOwnEtcdIsNotTheClusters() {
        let inv = inventory("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: apisix-etcd, namespace: gateway}
        spec:
          template:
            metadata: {labels: {app: etcd}}
            spec:
              containers:
              - {name: etcd, image: bitnami/etcd:3.5, command: [etcd, --listen-client-urls=http://0.0.0.0:2379]}
        """)
        #expect(ComponentRecognizer.components(in: inv).isEmpty)
    }
}
