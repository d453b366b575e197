import Foundation
import Testing
import BulwarkModel
@testable import BulwarkNode

/// What the reader makes of fake node trees (kubeadm-like, k3s-like, minimal).
@Suite struct NodeReaderTests {
    func host(_ inventory: Inventory) throws -> KubeObject { try #require(inventory.objects(ofKind: "NodeHost").first) }
    func file(_ inventory: Inventory, _ path: String) -> KubeObject? { inventory.objects(ofKind: "NodeFile").first { $0.name == path } }

    @Test func kubeadmNodeKernelFacts() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        let inventory = NodeReader(root: node.root.path).read()
        let h = try host(inventory)
        #expect(h.name == "cp1")
        #expect(h.value["node"]?.string == "cp1")
        #expect(h.value["kernelModules"]?["loaded"]?.array?.compactMap(\.string) == ["sctp", "libcrc32c", "overlay", "br_netfilter"])
        let blocks = h.value["modprobe"]?["blacklisted"]?.array ?? []
        #expect(blocks.count == 2)
        #expect(blocks.first?["module"]?.string == "dccp")
        #expect(blocks.first?["directive"]?.string == "blacklist")
        #expect(blocks.first?["line"]?.int == 2)
        #expect(blocks.last?["directive"]?.string == "install /bin/false")
        #expect(blocks.contains { $0["module"]?.string == "sctp" } == false)
        #expect(h.value["modprobe"]?["sources"]?.array?.count == 2)
        #expect(h.value["selinux"]?["enforce"]?.string == "0")
        #expect(h.value["apparmor"]?["enabled"]?.string == "N")
        #expect(h.value["searched"]?.array?.contains("/etc/kubernetes/manifests") == true)
    }

    @Test func kubeadmProcessesAreSplitOnNULAndStaticPodsWin() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        let inventory = NodeReader(root: node.root.path).read()
        let processes = inventory.objects(ofKind: "NodeProcess")
        #expect(processes.map(\.name).sorted() == ["kube-apiserver-1111", "kubelet-4242"])  // /sbin/init is not a component
        let kubelet = try #require(processes.first { $0.name == "kubelet-4242" })
        #expect(kubelet.value["pid"]?.int == 4242)
        #expect(kubelet.value["source"]?.string == "/proc/4242/cmdline")
        #expect(kubelet.value["command"]?.array?.count == 7)
        #expect(kubelet.value["command"]?[6]?.string == "--anonymous-auth=true")
        #expect(kubelet.value["kubeletConfig"]?.string == "/var/lib/kubelet/config.yaml")
        // The API server also runs from its manifest: judged from the manifest, which has lines.
        let api = try #require(processes.first { $0.name == "kube-apiserver-1111" })
        #expect(api.value["staticPod"]?.string == "/etc/kubernetes/manifests/kube-apiserver.yaml")
        #expect(inventory.objects(ofKind: "Pod").map(\.name) == ["kube-apiserver"])
        #expect(inventory.objects(ofKind: "Pod").first?.source?.file == "/etc/kubernetes/manifests/kube-apiserver.yaml")
    }

    @Test func kubeletConfigMergesDropInsInOrder() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        try node.write("/etc/kubernetes/kubelet.conf.d/90-later.conf", "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 10255\nauthentication:\n  webhook:\n    enabled: false\n")
        try node.write("/etc/kubernetes/kubelet.conf.d/README", "not a drop-in: no .conf suffix\nreadOnlyPort: 1\n")
        let inventory = NodeReader(root: node.root.path).read()
        let configs = inventory.objects(ofKind: "KubeletConfiguration")
        #expect(configs.count == 1)
        let config = try #require(configs.first)
        #expect(config.value["protectKernelDefaults"]?.bool == true)            // 50-hardening.conf
        #expect(config.value["readOnlyPort"]?.int == 10255)                     // 90-later.conf, last wins
        #expect(config.value.value(at: "authentication.webhook.enabled")?.bool == false)
        #expect(config.value.value(at: "authentication.webhook.cacheTTL")?.string == "0s")    // merged field by field
        #expect(config.value.value(at: "authentication.x509.clientCAFile")?.string == "/etc/kubernetes/pki/ca.crt")
        #expect(config.annotations["bulwark.io/node-path"] == "/var/lib/kubelet/config.yaml")
        #expect(file(inventory, "/etc/kubernetes/kubelet.conf.d/90-later.conf")?.value["role"]?.string == "kubeletConfig")
        #expect(file(inventory, "/etc/kubernetes/kubelet.conf.d/README") == nil)
    }

    @Test func withoutAProcessTheSystemdUnitGivesTheKubeletCommandLine() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        try FileManager.default.removeItem(at: node.url("/proc/4242"))
        let inventory = NodeReader(root: node.root.path).read()
        let kubelet = try #require(inventory.objects(ofKind: "NodeProcess").first { $0.name == "kubelet-systemd" })
        let command = kubelet.value["command"]?.array?.compactMap(\.string) ?? []
        #expect(command.first == "/usr/bin/kubelet")
        #expect(command.contains("--config=/var/lib/kubelet/config.yaml"))
        #expect(command.contains("--kubeconfig=/etc/kubernetes/kubelet.conf"))
        #expect(command.contains("--anonymous-auth=true"))               // from kubeadm-flags.env
        #expect(command.contains("--config-dir=/etc/kubernetes/kubelet.conf.d"))
        let origins = kubelet.value["commandOrigins"]?.array?.compactMap(\.string) ?? []
        let i = try #require(command.firstIndex(of: "--anonymous-auth=true"))
        #expect(origins[i] == "/var/lib/kubelet/kubeadm-flags.env:1 (KUBELET_KUBEADM_ARGS)")
        #expect(kubelet.value["kubeletConfig"]?.string == "/var/lib/kubelet/config.yaml")
        #expect(inventory.objects(ofKind: "KubeletConfiguration").first?.value["protectKernelDefaults"]?.bool == true)
    }

    @Test func fileModesOwnersAndRoles() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        let inventory = NodeReader(root: node.root.path).read()
        let caKey = try #require(file(inventory, "/etc/kubernetes/pki/ca.key"))
        #expect(caKey.value["role"]?.string == "privateKey")
        #expect(caKey.value["mode"]?.string == "0644")
        #expect(caKey.value["certificatesPEM"] == nil)
        let cert = try #require(file(inventory, "/etc/kubernetes/pki/apiserver.crt"))
        #expect(cert.value["role"]?.string == "certificate")
        #expect(cert.value["mode"]?.string == "0666")
        #expect(cert.value["certificatesPEM"]?.string?.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
        #expect((cert.value["size"]?.int ?? 0) > 100)
        let combined = try #require(file(inventory, "/var/lib/kubelet/pki/kubelet-client-2026-11-01.pem"))
        #expect(combined.value["role"]?.string == "privateKey")
        #expect(combined.value["certificatesPEM"]?.string?.contains("PRIVATE KEY") == false)
        #expect(combined.value["certificatesPEM"]?.string?.contains("BEGIN CERTIFICATE") == true)
        #expect(file(inventory, "/etc/kubernetes/admin.conf")?.value["role"]?.string == "kubeconfig")
        #expect(file(inventory, "/etc/kubernetes/admin.conf")?.value["mode"]?.string == "0644")
        #expect(file(inventory, "/var/lib/kubelet/config.yaml")?.value["role"]?.string == "kubeletConfig")
        #expect(file(inventory, "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf")?.value["role"]?.string == "systemdUnit")
        #expect(file(inventory, "/etc/kubernetes/enc/enc.yaml")?.value["role"]?.string == "encryptionConfig")
        #expect(file(inventory, "/etc/kubernetes/audit/policy.yaml")?.value["role"]?.string == "auditPolicy")
        #expect(file(inventory, "/etc/kubernetes/manifests/kube-apiserver.yaml")?.value["role"]?.string == "staticPodManifest")
        #expect(file(inventory, "/etc/cni/net.d/10-calico.conflist")?.value["role"]?.string == "cniConfig")
        if FakeNode.runsAsRoot {
            #expect(caKey.value["owner"]?.string == "root" && caKey.value["group"]?.string == "root")
            let scheduler = try #require(file(inventory, "/etc/kubernetes/scheduler.conf"))
            #expect(scheduler.value["owner"]?.string == "kube")    // named from the node's etc/passwd
            #expect(scheduler.value["group"]?.string == "kube")
            node.chown("/etc/kubernetes/controller-manager.conf", uid: 4321, gid: 4321)
            let again = NodeReader(root: node.root.path).read()
            #expect(file(again, "/etc/kubernetes/controller-manager.conf")?.value["owner"]?.string == "4321")  // no such user: the number
        }
        // Documents named by the API server's flags are read for the existing controls.
        #expect(inventory.objects(ofKind: "EncryptionConfiguration").first?.source?.file == "/etc/kubernetes/enc/enc.yaml")
        #expect(inventory.objects(ofKind: "Policy").count == 1)
        #expect(inventory.objects(ofKind: "Config").count == 4)
    }

    @Test func symlinksStayInsideTheRoot() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        // An absolute link on the node points into the node, not at the scanning machine's /etc.
        try node.write("/srv/certs/ca.crt", try Data(contentsOf: node.url("/etc/kubernetes/pki/ca.crt")))
        try FileManager.default.createSymbolicLink(atPath: node.url("/etc/kubernetes/pki/current.pem").path, withDestinationPath: "/srv/certs/ca.crt")
        let inventory = NodeReader(root: node.root.path).read()
        let linked = file(inventory, "/etc/kubernetes/pki/current.pem")
        #expect(linked?.value["certificatesPEM"]?.string?.contains("BEGIN CERTIFICATE") == true)
        #expect(linked?.value["linkTarget"]?.string == "/srv/certs/ca.crt")
        #expect(NodeRoot(node.root.path).resolve("/etc/kubernetes/pki/current.pem") == "/srv/certs/ca.crt")
        #expect(NodeRoot(node.root.path).resolve("/etc/../etc/./hostname") == "/etc/hostname")
        // kubelet-client-current.pem → the dated file in the same folder: judged once, as the dated file.
        try FileManager.default.createSymbolicLink(atPath: node.url("/var/lib/kubelet/pki/kubelet-client-current.pem").path,
                                                   withDestinationPath: "/var/lib/kubelet/pki/kubelet-client-2026-11-01.pem")
        let again = NodeReader(root: node.root.path).read()
        #expect(file(again, "/var/lib/kubelet/pki/kubelet-client-current.pem") == nil)
        #expect(file(again, "/var/lib/kubelet/pki/kubelet-client-2026-11-01.pem")?.value["role"]?.string == "privateKey")
    }

    /// Issue 10: after 40 links NodeRoot.resolve stopped re-rooting and handed the rest of the
    /// path to the kernel, which followed it to the scanning machine. Now the 41st link makes the
    /// path unreadable (ELOOP's message), whatever mix of absolute and relative links, loops and
    /// `..` the tree holds, and a file outside the root is never read.
    @Test func noLinkChainLeavesTheRoot() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        // A real file of the scanning machine, outside the root.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = outside.appendingPathComponent("secret.crt").path
        try Data("OUTSIDE-THE-ROOT".utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.createDirectory(at: node.url("/chain"), withIntermediateDirectories: true)
        func link(_ nodePath: String, _ target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: node.url(nodePath).path, withDestinationPath: target)
        }
        let root = NodeRoot(node.root.path)
        // 45 links: absolute ones for the first 40 hops, relative ones after, the last one pointing
        // at the outside file by its real absolute path (the old escape).
        for i in 0..<45 {
            let target = i == 44 ? secret : (i < 39 ? "/chain/l\(i + 1)" : "l\(i + 1)")
            try link("/chain/l\(i)", target)
        }
        #expect(root.read("/chain/l0").failureMessage?.hasPrefix("too many levels of symbolic links") == true)
        #expect(root.resolve("/chain/l0") == nil)
        // From l5 on the chain has 40 links and ends at `secret` re-rooted: not found inside the root.
        #expect(root.read("/chain/l5").failureMessage == "not found")
        #expect(root.read("/chain/l4").failureMessage?.hasPrefix("too many levels") == true)
        // All-relative and all-absolute chains of 41.
        try node.write("/target.txt", "inside")
        for i in 0..<41 { try link("/chain/r\(i)", i == 40 ? "../target.txt" : "r\(i + 1)") }
        for i in 0..<41 { try link("/chain/a\(i)", i == 40 ? "/target.txt" : "/chain/a\(i + 1)") }
        #expect(root.read("/chain/r0").failureMessage?.hasPrefix("too many levels") == true)
        #expect(root.read("/chain/a0").failureMessage?.hasPrefix("too many levels") == true)
        // 40 links are allowed, as the kernel allows them, and stay inside the root.
        #expect(root.resolve("/chain/r1") == "/target.txt")
        if case .success(let bytes) = root.read("/chain/a1") { #expect(String(decoding: bytes, as: UTF8.self) == "inside") } else {
            Issue.record("a chain of 40 links inside the root is readable")
        }
        // Loops, a link to its own folder, `..` above the root, and a directory link chain.
        try link("/chain/loop-a", "loop-b"); try link("/chain/loop-b", "/chain/loop-a")
        try link("/chain/self", ".")
        try link("/chain/up", "../../../../../../../../.." + outside.path + "/secret.crt")
        #expect(root.read("/chain/loop-a").failureMessage?.hasPrefix("too many levels") == true)
        #expect(root.list("/chain/self/self/self") != nil)
        #expect(root.read("/chain/up").failureMessage == "not found")
        #expect(root.resolve("/chain/up") == outside.path + "/secret.crt")   // re-rooted: under the root, where it does not exist
        // Through the reader: a PKI file that is such a chain is an error on that file, and the
        // outside bytes are nowhere in what was read.
        try link("/etc/kubernetes/pki/escape.crt", "/chain/l0")
        try link("/etc/kubernetes/pki/up.crt", "/chain/up")
        let inventory = NodeReader(root: node.root.path).read()
        #expect(file(inventory, "/etc/kubernetes/pki/escape.crt")?.value["error"]?.string?.hasPrefix("too many levels") == true)
        #expect(file(inventory, "/etc/kubernetes/pki/up.crt")?.value["certificatesPEM"] == nil)
        let everything = inventory.objects.map { $0.value.jsonText }.joined() + inventory.issues.map(\.message).joined()
        #expect(!everything.contains("OUTSIDE-THE-ROOT"))
    }

    /// Issue 10: a FIFO under --root hung the whole read (open blocks until a writer comes).
    /// FIFOs, sockets and devices are now "not a regular file", at once.
    @Test func fifosAndSocketsUnderTheRootAreNotRegularFilesNotHangs() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        #expect(mkfifo(node.url("/etc/kubernetes/pki/fifo.crt").path, 0o644) == 0)
        try? FileManager.default.removeItem(at: node.url("/etc/kubernetes/admin.conf"))
        #expect(mkfifo(node.url("/etc/kubernetes/admin.conf").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: node.url("/proc/5555"), withIntermediateDirectories: true)
        #expect(mkfifo(node.url("/proc/5555/cmdline").path, 0o644) == 0)
        try FakeNode.unixSocket(node.url("/etc/kubernetes/pki/socket.key").path)
        let root = NodeRoot(node.root.path)
        #expect(root.read("/etc/kubernetes/pki/fifo.crt").failureMessage == "not a regular file (a FIFO); not read")
        #expect(root.read("/etc/kubernetes/pki/socket.key").failureMessage == "not a regular file (a socket); not read")
        try FileManager.default.createSymbolicLink(atPath: node.url("/etc/kubernetes/pki/zero.crt").path, withDestinationPath: "/dev/zero")
        #expect(root.read("/etc/kubernetes/pki/zero.crt").failureMessage == "not found")   // /dev/zero of the root, not of the machine
        let inventory = NodeReader(root: node.root.path).read()
        #expect(inventory.objects(ofKind: "NodeHost").count == 1)
        #expect(inventory.issues.contains { $0.file == "/etc/kubernetes/admin.conf" && $0.message.contains("not a regular file (a FIFO)") })
    }

    @Test func badFilesAreNamedErrorsNotCrashes() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        try node.write("/etc/kubernetes/audit/policy.yaml", "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [\n  - level: None\n")
        try node.write("/etc/kubernetes/pki/front-proxy-ca.crt", "this is not a certificate\n")
        // A directory where a key should be: unreadable as a file.
        try FileManager.default.createDirectory(at: node.url("/etc/kubernetes/pki/broken.key"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: node.url("/etc/kubernetes/pki/dangling.crt").path, withDestinationPath: "/nowhere/x.crt")
        let inventory = NodeReader(root: node.root.path).read()
        #expect(inventory.issues.contains { $0.file == "/etc/kubernetes/audit/policy.yaml" && $0.level == .error })
        #expect(file(inventory, "/etc/kubernetes/pki/front-proxy-ca.crt")?.value["error"]?.string == "not PEM")
        #expect(file(inventory, "/etc/kubernetes/pki/broken.key") == nil)     // a directory is walked, not read
        #expect(inventory.objects(ofKind: "NodeHost").count == 1)
        let unreadable = NodeReadError(errno: EACCES)
        #expect(unreadable.message == "permission denied")
        #expect(NodeRoot(node.root.path).read("/etc/kubernetes/pki").failureMessage == "is a directory")
        #expect(NodeRoot(node.root.path).read("/missing").failureMessage == "not found")
    }

    /// Issue 10: any process may set its own title; one made only of spaces (one argv string, or
    /// several) trapped the reader (`words[0]` of an empty split). It is simply no component.
    @Test func aProcessTitleOfOnlySpacesIsNoComponentNotACrash() throws {
        let node = try FakeNode.kubeadm()
        defer { node.remove() }
        try node.process(7001, ["     "])
        try node.process(7002, [" ", " "])
        try node.write("/proc/7003/cmdline", "   ", mode: 0o444)   // no NUL at all
        try node.process(7004, [""])
        let inventory = NodeReader(root: node.root.path).read()
        let names = inventory.objects(ofKind: "NodeProcess").map(\.name).sorted()
        #expect(names == ["kube-apiserver-1111", "kubelet-4242"])
        #expect(ComponentBinary.component(["   "]) == nil)
        #expect(ComponentBinary.component([" "]) == nil)
        #expect(ComponentBinary.component(["/usr/local/bin/k3s server"]) == "k3s-server")
    }

    @Test func k3sConfigWithDropInsAndTokensRemoved() throws {
        let node = try FakeNode(fixture: "k3s")
        defer { node.remove() }
        try node.process(77, ["/usr/local/bin/k3s", "server", "--token", "PLANTED-CMDLINE-TOKEN", "--kube-apiserver-arg=anonymous-auth=true"])
        try node.certificate(cn: "k3s-server-ca", key: "/var/lib/rancher/k3s/server/tls/server-ca.key", cert: "/var/lib/rancher/k3s/server/tls/server-ca.crt")
        try node.chmod("/etc/rancher/k3s/k3s.yaml", 0o644)
        let inventory = NodeReader(root: node.root.path).read()
        let config = try #require(inventory.objects(ofKind: "K3sConfig").first)
        #expect(config.name == "/etc/rancher/k3s/config.yaml")
        #expect(config.value["settings"]?["kube-apiserver-arg"]?.array?.compactMap(\.string) == ["audit-log-path=/var/log/k3s-audit.log", "profiling=true"])
        #expect(config.value["settings"]?["token"]?.string == "(redacted)")
        #expect(config.value["command"]?.array?.compactMap(\.string).contains("PLANTED-CMDLINE-TOKEN") == false)
        #expect(config.value["sources"]?.array?.count == 2)
        let kubeconfig = try #require(inventory.objects(ofKind: "Config").first)
        #expect(kubeconfig.value["users"]?[0]?["user"]?["token"]?.string == "(redacted)")
        #expect(file(inventory, "/etc/rancher/k3s/k3s.yaml")?.value["mode"]?.string == "0644")
        #expect(file(inventory, "/var/lib/rancher/k3s/server/tls/server-ca.key")?.value["role"]?.string == "privateKey")
        // secrets-encryption: the file k3s hands its API server is read as a document.
        #expect(inventory.objects(ofKind: "EncryptionConfiguration").first?.source?.file == "/var/lib/rancher/k3s/server/cred/encryption-config.json")
        #expect(try host(inventory).value["distributions"]?.array?.compactMap(\.string) == ["k3s"])
    }

    @Test func minimalTreeSaysWhatItCouldNotRead() throws {
        let node = try FakeNode(fixture: "minimal")
        defer { node.remove() }
        let inventory = NodeReader(root: node.root.path).read()
        let h = try host(inventory)
        #expect(h.name == "plain")
        #expect(inventory.objects(ofKind: "NodeProcess").isEmpty)
        #expect(inventory.objects(ofKind: "NodeFile").isEmpty)
        #expect(h.value["notRead"]?["processes"]?.string == "no Kubernetes component among 1 processes in /proc")
        #expect(h.value["notRead"]?["kubeletConfig"]?.string == "no kubelet process, systemd unit or config file found")
        #expect(h.value["notRead"]?["modprobe"]?.string?.hasPrefix("no modprobe.d directory") == true)
        #expect(h.value["notRead"]?["selinux"]?.string?.contains("no /sys under the root") == true)
        #expect(h.value["kernelModules"]?["loaded"]?.array?.compactMap(\.string) == ["ext4"])
        #expect(h.value["modprobe"] == nil && h.value["selinux"] == nil)
    }

    @Test func modprobeParsing() {
        var config = ModprobeConfig()
        config.parse("# comment\nblacklist  dccp  # trailing\ninstall sctp /bin/true\ninstall tipc /sbin/modprobe --ignore-install tipc\noptions x y\nblacklist rds_tcp\n", file: "/etc/modprobe.d/a.conf")
        #expect(config.blocks.map(\.module) == ["dccp", "sctp", "rds_tcp"])
        #expect(config.blocks.map(\.directive) == ["blacklist", "install /bin/true", "blacklist"])
        #expect(config.blocks.map(\.line) == [2, 3, 6])
    }

    @Test func systemdExpansion() {
        var unit = SystemdUnit()
        _ = unit.apply("[Unit]\nExecStart=/wrong\n[Service]\nEnvironment=\"A=--a=1 --b=2\" B=--c\nExecStart=/bin/one\nExecStart=\nExecStart=-/usr/bin/kubelet $A ${B} $MISSING \"--d=x y\"\n", file: "u") { _ in nil }
        #expect(unit.command?.map(\.text) == ["/usr/bin/kubelet", "--a=1", "--b=2", "--c", "--d=x y"])
    }
}

extension Result where Failure == NodeReadError {
    var failureMessage: String? { if case .failure(let e) = self { return e.message }; return nil }
}
