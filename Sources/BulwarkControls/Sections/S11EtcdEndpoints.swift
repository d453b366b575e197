import BulwarkModel

/// S11 etcd, as etcd's ports answer (`bulwark probe`): does it accept a TLS client without a
/// certificate, or plain HTTP. Complements the flag controls of `S11Etcd`
/// (`--client-cert-auth`, https URLs) with what the running etcd does.
public enum S11EtcdEndpoints {
    public static let controls: [Control] = [clientCertificateRequired, noPlainHTTP]

    // MARK: BW-S11-101

    /// Reads: `status.anonymous` and `status.clientCertificateRequired` of etcd ports (2379, 2380
    /// or `etcd=HOST:PORT`): `GET /version` without a client certificate, over TLS or, on a
    /// plain-HTTP etcd, in clear. Allows: the handshake refused for want of a certificate. An
    /// answer means any client reaching the port reads and writes the whole cluster state.
    static let clientCertificateRequired = Control(
        id: "BW-S11-101", section: .s11, severity: .critical,
        title: "etcd refuses clients without a certificate",
        remediation: "Start etcd with --client-cert-auth=true --trusted-ca-file=<etcd CA> (peers: --peer-client-cert-auth=true --peer-trusted-ca-file), using a CA dedicated to etcd.",
        references: ["cis": ["2.2", "2.5"]],
        reads: ["EndpointProbe"]
    ) { context in
        context.evaluateProbes("etcd port", applies: { $0.component.isEtcd },
                               judged: { $0.clientCertificateRequired == true || $0.anonymous != nil },
                               pass: "every probed etcd port demands a client certificate") { e in
            guard e.probe.clientCertificateRequired != true, let answer = e.probe.anonymous else { return [] }
            let how = e.probe.tls == false ? "a plain-HTTP client" : "a TLS client"
            return [e.violation("anonymous", value: answer.summary,
                                message: "\(e.probe.endpoint) (\(e.probe.component.rawValue)) answered \(answer.summary) to \(how) with no certificate: anyone reaching the port can read every Secret and write the cluster state")]
        }
    }

    // MARK: BW-S11-102

    /// Reads: `status.plainHTTP` of etcd ports. Allows: none (TLS only).
    static let noPlainHTTP = Control(
        id: "BW-S11-102", section: .s11, severity: .critical,
        title: "etcd does not answer plain HTTP",
        remediation: "Serve etcd only over TLS: https:// in --listen-client-urls/--advertise-client-urls (and the peer URLs) with --cert-file/--key-file (peers: --peer-cert-file/--peer-key-file), plus --client-cert-auth=true.",
        references: ["cis": ["2.1", "2.4"]],
        reads: ["EndpointProbe"]
    ) { context in
        context.evaluateProbes("etcd port", applies: { $0.component.isEtcd }, judged: { $0.tls != nil },
                               pass: "no probed etcd port answers plain HTTP") { e in
            guard let answer = e.probe.plainHTTP else { return [] }
            return [e.violation("plainHTTP", value: answer.summary,
                                message: "\(e.probe.endpoint) (\(e.probe.component.rawValue)) answers plain HTTP (\(answer.summary)): the cluster state, Secrets included, crosses the network in clear and without authentication")]
        }
    }
}
