import BulwarkModel

/// S1 TLS for all API traffic, as the ports themselves answer (`bulwark probe`): TLS versions and
/// cipher suites each TLS port accepts, and ports that answer plain HTTP. Complements the flag
/// controls of `S1TLS` (BW-S1-003/004 read the configured minimum and suites; these read what
/// the running server actually accepts).
public enum S1TLSEndpoints {
    public static let controls: [Control] = [tlsVersions, cipherSuites, plainHTTP]

    /// Why a TLS ≤ 1.2 suite (IANA name) is weak, or nil for the CIS allow-list (AEAD with ECDHE).
    static func weakness(of suite: String) -> String? {
        if S1TLS.strongCipherSuites.contains(suite) { return nil }
        var why: [String] = []
        if suite.contains("_NULL_") { why.append("no encryption") }
        if suite.contains("RC4") { why.append("RC4") }
        if suite.contains("3DES") || suite.contains("_DES_") { why.append("3DES (64-bit block, Sweet32)") }
        if suite.contains("_CBC_") { why.append(suite.hasSuffix("_SHA") ? "CBC with SHA-1 MAC" : "CBC mode") }
        if suite.hasPrefix("TLS_RSA_") || suite.hasPrefix("TLS_PSK_") { why.append("RSA key exchange without forward secrecy") }
        return why.isEmpty ? "not on the CIS list of strong suites" : why.joined(separator: ", ")
    }

    static func isSevere(_ suite: String) -> Bool {
        suite.contains("_NULL_") || suite.contains("RC4") || suite.contains("3DES") || suite.contains("_DES_")
    }

    // MARK: BW-S1-101

    /// Reads: `status.tlsVersions` of every TLS port probed (each version offered alone).
    /// Allows: TLSv1.2 and TLSv1.3 only.
    static let tlsVersions = Control(
        id: "BW-S1-101", section: .s1, severity: .medium,
        title: "Probed TLS ports accept no TLS version below 1.2",
        remediation: "Set --tls-min-version=VersionTLS12 (or VersionTLS13) on kube-apiserver, kube-controller-manager and kube-scheduler, tlsMinVersion: VersionTLS12 in the KubeletConfiguration, and --tls-min-version=TLS1.2 on etcd (3.5+), then restart the component.",
        reads: ["EndpointProbe"]
    ) { context in
        context.evaluateProbes("TLS port", applies: { $0.tls != false }, judged: { $0.tlsVersions != nil },
                               pass: "no probed TLS port accepts TLS 1.0 or 1.1") { e in
            let old = (e.probe.tlsVersions ?? []).filter { $0 == "TLSv1.0" || $0 == "TLSv1.1" }
            guard !old.isEmpty else { return [] }
            return [e.violation("tlsVersions", value: (e.probe.tlsVersions ?? []).joined(separator: ", "),
                                message: "\(e.probe.endpoint) (\(e.probe.component.rawValue)) completes TLS handshakes with \(old.joinedForMessage), which have known weaknesses (BEAST, no AEAD suites)",
                                severity: old.contains("TLSv1.0") ? nil : .low)]
        }
    }

    // MARK: BW-S1-102

    /// Reads: `status.cipherSuites` (each TLS ≤ 1.2 suite offered alone). Allows: AEAD suites with
    /// ECDHE key exchange (the CIS 1.2.29 / 4.2.12 list). 3DES, RC4 and NULL suites are high.
    static let cipherSuites = Control(
        id: "BW-S1-102", section: .s1, severity: .medium,
        title: "Probed TLS ports accept only strong cipher suites",
        remediation: "Limit --tls-cipher-suites (kubelet: tlsCipherSuites; etcd: --cipher-suites) to AEAD suites with forward secrecy, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256.",
        references: ["cis": ["1.2.29", "4.2.12"]],
        reads: ["EndpointProbe"]
    ) { context in
        context.evaluateProbes("TLS port", applies: { $0.tls != false }, judged: { $0.cipherSuites != nil },
                               pass: "no probed TLS port accepts a weak TLS ≤ 1.2 cipher suite") { e in
            let weak = (e.probe.cipherSuites ?? []).compactMap { s in weakness(of: s).map { (s, $0) } }
            guard !weak.isEmpty else { return [] }
            return [e.violation("cipherSuites", value: weak.map(\.0).joined(separator: ", "),
                                message: "\(e.probe.endpoint) (\(e.probe.component.rawValue)) accepts weak cipher suites: " + weak.map { "\($0.0) (\($0.1))" }.joined(separator: "; "),
                                severity: weak.contains { isSevere($0.0) } ? .high : nil)]
        }
    }

    // MARK: BW-S1-103

    /// Reads: `status.plainHTTP` of every probed port except etcd's (BW-S11-102) and the kubelet
    /// read-only port (BW-S4-102). Allows: no plain-HTTP answer. A 2xx answer (the API served
    /// without TLS or authentication) is critical; any other HTTP answer is still traffic in clear.
    static let plainHTTP = Control(
        id: "BW-S1-103", section: .s1, severity: .high,
        title: "No probed API or component port answers plain HTTP",
        remediation: "Serve every API port over TLS: on Kubernetes before 1.20 set --insecure-port=0 on kube-apiserver; remove --port/--address insecure ports of kube-controller-manager and kube-scheduler (use --secure-port with --bind-address=127.0.0.1).",
        references: ["kubescape": ["C-0005"]],
        reads: ["EndpointProbe"]
    ) { context in
        context.evaluateProbes("API or component port (other than etcd and kubelet's read-only port)",
                               applies: { !$0.component.isEtcd && $0.component != .kubeletReadOnly },
                               judged: { $0.tls != nil }, pass: "no probed API port answers plain HTTP") { e in
            guard let answer = e.probe.plainHTTP else { return [] }
            return [e.violation("plainHTTP", value: answer.summary,
                                message: "\(e.probe.endpoint) (\(e.probe.component.rawValue)) answers plain HTTP without TLS: \(answer.summary)\(answer.isSuccess ? "; an unauthenticated request succeeded" : "")",
                                severity: answer.isSuccess ? .critical : nil)]
        }
    }
}
