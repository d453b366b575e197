import Foundation

/// A fake node tree in a temporary folder: a copy of a fixture under Fixtures/, plus what git
/// cannot keep — NUL-separated /proc/<pid>/cmdline files, file modes and owners, and certificates
/// made by openssl at test time (so no key material lives in the repository).
struct FakeNode {
    let root: URL

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Copies `Fixtures/<name>` (or starts empty).
    init(fixture name: String?) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-node-\(UUID().uuidString)")
        if let name {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func url(_ nodePath: String) -> URL { root.appendingPathComponent(String(nodePath.drop { $0 == "/" })) }

    func write(_ nodePath: String, _ text: String, mode: Int = 0o644) throws {
        try write(nodePath, Data(text.utf8), mode: mode)
    }

    func write(_ nodePath: String, _ data: Data, mode: Int = 0o644) throws {
        let u = url(nodePath)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: u)
        try chmod(nodePath, mode)
    }

    /// A unix socket file at `path` (left behind after the process that bound it exits).
    static func unixSocket(_ path: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path]
        try p.run()
        p.waitUntilExit()
    }

    /// `/proc/<pid>/cmdline`: arguments each followed by NUL, as the kernel writes it.
    func process(_ pid: Int, _ argv: [String]) throws {
        var data = Data()
        for a in argv { data.append(Data(a.utf8)); data.append(0) }
        try write("/proc/\(pid)/cmdline", data, mode: 0o444)
    }

    func chmod(_ nodePath: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url(nodePath).path)
    }

    /// Changes owner; false when the test does not run as root (then owner assertions are skipped).
    @discardableResult
    func chown(_ nodePath: String, uid: Int, gid: Int) -> Bool {
        (try? FileManager.default.setAttributes([.ownerAccountID: uid, .groupOwnerAccountID: gid], ofItemAtPath: url(nodePath).path)) != nil
    }

    static var runsAsRoot: Bool { getuid() == 0 }

    /// A self-signed CA or a leaf signed by `ca`, with openssl; key and certificate written under the node.
    func certificate(cn: String, key keyPath: String, cert certPath: String, signedBy ca: (key: String, cert: String)? = nil,
                     keyMode: Int = 0o600, certMode: Int = 0o644) throws {
        try FileManager.default.createDirectory(at: url(keyPath).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: url(certPath).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", url(keyPath).path])
        if let ca {
            let csr = root.appendingPathComponent("tmp-\(UUID().uuidString).csr").path
            try Self.openssl(["req", "-new", "-key", url(keyPath).path, "-subj", "/CN=\(cn)", "-out", csr])
            try Self.openssl(["x509", "-req", "-in", csr, "-CA", url(ca.cert).path, "-CAkey", url(ca.key).path, "-CAcreateserial",
                              "-days", "365", "-out", url(certPath).path])
            try? FileManager.default.removeItem(atPath: csr)
            try? FileManager.default.removeItem(atPath: url(ca.cert).deletingPathExtension().path + ".srl")
        } else {
            try Self.openssl(["req", "-x509", "-new", "-key", url(keyPath).path, "-subj", "/CN=\(cn)", "-days", "3650", "-out", url(certPath).path])
        }
        try chmod(keyPath, keyMode)
        try chmod(certPath, certMode)
    }

    static func openssl(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["openssl"] + arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw OpenSSLFailed(arguments: arguments) }
    }

    struct OpenSSLFailed: Error { var arguments: [String] }

    /// The kubeadm fixture made whole: running kubelet (a flag overriding the file) and
    /// kube-apiserver, PKI from openssl with chosen modes, kubeconfig and manifest modes.
    static func kubeadm() throws -> FakeNode {
        let node = try FakeNode(fixture: "kubeadm")
        try node.process(4242, ["/usr/bin/kubelet", "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
                                "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml",
                                "--config-dir=/etc/kubernetes/kubelet.conf.d",
                                "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock", "--anonymous-auth=true"])
        try node.process(1111, ["kube-apiserver", "--advertise-address=10.0.0.10", "--authorization-mode=Node,RBAC"])
        try node.process(1, ["/sbin/init"])
        let ca = (key: "/etc/kubernetes/pki/ca.key", cert: "/etc/kubernetes/pki/ca.crt")
        try node.certificate(cn: "kubernetes", key: ca.key, cert: ca.cert, keyMode: 0o644)       // key too open
        try node.certificate(cn: "kube-apiserver", key: "/etc/kubernetes/pki/apiserver.key", cert: "/etc/kubernetes/pki/apiserver.crt",
                             signedBy: ca, certMode: 0o666)                                         // world-writable cert
        try node.certificate(cn: "etcd-ca", key: "/etc/kubernetes/pki/etcd/ca.key", cert: "/etc/kubernetes/pki/etcd/ca.crt")
        // The kubelet's rotated client credential: certificate and key in one file.
        try node.certificate(cn: "system:node:cp1", key: "/tmp-kubelet.key", cert: "/tmp-kubelet.crt", signedBy: ca)
        let combined = try Data(contentsOf: node.url("/tmp-kubelet.crt")) + Data(contentsOf: node.url("/tmp-kubelet.key"))
        try node.write("/var/lib/kubelet/pki/kubelet-client-2026-11-01.pem", combined, mode: 0o600)
        try FileManager.default.removeItem(at: node.url("/tmp-kubelet.crt"))
        try FileManager.default.removeItem(at: node.url("/tmp-kubelet.key"))
        try node.chmod("/etc/kubernetes/admin.conf", 0o644)          // CIS 1.1.13 fails
        for f in ["scheduler", "controller-manager", "kubelet"] { try node.chmod("/etc/kubernetes/\(f).conf", 0o600) }
        try node.chmod("/etc/kubernetes/manifests/kube-apiserver.yaml", 0o600)
        try node.chmod("/var/lib/kubelet/config.yaml", 0o644)         // CIS 4.1.9 fails
        try node.chmod("/etc/kubernetes/kubelet.conf.d/50-hardening.conf", 0o600)
        try node.chmod("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf", 0o600)
        try node.chmod("/etc/kubernetes/enc/enc.yaml", 0o600)
        node.chown("/etc/kubernetes/scheduler.conf", uid: 1000, gid: 1000)  // owned by kube:kube
        return node
    }
}
