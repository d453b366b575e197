import Testing
import BulwarkModel
@testable import BulwarkControls

/// The probe controls (BW-S1-101…103, BW-S4-101/102, BW-S11-101/102, BW-S16-101) over
/// `EndpointProbe` objects as `bulwark probe` writes them: both sides of each, and the rules for
/// closed (pass: exposure absent) and unreachable (not assessed) ports.
@Suite struct ProbeControlsTests {
    typealias C = EndpointProbe.Component

    static func probe(_ port: Int, _ component: C? = nil, _ reach: EndpointProbe.Reachability = .listening,
                      configure: (inout EndpointProbe) -> Void = { _ in }) -> KubeObject {
        var p = EndpointProbe(host: "10.0.0.10", port: port, component: component ?? .wellKnown(port: port), reachability: reach)
        configure(&p)
        return p.object
    }

    static let ok = EndpointProbe.HTTPAnswer(method: "GET", path: "/pods", scheme: "https", status: 200)
    static let forbidden = EndpointProbe.HTTPAnswer(method: "GET", path: "/pods", scheme: "https", status: 403)

    @Test func objectRoundTripsThroughTheInventoryForm() {
        var p = EndpointProbe(host: "::1", port: 2379, component: .etcd, reachability: .listening, errors: ["x"], tls: true,
                              clientCertificateRequired: true, tlsVersions: ["TLSv1.2"], cipherSuites: ["TLS_RSA_WITH_AES_128_CBC_SHA"],
                              plainHTTP: nil, anonymous: Self.forbidden)
        p.secretsAtRest = .init(sampled: 3, encrypted: 2, plainKeys: ["/registry/secrets/a/b"], providers: ["aescbc"])
        let o = p.object
        #expect(o.name == "[::1]:2379")
        #expect(o.apiVersion == "probe.bulwark.io/v1")
        #expect(EndpointProbe(object: o) == p)
        #expect(EndpointProbe(object: KubeObject(["apiVersion": "v1", "kind": "Pod"])) == nil)
    }

    @Test func noProbeInInputIsNotAssessedForEveryProbeControl() {
        for control in ControlCatalog.probeControls {
            #expect(evaluate(control, []).notAssessedReason?.contains("bulwark probe") == true, "\(control.id)")
        }
    }

    @Test func probeControlsAreInTheCatalogWithSectionsMatchingTheirIDs() {
        let ids = Set(ControlCatalog.all.map(\.id))
        for c in ControlCatalog.probeControls {
            #expect(ids.contains(c.id))
            #expect(c.id.hasPrefix("BW-\(c.info.section.id)-1"))
        }
        #expect(ControlCatalog.probeControls.map(\.id) == ["BW-S1-101", "BW-S1-102", "BW-S1-103", "BW-S2-101", "BW-S4-101", "BW-S4-102", "BW-S11-101", "BW-S11-102", "BW-S16-101"])
    }

    // MARK: S1

    @Test func tlsVersionsBelow12Fail() {
        let outcome = evaluate(S1TLSEndpoints.tlsVersions, [Self.probe(6443) { $0.tls = true; $0.tlsVersions = ["TLSv1.0", "TLSv1.1", "TLSv1.2"] }])
        #expect(outcome.violations.count == 1)
        #expect(outcome.violations.first?.path == "status.tlsVersions")
        #expect(outcome.violations.first?.object?.name == "10.0.0.10:6443")
        #expect(outcome.violations.first?.message.contains("TLSv1.0 and TLSv1.1") == true)
        // TLS 1.1 alone is milder.
        let only11 = evaluate(S1TLSEndpoints.tlsVersions, [Self.probe(6443) { $0.tls = true; $0.tlsVersions = ["TLSv1.1", "TLSv1.2"] }])
        #expect(only11.violations.first?.severity == .low)
    }

    @Test func tlsVersions12And13PassAndClosedPortsCountAsAbsent() {
        let outcome = evaluate(S1TLSEndpoints.tlsVersions, [
            Self.probe(6443) { $0.tls = true; $0.tlsVersions = ["TLSv1.2", "TLSv1.3"] },
            Self.probe(10250, nil, .notListening),
        ])
        #expect(outcome.isPass)
        #expect(outcome.passReason?.contains("1 not listening") == true)
    }

    @Test func closedPortsPassOnlyOnAHostThatAnswered() {
        // Nothing answered on the host: its closed ports are no fact about Kubernetes.
        let silentHost = evaluate(S1TLSEndpoints.tlsVersions, [Self.probe(6443, nil, .notListening)])
        #expect(silentHost.notAssessedReason?.contains("no probed port of 10.0.0.10 answered") == true)
        for control in ControlCatalog.probeControls {
            let outcome = evaluate(control, [Self.probe(6443, nil, .notListening), Self.probe(10250, nil, .notListening), Self.probe(10255, nil, .notListening), Self.probe(2379, nil, .notListening)])
            #expect(!outcome.isPass, "\(control.id) passed with nothing listening")
        }
        // Another port of the same host answered: the closed one is an absent exposure.
        let liveHost = evaluate(S4KubeletEndpoints.readOnlyPort, [Self.probe(10255, nil, .notListening), Self.probe(10250) { $0.tls = true }])
        #expect(liveHost.isPass)
    }

    @Test func unreachablePortsAreNotAssessed() {
        let timedOut = evaluate(S1TLSEndpoints.tlsVersions, [Self.probe(6443, nil, .timedOut) { $0.errors = ["no TCP connection within 2 s"] }])
        #expect(timedOut.notAssessedReason?.contains("no TCP connection within 2 s") == true)
        // Listening but silent (neither TLS nor HTTP answered): not assessed either.
        let silent = evaluate(S1TLSEndpoints.plainHTTP, [Self.probe(6443, nil, .timedOut) { $0.errors = ["no answer"] }])
        #expect(silent.notAssessedReason != nil)
    }

    @Test func weakCipherSuitesFailAndStrongOnesPass() {
        let weak = evaluate(S1TLSEndpoints.cipherSuites, [Self.probe(10250) {
            $0.tls = true; $0.cipherSuites = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256"]
        }])
        #expect(weak.violations.count == 1)
        let message = weak.violations.first?.message ?? ""
        #expect(message.contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC with SHA-1 MAC)"))
        #expect(message.contains("TLS_RSA_WITH_AES_128_GCM_SHA256 (RSA key exchange without forward secrecy)"))
        #expect(!message.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ("))
        #expect(weak.violations.first?.severity == nil)
        let tripleDES = evaluate(S1TLSEndpoints.cipherSuites, [Self.probe(6443) { $0.tls = true; $0.cipherSuites = ["TLS_RSA_WITH_3DES_EDE_CBC_SHA"] }])
        #expect(tripleDES.violations.first?.severity == .high)
        let strong = evaluate(S1TLSEndpoints.cipherSuites, [Self.probe(6443) {
            $0.tls = true; $0.cipherSuites = ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"]
        }])
        #expect(strong.isPass)
    }

    @Test func plainHTTPAPIPortFailsCriticalWhenItServesTLSPortPasses() {
        let open = evaluate(S1TLSEndpoints.plainHTTP, [Self.probe(8080) {
            $0.tls = false; $0.plainHTTP = .init(method: "GET", path: "/api", scheme: "http", status: 200)
        }])
        #expect(open.violations.first?.severity == .critical)
        let refused = evaluate(S1TLSEndpoints.plainHTTP, [Self.probe(10257, .controllerManager) {
            $0.tls = false; $0.plainHTTP = .init(method: "GET", path: "/healthz", scheme: "http", status: 403)
        }])
        #expect(refused.isFail && refused.violations.first?.severity == nil)
        #expect(evaluate(S1TLSEndpoints.plainHTTP, [Self.probe(6443) { $0.tls = true }]).isPass)
        // etcd and the read-only port have their own controls.
        let etcdOnly = evaluate(S1TLSEndpoints.plainHTTP, [Self.probe(2379) { $0.tls = false; $0.plainHTTP = .init(method: "GET", path: "/version", scheme: "http", status: 200) }])
        #expect(etcdOnly.notAssessedReason != nil)
    }

    // MARK: S2

    @Test func apiServerAnsweringAnonymousDiscoveryFailsForbiddenPasses() {
        let open = evaluate(S2AuthenticationEndpoints.anonymousAPI, [Self.probe(6443) {
            $0.tls = true; $0.anonymous = .init(method: "GET", path: "/api", scheme: "https", status: 200)
        }])
        #expect(open.violations.first?.path == "status.anonymous")
        #expect(evaluate(S2AuthenticationEndpoints.anonymousAPI, [Self.probe(6443) {
            $0.tls = true; $0.anonymous = .init(method: "GET", path: "/api", scheme: "https", status: 403)
        }]).isPass)
        #expect(evaluate(S2AuthenticationEndpoints.anonymousAPI, [Self.probe(10250) { $0.tls = true; $0.anonymous = Self.ok }]).notAssessedReason != nil)
    }

    // MARK: S4

    @Test func kubeletAnsweringPodsAnonymouslyFails() {
        let outcome = evaluate(S4KubeletEndpoints.anonymousPods, [Self.probe(10250) { $0.tls = true; $0.anonymous = Self.ok }])
        #expect(outcome.violations.first?.value == "GET https://…/pods → 200")
        #expect(evaluate(S4KubeletEndpoints.anonymousPods, [Self.probe(10250) { $0.tls = true; $0.anonymous = Self.forbidden }]).isPass)
        // TLS but no HTTP answer: not assessed, not a pass.
        #expect(evaluate(S4KubeletEndpoints.anonymousPods, [Self.probe(10250) { $0.tls = true }]).notAssessedReason != nil)
    }

    @Test func readOnlyPortAnsweringFailsClosedPasses() {
        let open = evaluate(S4KubeletEndpoints.readOnlyPort, [Self.probe(10255) {
            $0.tls = false; $0.plainHTTP = .init(method: "GET", path: "/pods", scheme: "http", status: 200)
        }])
        #expect(open.isFail)
        #expect(evaluate(S4KubeletEndpoints.readOnlyPort, [Self.probe(10255, nil, .notListening), Self.probe(10250) { $0.tls = true }]).isPass)
    }

    // MARK: S11

    @Test func etcdWithoutClientCertificateFailsWithItPasses() {
        let open = evaluate(S11EtcdEndpoints.clientCertificateRequired, [Self.probe(2379) {
            $0.tls = true; $0.anonymous = .init(method: "GET", path: "/version", scheme: "https", status: 200)
        }])
        #expect(open.violations.first?.message.contains("a TLS client with no certificate") == true)
        let plain = evaluate(S11EtcdEndpoints.clientCertificateRequired, [Self.probe(2379) {
            $0.tls = false; $0.plainHTTP = .init(method: "GET", path: "/version", scheme: "http", status: 200); $0.anonymous = $0.plainHTTP
        }])
        #expect(plain.violations.first?.message.contains("plain-HTTP client") == true)
        #expect(evaluate(S11EtcdEndpoints.clientCertificateRequired, [Self.probe(2379) { $0.tls = true; $0.clientCertificateRequired = true }]).isPass)
    }

    @Test func etcdPlainHTTPFailsTLSPasses() {
        let plain = evaluate(S11EtcdEndpoints.noPlainHTTP, [Self.probe(2380) {
            $0.tls = false; $0.plainHTTP = .init(method: "GET", path: "/version", scheme: "http", status: 200)
        }])
        #expect(plain.isFail)
        #expect(evaluate(S11EtcdEndpoints.noPlainHTTP, [Self.probe(2380) { $0.tls = true }]).isPass)
    }

    // MARK: S16

    @Test func secretsInClearFailEncryptedPassErrorsAreNotAssessed() {
        let clear = evaluate(S16EncryptionLive.secretsEncryptedInEtcd, [Self.probe(2379) {
            $0.secretsAtRest = .init(sampled: 2, encrypted: 1, plainKeys: ["/registry/secrets/default/plain"], providers: ["aescbc"])
        }])
        #expect(clear.violations.first?.message.contains("1 of 2 sampled Secrets") == true)
        #expect(clear.violations.first?.message.contains("/registry/secrets/default/plain") == true)
        let encrypted = evaluate(S16EncryptionLive.secretsEncryptedInEtcd, [Self.probe(2379) {
            $0.secretsAtRest = .init(sampled: 2, encrypted: 2, providers: ["aescbc", "kms"])
        }])
        #expect(encrypted.passReason?.contains("aescbc, kms") == true)
        let failed = evaluate(S16EncryptionLive.secretsEncryptedInEtcd, [Self.probe(2379) {
            $0.secretsAtRest = .init(error: "HTTP 401 from /v3/kv/range")
        }])
        #expect(failed.notAssessedReason?.contains("HTTP 401") == true)
        #expect(evaluate(S16EncryptionLive.secretsEncryptedInEtcd, [Self.probe(2379) { $0.tls = true }]).notAssessedReason?.contains("--etcd-endpoint") == true)
    }
}
