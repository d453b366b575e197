import Foundation
import Testing
import BulwarkModel
import BulwarkComponentConfig
@testable import BulwarkControls
import BulwarkNode

/// The node controls on both sides, from fake node trees through the reader (so file modes are
/// real chmod results), and the existing controls judging what the node scan found.
@Suite struct NodeControlsTests {
    func outcomes(_ node: FakeNode) -> (ScanContext, [String: ControlOutcome]) {
        let context = ScanContext(inventory: NodeReader(root: node.root.path).read())
        var out: [String: ControlOutcome] = [:]
        for control in ControlCatalog.all { out[control.id] = control.evaluate(context) }
        return (context, out)
    }

    func violations(_ o: ControlOutcome?) -> [Violation] { if case .fail(let v)? = o { return v }; return [] }
    func isPass(_ o: ControlOutcome?) -> Bool { if case .pass? = o { return true }; return false }
    func reason(_ o: ControlOutcome?) -> String? {
        switch o {
        case .notAssessed(let r)?, .unreadable(let r)?: return r
        default: return nil
        }
    }

    // MARK: S7

    @Test func kernelModuleControlsFailOnKubeadmNode() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        let (_, o) = outcomes(node)
        #expect(violations(o["BW-S7-101"]).map(\.path) == ["modprobe.d/sctp"])        // dccp is blacklisted, sctp is not
        #expect(violations(o["BW-S7-102"]).map(\.path) == ["modprobe.d/rds", "modprobe.d/tipc"])
        #expect(violations(o["BW-S7-103"]).map(\.value) == ["sctp"])                   // loaded now
        #expect(violations(o["BW-S7-104"]).count == 1)                                 // SELinux 0, AppArmor N
    }

    @Test func kernelModuleControlsPassWhenBlockedAndConfined() throws {
        let node = try FakeNode(fixture: "k3s")
        defer { node.remove() }
        try node.write("/sys/module/apparmor/parameters/enabled", "Y\n")
        let (_, o) = outcomes(node)
        #expect(isPass(o["BW-S7-101"]))
        #expect(isPass(o["BW-S7-102"]))   // install rds /bin/true and install tipc /bin/false both block
        #expect(isPass(o["BW-S7-103"]))
        #expect(isPass(o["BW-S7-104"]))
        try node.write("/sys/module/apparmor/parameters/enabled", "N\n")
        try node.write("/sys/fs/selinux/enforce", "1")
        #expect(isPass(outcomes(node).1["BW-S7-104"]))
    }

    @Test func recommendedModulesLoadedAreLowSeverity() {
        let host = KubeObject(["apiVersion": "node.bulwark.io/v1", "kind": "NodeHost", "metadata": ["name": "n1"], "node": "n1",
                               "kernelModules": ["loaded": ["rds_tcp", "rds", "ext4", "sctp_diag"], "source": "/proc/modules"]])
        let outcome = S7NodeKernel.riskyModulesLoaded.evaluate(ScanContext(inventory: Inventory(objects: [host])))
        let v = violations(outcome)
        #expect(v.map(\.value) == ["sctp_diag", "rds_tcp, rds"])
        #expect(v.map(\.severity) == [nil, .low])
    }

    @Test func kernelControlsAreNotAssessedWithoutFacts() throws {
        let node = try FakeNode(fixture: "minimal")
        defer { node.remove() }
        let (_, o) = outcomes(node)
        #expect(reason(o["BW-S7-101"])?.contains("no modprobe.d directory") == true)
        #expect(reason(o["BW-S7-104"])?.contains("no /sys under the root") == true)
        // No node at all (a manifest scan): not assessed, never a pass.
        for control in S7NodeKernel.controls + NodeFilePermissions.controls {
            #expect(reason(control.evaluate(ScanContext(inventory: Inventory()))) == NodeFacts.noNode, "\(control.id)")
        }
    }

    // MARK: file modes

    @Test func fileModeControlsFailOnLooseFiles() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        let (_, o) = outcomes(node)
        let keys = violations(o["BW-S1-301"])
        #expect(keys.map { $0.object?.name } == ["/etc/kubernetes/pki/ca.key"])
        #expect(keys.first?.value == "0644")
        #expect(violations(o["BW-S1-302"]).map { $0.object?.name } == ["/etc/kubernetes/pki/apiserver.crt"])
        let kubeconfigs = violations(o["BW-S2-301"])
        #expect(kubeconfigs.contains { $0.object?.name == "/etc/kubernetes/admin.conf" && $0.path == "mode" && $0.value == "0644" })
        if FakeNode.runsAsRoot {
            #expect(kubeconfigs.contains { $0.object?.name == "/etc/kubernetes/scheduler.conf" && $0.path == "owner" && $0.value == "kube:kube" })
        }
        #expect(violations(o["BW-S4-301"]).map { $0.object?.name } == ["/var/lib/kubelet/config.yaml"])
        #expect(isPass(o["BW-S2-302"]))     // manifest 0600
        #expect(isPass(o["BW-S16-301"]))    // enc.yaml 0600
    }

    @Test func fileModeControlsPassWhenTight() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        try node.chmod("/etc/kubernetes/pki/ca.key", 0o600)
        try node.chmod("/etc/kubernetes/pki/apiserver.crt", 0o600)   // stricter than 644 is fine
        try node.chmod("/etc/kubernetes/admin.conf", 0o400)
        node.chown("/etc/kubernetes/scheduler.conf", uid: 0, gid: 0)
        try node.chmod("/var/lib/kubelet/config.yaml", 0o600)
        try node.chmod("/etc/kubernetes/manifests/kube-apiserver.yaml", 0o640)
        try node.chmod("/etc/kubernetes/enc/enc.yaml", 0o604)
        let (_, o) = outcomes(node)
        #expect(isPass(o["BW-S1-301"]))
        #expect(isPass(o["BW-S1-302"]))
        if FakeNode.runsAsRoot { #expect(isPass(o["BW-S2-301"])) }
        #expect(isPass(o["BW-S4-301"]))
        #expect(violations(o["BW-S2-302"]).first?.value == "0640")
        #expect(violations(o["BW-S16-301"]).first?.value == "0604")
    }

    @Test func fileModeControlsNameWhatWasSearched() throws {
        let node = try FakeNode(fixture: "minimal")
        defer { node.remove() }
        let (_, o) = outcomes(node)
        #expect(reason(o["BW-S1-301"])?.contains("no private key files found (searched: /etc/kubernetes/pki") == true)
        #expect(reason(o["BW-S2-301"])?.contains("/etc/kubernetes/admin.conf") == true)
        #expect(reason(o["BW-S4-301"])?.contains("/var/lib/kubelet/config.yaml") == true)
        #expect(reason(o["BW-S16-301"]) == "node plain: no EncryptionConfiguration files found (no kube-apiserver on the node names one with --encryption-provider-config)")
    }

    @Test func cniAndEtcdDataDirectoryModes() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        #expect(reason(outcomes(node).1["BW-S11-301"])?.contains("no etcd process or static pod") == true)
        try node.write("/etc/kubernetes/manifests/etcd.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: etcd, namespace: kube-system, labels: {component: etcd, tier: control-plane}}
            spec:
              containers:
              - name: etcd
                image: registry.k8s.io/etcd:3.5.15-0
                command: [etcd, --data-dir=/data/etcd, --client-cert-auth=true]
            """, mode: 0o600)
        try FileManager.default.createDirectory(at: node.url("/data/etcd/member"), withIntermediateDirectories: true)
        try node.chmod("/data/etcd", 0o755)
        try node.chmod("/etc/cni/net.d/10-calico.conflist", 0o644)
        var (_, o) = outcomes(node)
        #expect(violations(o["BW-S11-301"]).map(\.value) == ["0755"])
        #expect(violations(o["BW-S11-301"]).first?.object?.name == "/data/etcd")
        #expect(violations(o["BW-S8-301"]).map(\.value) == ["0644"])
        try node.chmod("/data/etcd", 0o700)
        try node.chmod("/etc/cni/net.d/10-calico.conflist", 0o600)
        if FakeNode.runsAsRoot { node.chown("/data/etcd", uid: 998, gid: 998) }   // etcd:etcd in the node's passwd
        (_, o) = outcomes(node)
        #expect(isPass(o["BW-S11-301"]))
        #expect(isPass(o["BW-S8-301"]))
    }

    // MARK: existing controls over node facts

    @Test func kubeletFlagOverridesTheConfigFile() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        let (context, o) = outcomes(node)
        #expect(context.componentConfig.kubelets.count == 1)     // the file is paired with the process, not judged twice
        let anonymous = violations(o["BW-S4-001"])
        #expect(anonymous.count == 1)
        #expect(anonymous.first?.message.contains("flag --anonymous-auth at /proc/4242/cmdline argv[6]") == true)
        #expect(anonymous.first?.object?.name == "/var/lib/kubelet/config.yaml")
        #expect(isPass(o["BW-S4-005"]))      // protectKernelDefaults: true from the --config-dir drop-in
        #expect(isPass(o["BW-S4-004"]))      // authorization.mode Webhook from the file
        // Without the flag the file's value (anonymous disabled) decides.
        try node.process(4242, ["/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml"])
        let (_, again) = outcomes(node)
        #expect(isPass(again["BW-S4-001"]))
        #expect(violations(again["BW-S4-005"]).count == 1)   // no --config-dir now: the file's false stands
    }

    @Test func systemdUnitFlagsCountWhenTheKubeletIsNotRunning() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        try FileManager.default.removeItem(at: node.url("/proc/4242"))
        let (_, o) = outcomes(node)
        let anonymous = violations(o["BW-S4-001"])
        #expect(anonymous.first?.message.contains("/var/lib/kubelet/kubeadm-flags.env:1 (KUBELET_KUBEADM_ARGS)") == true)
    }

    @Test func documentsNamedByApiServerFlagsAreJudged() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        let (_, o) = outcomes(node)
        #expect(violations(o["BW-S16-003"]).count == 1)   // enc.yaml puts identity first
        #expect(isPass(o["BW-S12-001"]))
        #expect(violations(o["BW-S12-007"]).isEmpty)
    }

    @Test func k3sNodeFromConfigDropInAndCommandLine() throws {
        let node = try FakeNode(fixture: "k3s")
        defer { node.remove() }
        try node.process(77, ["/usr/local/bin/k3s", "server", "--kube-apiserver-arg=anonymous-auth=true"])
        let (context, o) = outcomes(node)
        let api = try #require(context.componentConfig.instances(.apiServer).first)
        #expect(api.distribution == .k3s)
        #expect(api.flags.value("profiling") == "true")              // config.yaml.d `kube-apiserver-arg+`
        #expect(api.flags.value("anonymous-auth") == "true")         // the command line
        #expect(api.flags.value("audit-log-path") == "/var/log/k3s-audit.log")
        #expect(violations(o["BW-S2-001"]).count == 1)
        #expect(reason(o["BW-S11-001"])?.contains("SQLite") == true)   // k3s default datastore
        #expect(violations(o["BW-S2-301"]).contains { $0.object?.name == "/etc/rancher/k3s/k3s.yaml" })
    }

    @Test func k3sAgentNodeRunsOnlyTheKubelet() throws {
        let node = try FakeNode(fixture: "k3s")
        defer { node.remove() }
        try node.write("/etc/rancher/k3s/config.yaml", "server: https://10.0.0.1:6443\ntoken: PLANTED-AGENT-TOKEN\nkubelet-arg:\n  - read-only-port=10255\n")
        try FileManager.default.removeItem(at: node.url("/etc/rancher/k3s/config.yaml.d"))
        try node.process(88, ["/usr/local/bin/k3s", "agent", "--kubelet-arg=anonymous-auth=true"])
        let (context, o) = outcomes(node)
        #expect(context.componentConfig.instances(.apiServer).isEmpty)
        #expect(context.componentConfig.instances(.etcd).isEmpty)
        let kubelet = try #require(context.componentConfig.kubelets.first)
        #expect(kubelet.origin.hasPrefix("k3s agent"))
        #expect(kubelet.setting(KubeletSettings.readOnlyPort).int == 10255)           // config.yaml kubelet-arg
        #expect(kubelet.setting(KubeletSettings.anonymousAuth).bool == true)          // command line
        #expect(kubelet.setting(KubeletSettings.authorizationMode).string == "Webhook") // k3s default
        #expect(violations(o["BW-S4-001"]).count == 1)
        #expect(reason(o["BW-S2-001"]) != nil)                                        // no API server on an agent
    }

    @Test func emptyNodeIsNotAssessedWithReasons() throws {
        let node = try FakeNode(fixture: "minimal")
        defer { node.remove() }
        let (_, o) = outcomes(node)
        let kubelet = try #require(reason(o["BW-S4-001"]))
        #expect(kubelet.contains("node plain"))
        #expect(kubelet.contains("/etc/systemd/system/kubelet.service"))
        #expect(reason(o["BW-S2-001"])?.contains("/etc/kubernetes/manifests") == true)
        // Nothing Kubernetes: no control about Kubernetes components or files passes.
        let kubernetesControls = ["BW-S2-001", "BW-S3-001", "BW-S4-001", "BW-S11-001", "BW-S12-001", "BW-S16-001",
                                  "BW-S1-301", "BW-S1-302", "BW-S2-301", "BW-S2-302", "BW-S4-301", "BW-S8-301", "BW-S11-301", "BW-S16-301"]
        for id in kubernetesControls { #expect(reason(o[id]) != nil, "\(id)") }
    }
}
