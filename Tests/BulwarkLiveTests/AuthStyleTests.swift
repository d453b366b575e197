import Foundation
import XCTest
import BulwarkModel
import BulwarkKubeconfig
import BulwarkLive

/// Every kubeconfig auth style against the test API server over real TLS with a verified server
/// certificate (and a required client certificate where the style provides one).
final class AuthStyleTests: XCTestCase {
    func testClientCertificateDataOverMutualTLS() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: try h.clientCertificateDataUser()))
        XCTAssertEqual(collection.snapshot.source.kind, "live")
        XCTAssertEqual(collection.snapshot.serverVersion, "v1.31.4")
        XCTAssertEqual(collection.kinds["Pod"], 3)
        XCTAssertEqual(collection.kinds["Deployment"], 1)
        XCTAssertEqual(collection.kinds["Secret"], 2)
        XCTAssertTrue(collection.snapshot.forbidden.isEmpty, "\(collection.snapshot.forbidden)")
        XCTAssertTrue(collection.issues.isEmpty, "\(collection.issues)")
        // Items get their apiVersion and kind back; managedFields are gone.
        let web = try XCTUnwrap(collection.snapshot.objects.first { $0["kind"]?.string == "Deployment" })
        XCTAssertEqual(web["apiVersion"]?.string, "apps/v1")
        XCTAssertNil(web["metadata"]?["managedFields"])
        XCTAssertEqual(collection.snapshot.discovery["api"]?["versions"]?[0]?.string, "v1")
    }

    func testClientCertificateFilesRelativeToTheKubeconfig() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        try FileManager.default.copyItem(atPath: h.certs.clientCert, toPath: h.dir + "/me.crt")
        try FileManager.default.copyItem(atPath: h.certs.clientKey, toPath: h.dir + "/me.key")
        let collection = try await h.collect(try h.kubeconfig(user: "client-certificate: me.crt\nclient-key: me.key"))
        XCTAssertEqual(collection.kinds["Namespace"], 2)
    }

    func testWithoutAClientCertificateTheServerRefusesTheHandshake() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        do {
            _ = try await h.collect(try h.kubeconfig(user: "token: not-used"), options: .init(retry: .init(maxAttempts: 1)))
            XCTFail("expected a TLS failure")
        } catch let error as LiveError {
            XCTAssertEqual(error.kind, .transport)
            XCTAssertFalse(error.description.contains("not-used"))
        }
    }

    func testAServerCertificateFromAnotherCAIsRejected() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        var config = try String(contentsOfFile: try h.kubeconfig(user: try h.clientCertificateDataUser()), encoding: .utf8)
        config = config.replacingOccurrences(of: try h.certs.base64(h.certs.caCert), with: try h.certs.base64(h.certs.otherCACert))
        let path = try h.write(config, to: "other-ca")
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await h.collect(path)
            XCTFail("expected certificate verification to fail")
        } catch let error as LiveError {
            XCTAssertEqual(error.kind, .transport)
            XCTAssertTrue(error.description.contains("TLS"), error.description)
        }
        XCTAssertLessThan(clock.now - start, .seconds(5), "a certificate that does not verify fails at once, without retries")
    }

    /// tls-server-name: the server's certificate is checked against that name (and it is sent as
    /// SNI), while the connection goes to the URL's 127.0.0.1. The server's certificate names only
    /// api.bulwark.test, so without tls-server-name, or with another name, verification fails.
    func testTLSServerNameIsTheNameTheCertificateIsCheckedAgainst() async throws {
        let h = try LiveHarness(namedServerCertificate: true)
        defer { h.stop() }
        let good = try h.kubeconfig(user: try h.clientCertificateDataUser(), cluster: "tls-server-name: api.bulwark.test", name: "sni-good")
        let collection = try await h.collect(good)
        XCTAssertEqual(collection.kinds["Pod"], 3)
        XCTAssertTrue(collection.issues.isEmpty, "\(collection.issues)")
        for (name, extra) in [("sni-none", ""), ("sni-wrong", "tls-server-name: api.elsewhere.example")] {
            let config = try h.kubeconfig(user: try h.clientCertificateDataUser(), cluster: extra, name: name)
            do {
                _ = try await h.collect(config)
                XCTFail("\(name): the certificate does not name the host checked, verification must fail")
            } catch let error as LiveError {
                XCTAssertEqual(error.kind, .transport, name)
                XCTAssertTrue(error.description.contains("TLS") || error.description.contains("certificate"), error.description)
            }
        }
    }

    /// A certificate valid only for the address connected to (IP SAN 127.0.0.1) is refused when
    /// the kubeconfig says tls-server-name: kubernetes.default, as kubectl refuses it; one naming
    /// kubernetes.default is accepted. (NIOSSL alone accepts the IP SAN: this failed before.)
    func testTLSServerNameRefusesACertificateValidOnlyForTheIP() async throws {
        let ipOnly = try LiveHarness(serverCertificate: { ($0.ipOnlyServerCert, $0.ipOnlyServerKey) })
        defer { ipOnly.stop() }
        // Without tls-server-name the IP SAN is what is checked: accepted.
        let plain = try ipOnly.kubeconfig(user: try ipOnly.clientCertificateDataUser(), name: "ip-plain")
        let plainCollection = try await ipOnly.collect(plain)
        XCTAssertEqual(plainCollection.kinds["Pod"], 3)
        let named = try ipOnly.kubeconfig(user: try ipOnly.clientCertificateDataUser(), cluster: "tls-server-name: kubernetes.default", name: "ip-named")
        let before = ipOnly.cluster.requests.count
        do {
            _ = try await ipOnly.collect(named)
            XCTFail("a certificate naming only 127.0.0.1 must not pass for tls-server-name kubernetes.default")
        } catch let error as LiveError {
            XCTAssertEqual(error.kind, .transport)
            XCTAssertTrue(error.description.contains("tls-server-name kubernetes.default"), error.description)
        }
        XCTAssertEqual(ipOnly.cluster.requests.count, before, "no request (and no credential) is sent")

        let kd = try LiveHarness(serverCertificate: { ($0.kubernetesDefaultServerCert, $0.kubernetesDefaultServerKey) })
        defer { kd.stop() }
        let good = try kd.kubeconfig(user: try kd.clientCertificateDataUser(), cluster: "tls-server-name: kubernetes.default", name: "kd-named")
        let goodCollection = try await kd.collect(good)
        XCTAssertEqual(goodCollection.kinds["Pod"], 3)
    }

    func testInsecureSkipTLSVerifyIsHonouredAndReported() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        let text = """
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
          - name: local
            cluster: {server: "\(h.server.url)", insecure-skip-tls-verify: true}
        contexts:
          - name: test
            context: {cluster: local, user: tester}
        users:
          - name: tester
            user: {client-certificate-data: \(try h.certs.base64(h.certs.clientCert)), client-key-data: \(try h.certs.base64(h.certs.clientKey))}
        """
        let collection = try await h.collect(try h.write(text, to: "insecure"))
        XCTAssertEqual(collection.issues.count, 1)
        XCTAssertEqual(collection.issues.first?.level, .warning)
        XCTAssertTrue(collection.issues.first?.message.contains("TLS verification disabled by kubeconfig") ?? false)
    }

    func testBearerToken() async throws {
        let h = try LiveHarness(faults: .init(validTokens: ["PLANTED-TOKEN-8812"]), requireClientCertificate: false)
        defer { h.stop() }
        let collection = try await h.collect(try h.kubeconfig(user: "token: PLANTED-TOKEN-8812"))
        XCTAssertEqual(collection.kinds["Pod"], 3)
    }

    func testTokenFile() async throws {
        let h = try LiveHarness(faults: .init(validTokens: ["file-token-1"]), requireClientCertificate: false)
        defer { h.stop() }
        _ = try h.write("file-token-1\n", to: "token")
        let collection = try await h.collect(try h.kubeconfig(user: "tokenFile: token"))
        XCTAssertEqual(collection.kinds["Namespace"], 2)
    }

    func testAWrongTokenIsUnauthorizedWithoutPrintingIt() async throws {
        let h = try LiveHarness(faults: .init(validTokens: ["right"]), requireClientCertificate: false)
        defer { h.stop() }
        do {
            _ = try await h.collect(try h.kubeconfig(user: "token: WRONG-SECRET-TOKEN"))
            XCTFail("expected 401")
        } catch let error as LiveError {
            XCTAssertEqual(error.kind, .unauthorized)
            XCTAssertTrue(error.description.contains("401"))
            XCTAssertFalse(error.description.contains("WRONG-SECRET-TOKEN"))
        }
    }

    /// A real shell script as the plugin (v1, token with an expiry): run once for the whole
    /// collection thanks to the cache; env and args reach it.
    func testExecPluginTokenIsCachedUntilExpiry() async throws {
        let h = try LiveHarness(faults: .init(validTokens: ["exec-token-5150"]), requireClientCertificate: false)
        defer { h.stop() }
        _ = try h.write("""
        #!/bin/sh
        echo run >> "\(h.dir)/runs"
        [ "$1" = "--cluster" ] && [ "$2" = "test" ] || exit 3
        [ "$GREETING" = "hello" ] || exit 4
        case "$KUBERNETES_EXEC_INFO" in *'"interactive":false'*) ;; *) exit 5 ;; esac
        cat <<JSON
        {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-5150","expirationTimestamp":"2099-01-01T00:00:00Z"}}
        JSON
        """, to: "plugin.sh", executable: true)
        let config = try h.kubeconfig(user: """
        exec:
          apiVersion: client.authentication.k8s.io/v1
          command: ./plugin.sh
          args: [--cluster, test]
          env: [{name: GREETING, value: hello}]
          interactiveMode: Never
        """)
        let cache = ExecCredentialCache()
        let collection = try await h.collect(config, cache: cache)
        XCTAssertEqual(collection.kinds["Pod"], 3)
        let runs = await cache.runs
        XCTAssertEqual(runs, 1)
        XCTAssertEqual(try String(contentsOfFile: h.dir + "/runs", encoding: .utf8), "run\n")
    }

    /// v1beta1 plugin answering with a client certificate: mutual TLS with the plugin's cert.
    func testExecPluginClientCertificateV1beta1() async throws {
        let h = try LiveHarness()
        defer { h.stop() }
        func jsonString(_ path: String) throws -> String {
            try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\n", with: "\\n")
        }
        _ = try h.write("""
        #!/bin/sh
        printf '%s' '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientCertificateData":"\(try jsonString(h.certs.clientCert))","clientKeyData":"\(try jsonString(h.certs.clientKey))"}}'
        """, to: "cert-plugin.sh", executable: true)
        let config = try h.kubeconfig(user: """
        exec:
          apiVersion: client.authentication.k8s.io/v1beta1
          command: \(h.dir)/cert-plugin.sh
        """)
        let collection = try await h.collect(config)
        XCTAssertEqual(collection.kinds["Node"], 1)
    }

    func testAnExpiredExecCredentialIsRefreshed() async throws {
        let h = try LiveHarness(faults: .init(validTokens: ["t"]), requireClientCertificate: false)
        defer { h.stop() }
        _ = try h.write("""
        #!/bin/sh
        echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"2000-01-01T00:00:00Z"}}'
        """, to: "old.sh", executable: true)
        let config = try h.kubeconfig(user: "exec: {apiVersion: client.authentication.k8s.io/v1, command: ./old.sh, interactiveMode: Never}")
        let cache = ExecCredentialCache()
        _ = try await h.collect(config, options: .init(concurrency: 1), cache: cache)
        let runs = await cache.runs
        XCTAssertGreaterThan(runs, 1, "an expired credential is not reused")
    }
}
