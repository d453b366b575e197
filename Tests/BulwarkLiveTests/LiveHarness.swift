import Foundation
import XCTest
import BulwarkModel
import BulwarkKubeconfig
import BulwarkLive

/// A running test cluster (HTTPS on 127.0.0.1 only) and a folder for kubeconfigs and scripts.
final class LiveHarness {
    let certs: TestCertificates
    let cluster: FakeCluster
    let server: TestAPIServer
    let dir: String

    /// `namedServerCertificate`: serve the certificate that names only api.bulwark.test.
    /// `serverCertificate`: serve this (certificate, key) instead, by path from `TestCertificates`.
    /// `objects`: the cluster's objects instead of the fixture's.
    init(faults: FakeCluster.Faults = .init(), requireClientCertificate: Bool = true, fixture: Bool = true,
         namedServerCertificate: Bool = false, serverCertificate: ((TestCertificates) -> (String, String))? = nil,
         objects: [Value]? = nil) throws {
        certs = try TestCertificates.shared.get()
        cluster = FakeCluster(objects: try objects ?? (fixture ? try FakeCluster.fixtureObjects() : []), faults: faults)
        let cluster = self.cluster
        let served = serverCertificate?(certs) ?? (namedServerCertificate ? (certs.namedServerCert, certs.namedServerKey) : (certs.serverCert, certs.serverKey))
        server = try TestAPIServer(certificate: served.0,
                                   key: served.1, ca: certs.caCert,
                                   requireClientCertificate: requireClientCertificate) { cluster.handle($0) }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulwark-live-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func stop() {
        server.shutdown()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Writes a kubeconfig with one context `test` whose cluster is this server.
    func kubeconfig(user: String, cluster extra: String = "", name: String = "config") throws -> String {
        let text = """
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
          - name: local
            cluster:
              server: \(server.url)
              certificate-authority-data: \(try certs.base64(certs.caCert))
        \(extra.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        contexts:
          - name: test
            context: {cluster: local, user: tester, namespace: shop}
        users:
          - name: tester
            user:
        \(user.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        """
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func clientCertificateDataUser() throws -> String {
        "client-certificate-data: \(try certs.base64(certs.clientCert))\nclient-key-data: \(try certs.base64(certs.clientKey))"
    }

    func write(_ text: String, to name: String, executable: Bool = false) throws -> String {
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return path
    }

    func collect(_ kubeconfig: String, options: CollectionOptions = CollectionOptions(readSecrets: true),
                 cache: ExecCredentialCache = ExecCredentialCache()) async throws -> LiveCollection {
        let settings = try KubeconfigLoader(explicitPath: kubeconfig, environment: [:]).resolve()
        return try await LiveCollector(settings: settings, options: options, cache: cache).collect()
    }
}

extension LiveCollection {
    var kinds: [String: Int] {
        var counts: [String: Int] = [:]
        for o in snapshot.objects { counts[o["kind"]?.string ?? "", default: 0] += 1 }
        return counts
    }
}
