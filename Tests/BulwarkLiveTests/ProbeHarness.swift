import Foundation
import XCTest

/// Real components on 127.0.0.1 for the probe tests: etcd (Debian's `etcd-server`) with mutual
/// TLS or plain HTTP, `openssl s_server` with weak or strong TLS settings, a plain HTTP server,
/// a port that accepts TCP and never answers, and a closed port. Everything it starts is
/// stopped in `stop()`; the certificates come from the shared `TestCertificates`.
final class ProbeHarness {
    let certs: TestCertificates
    let dir: String
    private var processes: [Process] = []
    private var silentSockets: [Int32] = []

    init() throws {
        certs = try TestCertificates.shared.get()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-probe-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func stop() {
        for p in processes where p.isRunning {
            let pid = p.processIdentifier
            p.terminate()
            // SIGKILL if SIGTERM has not ended it within 0.5 s (only ever this child's own pid):
            // children inherit the test runner's blocked signals, and openssl then ignores SIGTERM.
            let killer = DispatchWorkItem { kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.5, execute: killer)
            p.waitUntilExit()
            killer.cancel()
        }
        processes.removeAll()
        for fd in silentSockets { close(fd) }
        silentSockets.removeAll()
        try? FileManager.default.removeItem(atPath: dir)
    }

    // MARK: Tools

    /// The path of a tool, installing its Debian package when missing and running as root (as
    /// scripts/test.sh does); skips the test only when it cannot be had.
    static func tool(_ path: String, package: String) throws -> String {
        if FileManager.default.isExecutableFile(atPath: path) { return path }
        if getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \(package) >/dev/null 2>&1"]
            try? p.run()
            p.waitUntilExit()
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw XCTSkip("\(path) is missing and could not be installed (Debian package \(package); needs root): run scripts/test.sh as root")
    }

    // MARK: Ports

    /// A port nothing listens on right now (bound to 0, read, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw XCTSkip("no socket") }
        defer { close(fd) }
        var addr = loopback(port: 0)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0 else { throw XCTSkip("cannot bind a loopback port") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return addr
    }

    /// A port that completes TCP connections (the kernel's backlog) but never reads or answers.
    func silentPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard fd >= 0, bound == 0, listen(fd, 64) == 0 else { throw XCTSkip("cannot listen on loopback") }
        silentSockets.append(fd)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func isOpen(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = loopback(port: UInt16(port))
        return withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }

    func waitUntilOpen(_ port: Int, process: Process, log: String) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if Self.isOpen(port) { return }
            if !process.isRunning { break }
            usleep(50_000)
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        XCTFail("\(process.executableURL?.path ?? "?") did not listen on 127.0.0.1:\(port): \(output.suffix(1500))")
        throw XCTSkip("component did not start")
    }

    // MARK: Processes

    @discardableResult
    func start(_ executable: String, _ arguments: [String], name: String) throws -> (Process, String) {
        let log = dir + "/\(name).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        processes.append(p)
        return (p, log)
    }

    func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // MARK: TLS servers

    /// A self-signed RSA certificate for 127.0.0.1 (the weak server needs RSA for the
    /// non-forward-secret RSA key exchange suites).
    func rsaCertificate() throws -> (cert: String, key: String) {
        let cert = dir + "/rsa.pem", key = dir + "/rsa.key"
        let (code, output) = try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                          "-subj", "/CN=127.0.0.1", "-days", "1", "-addext", "subjectAltName=IP:127.0.0.1"])
        guard code == 0 else { throw XCTSkip("openssl could not make an RSA certificate: \(output)") }
        return (cert, key)
    }

    /// `openssl s_server` on a free loopback port, answering HTTP (`-www`) after the handshake.
    func openSSLServer(_ options: [String], cert: String, key: String, name: String) throws -> Int {
        let openssl = try Self.tool("/usr/bin/openssl", package: "openssl")
        let port = try Self.freePort()
        let (p, log) = try start(openssl, ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"] + options, name: name)
        try waitUntilOpen(port, process: p, log: log)
        return port
    }

    /// `python3 -m http.server`: a plain-HTTP server on a free loopback port.
    func plainHTTPServer() throws -> Int {
        let python = try Self.tool("/usr/bin/python3", package: "python3")
        let port = try Self.freePort()
        let (p, log) = try start(python, ["-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", dir], name: "http-\(port)")
        try waitUntilOpen(port, process: p, log: log)
        return port
    }

    // MARK: etcd

    struct Etcd {
        var port: Int
        var tls: Bool
        var url: String { "\(tls ? "https" : "http")://127.0.0.1:\(port)" }
    }

    /// A serving certificate for etcd from the test CA, with both serverAuth and clientAuth: etcd's
    /// v3 JSON gateway dials etcd's own gRPC port with it, as kubeadm's etcd/server.crt allows.
    func etcdServerCertificate() throws -> (cert: String, key: String) {
        let cert = dir + "/etcd-server.pem", key = dir + "/etcd-server.key", ext = dir + "/etcd-server.ext"
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n".write(toFile: ext, atomically: true, encoding: .utf8)
        let script = """
        set -e
        openssl ecparam -name prime256v1 -genkey -noout -out '\(key)'
        openssl req -new -key '\(key)' -subj /CN=etcd-127.0.0.1 -out '\(dir)/etcd-server.csr'
        openssl x509 -req -in '\(dir)/etcd-server.csr' -CA '\(certs.caCert)' -CAkey '\(certs.dir)/ca.key' -CAserial '\(dir)/ca.srl' -CAcreateserial -days 2 -extfile '\(ext)' -out '\(cert)'
        """
        let (code, output) = try run("/bin/sh", ["-c", script])
        guard code == 0 else { throw XCTSkip("openssl could not make the etcd certificate: \(output)") }
        return (cert, key)
    }

    /// Real etcd on loopback with a fresh data dir: mutual TLS (server cert from the test CA,
    /// `--client-cert-auth`) or plain HTTP.
    func etcd(tls: Bool) throws -> Etcd {
        let etcd = try Self.tool("/usr/bin/etcd", package: "etcd-server")
        let client = try Self.freePort(), peer = try Self.freePort()
        let scheme = tls ? "https" : "http"
        let name = "e\(client)"
        var args = ["--name", name, "--data-dir", dir + "/\(name).etcd",
                    "--listen-client-urls", "\(scheme)://127.0.0.1:\(client)", "--advertise-client-urls", "\(scheme)://127.0.0.1:\(client)",
                    "--listen-peer-urls", "http://127.0.0.1:\(peer)", "--initial-advertise-peer-urls", "http://127.0.0.1:\(peer)",
                    "--initial-cluster", "\(name)=http://127.0.0.1:\(peer)"]
        if tls {
            let serving = try etcdServerCertificate()
            args += ["--cert-file", serving.cert, "--key-file", serving.key, "--client-cert-auth", "--trusted-ca-file", certs.caCert]
        }
        let (p, log) = try start(etcd, args, name: name)
        try waitUntilOpen(client, process: p, log: log)
        return Etcd(port: client, tls: tls)
    }

    /// Writes a key through etcdctl (v3 API), retrying while etcd finishes starting.
    func put(_ etcd: Etcd, key: String, value: String) throws {
        let etcdctl = try Self.tool("/usr/bin/etcdctl", package: "etcd-client")
        var args = ["--endpoints", etcd.url, "--command-timeout=3s", "put", key, value]
        if etcd.tls { args = ["--cacert", certs.caCert, "--cert", certs.clientCert, "--key", certs.clientKey] + args }
        var last = ""
        for _ in 0..<40 {
            let (code, output) = try run(etcdctl, args, environment: ["ETCDCTL_API": "3"])
            if code == 0 { return }
            last = output
            usleep(250_000)
        }
        XCTFail("etcdctl put \(key) failed: \(last)")
    }
}
