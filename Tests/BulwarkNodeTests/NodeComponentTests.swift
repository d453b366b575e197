import Foundation
import Testing
import BulwarkModel
import BulwarkComponentConfig
@testable import BulwarkControls
import BulwarkNode

/// How node objects become components: processes (and etcd's environment), kubelets whose config was not read.
@Suite struct NodeComponentTests {
    func process(_ name: String, _ command: [Value], extra: [(String, Value)] = []) -> KubeObject {
        var m = Mapping()
        m.set("apiVersion", "node.bulwark.io/v1")
        m.set("kind", "NodeProcess")
        m.set("metadata", ["name": .string(name)])
        m.set("command", .array(command))
        m.set("source", .string("/proc/\(name)/cmdline"))
        for (k, v) in extra { m.set(k, v) }
        return KubeObject(.mapping(m))
    }

    @Test func processesBecomeComponentsUnlessAStaticPodRunsThem() {
        let inventory = Inventory(objects: [
            process("hyperkube-9", ["/usr/local/bin/hyperkube", "scheduler", "--profiling=true"]),
            process("kube-apiserver-5", ["kube-apiserver", "--anonymous-auth=false"], extra: [("staticPod", "/etc/kubernetes/manifests/kube-apiserver.yaml")]),
            process("etcd-3", ["/usr/bin/etcd", "--client-cert-auth", "--data-dir", "/var/lib/etcd"]),
            process("nginx-2", ["nginx", "-g", "daemon off;"]),
        ])
        let found = NodeComponents.processes(in: inventory)
        #expect(found.map(\.kind) == [.scheduler, .etcd])
        #expect(found.first?.flags.value("profiling") == "true")
        #expect(found.first?.flags.last("profiling")?.location == "/proc/hyperkube-9/cmdline argv[2]")
        #expect(found.last?.flags.value("data-dir") == "/var/lib/etcd")   // --client-cert-auth is boolean: no value consumed
    }

    @Test func etcdProcessFlagsComeFromItsEnvironmentToo() throws {
        let node = try FakeNode(fixture: "minimal")
        defer { node.remove() }
        try node.process(300, ["/usr/local/bin/etcd", "--client-cert-auth=false"])
        var environ = Data()
        for v in ["PATH=/usr/bin", "ETCD_CLIENT_CERT_AUTH=true", "ETCD_TRUSTED_CA_FILE=/etc/ssl/etcd/ca.pem", "ETCD_DATA_DIR=/srv/etcd",
                  "ETCD_INITIAL_CLUSTER_TOKEN=PLANTED-ETCD-TOKEN", "AWS_SECRET_ACCESS_KEY=PLANTED-NOT-ETCD"] {
            environ.append(Data(v.utf8)); environ.append(0)
        }
        try node.write("/proc/300/environ", environ, mode: 0o400)
        try FileManager.default.createDirectory(at: node.url("/srv/etcd"), withIntermediateDirectories: true)
        try node.chmod("/srv/etcd", 0o700)
        let inventory = NodeReader(root: node.root.path).read()
        let process = try #require(inventory.objects(ofKind: "NodeProcess").first)
        #expect(process.value["environment"]?.mapping?.keys == ["ETCD_CLIENT_CERT_AUTH", "ETCD_TRUSTED_CA_FILE", "ETCD_DATA_DIR", "ETCD_INITIAL_CLUSTER_TOKEN"])
        #expect(process.value["environment"]?["ETCD_INITIAL_CLUSTER_TOKEN"]?.string == "(redacted)")
        let etcd = try #require(NodeComponents.processes(in: inventory).first)
        #expect(etcd.flags.value("client-cert-auth") == "false")                  // the command line wins
        #expect(etcd.flags.value("trusted-ca-file") == "/etc/ssl/etcd/ca.pem")
        #expect(etcd.flags.last("trusted-ca-file")?.location == "/proc/300/environ (ETCD_TRUSTED_CA_FILE)")
        #expect(inventory.objects(ofKind: "NodeFile").first { $0.name == "/srv/etcd" }?.value["purpose"]?.string == "etcdDataDir")
    }

    @Test func kubeletWhoseConfigWasNotReadIsNotJudgedOnDefaults() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        try node.write("/var/lib/kubelet/config.yaml", "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication: {anonymous: [\n")
        let inventory = NodeReader(root: node.root.path).read()
        #expect(inventory.issues.contains { $0.file == "/var/lib/kubelet/config.yaml" && $0.level == .error })
        let context = ScanContext(inventory: inventory)
        #expect(context.componentConfig.kubelets.isEmpty)
        let outcome = S4KubeletAccess.anonymousAuth.evaluate(context)
        if case .notAssessed(let reason) = outcome { #expect(reason.contains("node cp1")) } else { Issue.record("expected not assessed, got \(outcome)") }
    }

    @Test func rke2StylePodsAndAKubeletWithOnlyDropInsAreNotGuessed() throws {
        let node = try FakeNode(fixture: "minimal")
        defer { node.remove() }
        try node.write("/var/lib/rancher/rke2/agent/pod-manifests/kube-apiserver.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
            spec:
              containers:
              - name: kube-apiserver
                image: index.docker.io/rancher/hardened-kubernetes:v1.30.4-rke2r1-build20240815
                command: [kube-apiserver]
                args: [--anonymous-auth=false, --profiling=false]
            """, mode: 0o600)
        try node.write("/var/lib/rancher/rke2/agent/etc/kubelet.conf.d/00-rke2-defaults.conf",
                       "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 0\n", mode: 0o600)
        try node.process(500, ["/var/lib/rancher/rke2/data/v1.30.4-rke2r1/bin/kubelet", "--config-dir=/var/lib/rancher/rke2/agent/etc/kubelet.conf.d",
                               "--kubeconfig=/var/lib/rancher/rke2/agent/kubelet.kubeconfig"])
        let inventory = NodeReader(root: node.root.path).read()
        #expect(inventory.objects(ofKind: "NodeHost").first?.value["distributions"]?.array?.compactMap(\.string) == ["RKE2"])
        let context = ScanContext(inventory: inventory)
        let api = try #require(context.componentConfig.instances(.apiServer).first)
        #expect(api.flags.value("anonymous-auth") == "false")
        #expect(api.version == KubeVersion(1, 30))
        #expect(context.componentConfig.kubelets.isEmpty)
        let outcome = S4KubeletAccess.anonymousAuth.evaluate(context)
        if case .notAssessed(let reason) = outcome { #expect(reason.contains("without --config")) } else { Issue.record("expected not assessed, got \(outcome)") }
        #expect(inventory.objects(ofKind: "NodeFile").contains { $0.name == "/var/lib/rancher/rke2/agent/etc/kubelet.conf.d/00-rke2-defaults.conf" })
    }
}
