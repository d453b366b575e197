import Foundation
import XCTest
import BulwarkModel
import BulwarkProbe

/// `bulwark probe` against real components on 127.0.0.1: etcd with and without mutual TLS (the
/// S11 probe and the S16 live check), openssl s_server with weak and strong TLS, a plain HTTP
/// server, a closed port, and a port that never answers.
final class ProbeTests: XCTestCase {
    var harness: ProbeHarness!

    override func setUpWithError() throws { harness = try ProbeHarness() }
    override func tearDown() { harness?.stop() }

    static let prober = EndpointProber(timeout: .milliseconds(1500))

    func probe(_ targets: [String], etcd: EtcdSecretsCheck? = nil) async throws -> [EndpointProbe] {
        await ProbeRun(prober: Self.prober, etcdSecrets: etcd).run(try targets.flatMap { try ProbeTarget.parse($0) })
    }

    static func statuses(_ report: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for r in report["results"] as? [[String: Any]] ?? [] { out["\(r["control"] ?? "")"] = "\(r["status"] ?? "")" }
        return out
    }

    // MARK: TLS versions and suites

    func testWeakTLSServerAcceptsOldVersionsAndWeakSuitesAndTheControlsFail() async throws {
        let rsa = try harness.rsaCertificate()
        // Debian 12's OpenSSL enables TLS 1.0/1.1 and SHA-1 CBC / RSA key exchange suites only at security level 0.
        let port = try harness.openSSLServer(["-cipher", "ALL:@SECLEVEL=0"], cert: rsa.cert, key: rsa.key, name: "weak")
        let result = try await probe(["127.0.0.1:\(port)"])
        let p = try XCTUnwrap(result.first)
        XCTAssertEqual(p.reachability, .listening)
        XCTAssertEqual(p.tls, true)
        XCTAssertEqual(p.tlsVersions, ["TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"])
        let suites = p.cipherSuites ?? []
        XCTAssertTrue(suites.contains("TLS_RSA_WITH_AES_128_CBC_SHA"), "\(suites)")
        XCTAssertTrue(suites.contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), "\(suites)")
        XCTAssertTrue(suites.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), "\(suites)")
        XCTAssertFalse(suites.contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), "an RSA certificate cannot serve ECDSA suites")

        let out = try BulwarkBinary.run(["probe", "127.0.0.1:\(port)", "-o", "json", "--timeout", "1.5"], home: harness.dir)
        let report = try out.json()
        let status = Self.statuses(report)
        XCTAssertEqual(status["BW-S1-101"], "fail")
        XCTAssertEqual(status["BW-S1-102"], "fail")
        XCTAssertEqual(status["BW-S1-103"], "pass")
        let findings = report["findings"] as? [[String: Any]] ?? []
        let object = findings.first?["object"] as? [String: Any]
        XCTAssertEqual(object?["name"] as? String, "127.0.0.1:\(port)")
        XCTAssertEqual(object?["kind"] as? String, "EndpointProbe")
        XCTAssertEqual(out.code, 0, "medium findings stay below --fail-on high")
    }

    func testStrongTLSServerAcceptsOnlyTLS12PlusAndAEADSuitesAndTheControlsPass() async throws {
        let port = try harness.openSSLServer(
            ["-no_tls1", "-no_tls1_1", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305"],
            cert: harness.certs.serverCert, key: harness.certs.serverKey, name: "strong")
        let ps = try await probe(["127.0.0.1:\(port)"])
        let p = try XCTUnwrap(ps.first)
        XCTAssertEqual(p.tlsVersions, ["TLSv1.2", "TLSv1.3"])
        XCTAssertEqual(Set(p.cipherSuites ?? []), ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"])
        let out = try BulwarkBinary.run(["probe", "127.0.0.1:\(port)", "-o", "json"], home: harness.dir)
        let status = Self.statuses(try out.json())
        XCTAssertEqual(status["BW-S1-101"], "pass")
        XCTAssertEqual(status["BW-S1-102"], "pass")
    }

    // MARK: Closed, silent, plain HTTP

    func testClosedPortIsNotListeningAndSilentPortIsNotAssessed() async throws {
        let closed = try ProbeHarness.freePort()
        let silent = try harness.silentPort()
        let started = Date()
        let result = try await probe(["127.0.0.1:\(closed)", "kube-apiserver=127.0.0.1:\(silent)"])
        XCTAssertEqual(result.map(\.reachability), [.notListening, .timedOut])
        XCTAssertTrue(result[1].errors.contains { $0.contains("within 1.5 s") }, "\(result[1].errors)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the timeout bounds a silent port")

        // Nothing answers on the host: no fact, so no control passes (it used to be 8 PASS, 100%).
        let onlyClosed = try BulwarkBinary.run(["probe", "127.0.0.1:\(closed)", "-o", "json"], home: harness.dir)
        let closedStatuses = Self.statuses(try onlyClosed.json())
        XCTAssertFalse(closedStatuses.isEmpty)
        XCTAssertFalse(closedStatuses.values.contains("pass"), "\(closedStatuses)")
        XCTAssertEqual(closedStatuses["BW-S1-103"], "not_assessed")
        let closedStrict = try BulwarkBinary.run(["probe", "127.0.0.1:\(closed)", "-o", "json", "--strict"], home: harness.dir)
        XCTAssertEqual(closedStrict.code, 2, "--strict: a probe where nothing answered is incomplete")
        // A closed port on a host that answers elsewhere is an absent exposure: it passes.
        let plain = try harness.plainHTTPServer()
        let mixed = try BulwarkBinary.run(["probe", "kube-apiserver-insecure=127.0.0.1:\(plain)", "kubelet-read-only=127.0.0.1:\(closed)", "-o", "json"], home: harness.dir)
        XCTAssertEqual(Self.statuses(try mixed.json())["BW-S4-102"], "pass", "the read-only port is closed on a live host")
        let onlySilent = try BulwarkBinary.run(["probe", "kube-apiserver=127.0.0.1:\(silent)", "-o", "json", "--timeout", "0.5", "--strict"], home: harness.dir)
        let status = Self.statuses(try onlySilent.json())
        XCTAssertEqual(status["BW-S1-101"], "not_assessed")
        XCTAssertEqual(status["BW-S1-103"], "not_assessed")
        XCTAssertEqual(onlySilent.code, 2, "--strict: an incomplete probe exits 2")
    }

    func testPlainHTTPPortsFailTheInsecurePortAndReadOnlyPortControls() async throws {
        let port = try harness.plainHTTPServer()
        let out = try BulwarkBinary.run(["probe", "kube-apiserver-insecure=127.0.0.1:\(port)", "-o", "json"], home: harness.dir)
        let report = try out.json()
        XCTAssertEqual(Self.statuses(report)["BW-S1-103"], "fail")
        XCTAssertEqual(out.code, 1, "a plain-HTTP API port is at least high")
        let readOnlys = try await probe(["kubelet-read-only=127.0.0.1:\(port)"])
        let readOnly = try XCTUnwrap(readOnlys.first)
        XCTAssertEqual(readOnly.tls, false)
        XCTAssertEqual(readOnly.plainHTTP?.path, "/pods")
        let ro = try BulwarkBinary.run(["probe", "kubelet-read-only=127.0.0.1:\(port)", "-o", "json"], home: harness.dir)
        XCTAssertEqual(Self.statuses(try ro.json())["BW-S4-102"], "fail")
    }

    // MARK: Kubelet

    func testKubeletAnsweringPodsWithoutCredentialsFailsAndOneThatRefusesPasses() async throws {
        let certs = harness.certs
        let seen = LockedRequests()
        let open = try TestAPIServer(certificate: certs.serverCert, key: certs.serverKey, ca: certs.caCert, requireClientCertificate: false) { r in
            seen.append(r)
            return .init(status: r.path == "/pods" ? 200 : 404, body: Array(#"{"kind":"PodList","items":[]}"#.utf8))
        }
        defer { open.shutdown() }
        let closed = try TestAPIServer(certificate: certs.serverCert, key: certs.serverKey, ca: certs.caCert, requireClientCertificate: false) { _ in
            .init(status: 401, body: Array("Unauthorized".utf8))
        }
        defer { closed.shutdown() }
        let result = try await probe(["kubelet=127.0.0.1:\(open.port)", "kubelet=127.0.0.1:\(closed.port)"])
        XCTAssertEqual(result.map { $0.anonymous?.status }, [200, 401])
        // No credentials of any kind were sent.
        let requests = seen.all
        XCTAssertFalse(requests.isEmpty)
        XCTAssertTrue(requests.allSatisfy { !$0.clientCertificate && !$0.headers.contains { $0.0.lowercased() == "authorization" } })

        let fail = try BulwarkBinary.run(["probe", "kubelet=127.0.0.1:\(open.port)", "-o", "json", "--no-cipher-suites"], home: harness.dir)
        XCTAssertEqual(Self.statuses(try fail.json())["BW-S4-101"], "fail")
        XCTAssertEqual(fail.code, 1)
        let pass = try BulwarkBinary.run(["probe", "kubelet=127.0.0.1:\(closed.port)", "-o", "json", "--no-cipher-suites"], home: harness.dir)
        XCTAssertEqual(Self.statuses(try pass.json())["BW-S4-101"], "pass")
    }

    func testAPIServerAnsweringAnonymousDiscoveryFailsAndOneThatForbidsPasses() async throws {
        let certs = harness.certs
        let open = try TestAPIServer(certificate: certs.serverCert, key: certs.serverKey, ca: certs.caCert, requireClientCertificate: false) { r in
            .init(status: r.path == "/api" ? 200 : 404, body: Array(#"{"kind":"APIVersions","versions":["v1"]}"#.utf8))
        }
        defer { open.shutdown() }
        let forbidding = try TestAPIServer(certificate: certs.serverCert, key: certs.serverKey, ca: certs.caCert, requireClientCertificate: false) { _ in
            .init(status: 403, body: Array(#"{"kind":"Status","code":403}"#.utf8))
        }
        defer { forbidding.shutdown() }
        let fail = try BulwarkBinary.run(["probe", "kube-apiserver=127.0.0.1:\(open.port)", "-o", "json", "--no-cipher-suites"], home: harness.dir)
        XCTAssertEqual(Self.statuses(try fail.json())["BW-S2-101"], "fail")
        let pass = try BulwarkBinary.run(["probe", "kube-apiserver=127.0.0.1:\(forbidding.port)", "-o", "json", "--no-cipher-suites"], home: harness.dir)
        XCTAssertEqual(Self.statuses(try pass.json())["BW-S2-101"], "pass")
    }

    // MARK: etcd

    func testMutualTLSEtcdRefusesClientsWithoutCertificateAndStoresEncryptedSecrets() async throws {
        let etcd = try harness.etcd(tls: true)
        try harness.put(etcd, key: "/registry/secrets/default/enc", value: "k8s:enc:aescbc:v1:key1:" + String(repeating: "\u{1}x", count: 40))
        try harness.put(etcd, key: "/registry/secrets/kube-system/enc2", value: "k8s:enc:secretbox:v1:key1:opaque")
        let certs = harness.certs
        let check = try EtcdSecretsCheck(url: etcd.url, certificate: certs.clientCert, key: certs.clientKey, ca: certs.caCert, timeout: .seconds(3))
        let ps = try await probe(["etcd=127.0.0.1:\(etcd.port)"], etcd: check)
        let p = try XCTUnwrap(ps.first)
        XCTAssertEqual(p.tls, true)
        XCTAssertEqual(p.clientCertificateRequired, true)
        XCTAssertNil(p.anonymous, "no answer without a certificate")
        XCTAssertTrue(p.tlsVersions?.contains("TLSv1.2") == true)
        XCTAssertEqual(p.secretsAtRest, .init(sampled: 2, encrypted: 2, plainKeys: [], providers: ["aescbc", "secretbox"]))

        let out = try BulwarkBinary.run(["probe", "etcd=127.0.0.1:\(etcd.port)", "--etcd-endpoint", etcd.url, "--etcd-cert", certs.clientCert,
                                         "--etcd-key", certs.clientKey, "--etcd-ca", certs.caCert, "-o", "json", "--no-cipher-suites"], home: harness.dir)
        let status = Self.statuses(try out.json())
        XCTAssertEqual(status["BW-S11-101"], "pass")
        XCTAssertEqual(status["BW-S11-102"], "pass")
        XCTAssertEqual(status["BW-S16-101"], "pass")

        // Without a client certificate the live check cannot read etcd: not assessed, not a pass.
        let noCert = try BulwarkBinary.run(["probe", "--etcd-endpoint", etcd.url, "--etcd-ca", certs.caCert, "-o", "json", "--no-cipher-suites"], home: harness.dir)
        let results = try noCert.json()["results"] as? [[String: Any]] ?? []
        let s16 = try XCTUnwrap(results.first { $0["control"] as? String == "BW-S16-101" })
        XCTAssertEqual(s16["status"] as? String, "not_assessed")
        XCTAssertTrue((s16["reason"] as? String ?? "").contains("TLS"), "\(s16)")
    }

    func testPlainEtcdAcceptsAnyoneAndHoldsASecretInClearNeverPrinted() async throws {
        let etcd = try harness.etcd(tls: false)
        let planted = "PLANTED-\(UUID().uuidString)"
        try harness.put(etcd, key: "/registry/secrets/default/plain", value: planted)
        try harness.put(etcd, key: "/registry/secrets/default/enc", value: "k8s:enc:aescbc:v1:key1:opaque")
        try harness.put(etcd, key: "/registry/configmaps/default/other", value: planted)
        let check = try EtcdSecretsCheck(url: etcd.url, certificate: nil, key: nil, ca: nil)
        let ps = try await probe(["etcd=127.0.0.1:\(etcd.port)"], etcd: check)
        let p = try XCTUnwrap(ps.first)
        XCTAssertEqual(p.tls, false)
        XCTAssertEqual(p.plainHTTP?.status, 200)
        XCTAssertEqual(p.secretsAtRest, .init(sampled: 2, encrypted: 1, plainKeys: ["/registry/secrets/default/plain"], providers: ["aescbc"]))

        for format in ["table", "json", "yaml", "sarif", "junit", "markdown"] {
            let out = try BulwarkBinary.run(["probe", "etcd=127.0.0.1:\(etcd.port)", "--etcd-endpoint", etcd.url, "-o", format], home: harness.dir)
            XCTAssertEqual(out.code, 1, "\(format): critical findings \(out.stderr)")
            XCTAssertFalse(out.stdout.contains(planted) || out.stderr.contains(planted), "\(format) printed a Secret value")
            XCTAssertTrue(out.stdout.contains("/registry/secrets/default/plain"), "\(format) names the key in clear")
            if format == "json" {
                let status = Self.statuses(try out.json())
                XCTAssertEqual(status["BW-S11-101"], "fail")
                XCTAssertEqual(status["BW-S11-102"], "fail")
                XCTAssertEqual(status["BW-S16-101"], "fail")
            }
        }
    }

    // MARK: scan --probe

    func testScanWithProbeProbesTheAPIServerAndEtcdTheManifestsName() async throws {
        let api = try harness.openSSLServer(
            ["-no_tls1", "-no_tls1_1", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"],
            cert: harness.certs.serverCert, key: harness.certs.serverKey, name: "api")
        let etcd = try harness.etcd(tls: false)
        let manifests = harness.dir + "/manifests.yaml"
        try """
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
        spec:
          containers:
          - name: kube-apiserver
            image: registry.k8s.io/kube-apiserver:v1.31.2
            command: [kube-apiserver, --advertise-address=127.0.0.1, --secure-port=\(api)]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: etcd, namespace: kube-system, labels: {component: etcd, tier: control-plane}}
        spec:
          containers:
          - name: etcd
            image: registry.k8s.io/etcd:3.5.15-0
            command: [etcd, "--listen-client-urls=http://0.0.0.0:\(etcd.port)", "--advertise-client-urls=http://127.0.0.1:\(etcd.port)"]
        """.write(toFile: manifests, atomically: true, encoding: .utf8)

        let without = try BulwarkBinary.run(["scan", manifests, "-o", "json"], home: harness.dir)
        XCTAssertEqual(Self.statuses(try without.json())["BW-S11-102"], "not_assessed", "no probe without --probe")

        let out = try BulwarkBinary.run(["scan", manifests, "--probe", "--probe-timeout", "1.5", "-o", "json"], home: harness.dir)
        let report = try out.json()
        let status = Self.statuses(report)
        XCTAssertEqual(status["BW-S1-101"], "pass", out.stdout)
        XCTAssertEqual(status["BW-S1-102"], "pass")
        XCTAssertEqual(status["BW-S11-101"], "fail")
        XCTAssertEqual(status["BW-S11-102"], "fail")
        let probed = (report["findings"] as? [[String: Any]] ?? []).compactMap { ($0["object"] as? [String: Any])?["name"] as? String }
        XCTAssertTrue(probed.contains("127.0.0.1:\(etcd.port)"), "the advertised address of an etcd listening on 0.0.0.0")
    }

    // MARK: Targets

    func testTargetsParseHostsPortsComponentsAndRejectBadOnes() throws {
        XCTAssertEqual(try ProbeTarget.parse("10.0.0.1").map(\.port), ProbeTarget.wellKnownPorts)
        XCTAssertEqual(try ProbeTarget.parse("10.0.0.1:10250"), [ProbeTarget(host: "10.0.0.1", port: 10250, component: .kubelet)])
        XCTAssertEqual(try ProbeTarget.parse("etcd=[::1]:32379"), [ProbeTarget(host: "::1", port: 32379, component: .etcd)])
        XCTAssertEqual(try ProbeTarget.parse("node-1:9999").first?.component, .unknown)
        for bad in ["10.0.0.1:0", "10.0.0.1:http", "nope=1.2.3.4:1", "etcd=1.2.3.4", "[::1", ":80"] {
            XCTAssertThrowsError(try ProbeTarget.parse(bad), bad)
        }
        let usage = try BulwarkBinary.run(["probe", "10.0.0.1:99999"], home: harness.dir)
        XCTAssertEqual(usage.code, 2)
        XCTAssertTrue(usage.stderr.contains("10.0.0.1:99999"), usage.stderr)
    }
}
