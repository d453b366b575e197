import NIOSSL

/// What one TLS client hello offers: a single version, or a single TLS ≤ 1.2 cipher suite, so
/// that each accepted version and suite is seen on its own. No client certificate, no server
/// verification: the probe asks what the port accepts, not who it is.
struct TLSOffer: Sendable {
    var label: String
    var configuration: TLSConfiguration

    /// TLS 1.0 … 1.3, each offered alone.
    static let versions: [TLSOffer] = [
        ("TLSv1.0", TLSVersion.tlsv1), ("TLSv1.1", .tlsv11), ("TLSv1.2", .tlsv12), ("TLSv1.3", .tlsv13),
    ].map { label, version in
        var c = base
        c.minimumTLSVersion = version
        c.maximumTLSVersion = version
        return TLSOffer(label: label, configuration: c)
    }

    /// Every TLS ≤ 1.2 suite the client library (BoringSSL) can offer, by IANA name with its
    /// OpenSSL name. RC4, NULL and CBC-SHA256 suites are not in BoringSSL, so they cannot be
    /// offered: a server accepting only those shows no accepted suite here.
    static let cipherSuites: [TLSOffer] = [
        ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"),
        ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
        ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"),
        ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
        ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
        ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
        ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA"),
        ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA"),
        ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA"),
        ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA"),
        ("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"),
        ("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"),
        ("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"),
        ("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"),
        ("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "DES-CBC3-SHA"),
    ].compactMap { iana, openssl in
        var c = base
        c.minimumTLSVersion = .tlsv1
        c.maximumTLSVersion = .tlsv12
        c.cipherSuites = openssl
        // A suite this build of BoringSSL does not know is left out rather than offered wrongly.
        guard (try? NIOSSLContext(configuration: c)) != nil else { return nil }
        return TLSOffer(label: iana, configuration: c)
    }

    /// The widest offer: every version and the library's default suites, to learn whether the
    /// port speaks TLS at all.
    static let any: TLSOffer = {
        var c = base
        c.minimumTLSVersion = .tlsv1
        c.maximumTLSVersion = .tlsv13
        c.cipherSuites = "ALL"
        return TLSOffer(label: "any", configuration: c)
    }()

    private static var base: TLSConfiguration {
        var c = TLSConfiguration.makeClientConfiguration()
        c.certificateVerification = .none
        return c
    }
}
