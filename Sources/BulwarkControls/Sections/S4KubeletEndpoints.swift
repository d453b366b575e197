import BulwarkModel

/// S4 kubelet access, as the kubelet's ports answer (`bulwark probe`): `GET /pods` on 10250 with
/// no credentials, and the read-only HTTP port 10255. Complements the configuration controls of
/// `S4KubeletAccess` and BW-S1-006 with what the running kubelet does.
public enum S4KubeletEndpoints {
    public static let controls: [Control] = [anonymousPods, readOnlyPort]

    // MARK: BW-S4-101

    /// Reads: `status.anonymous` of kubelet ports (10250 or `kubelet=HOST:PORT`): `GET /pods` over
    /// TLS with no credentials. Allows: 401 (anonymous off) or 403 (webhook authorization refuses
    /// `system:anonymous`). A 2xx answer lists every pod of the node, and the same access runs
    /// commands in containers (`/run`, `/exec`).
    static let anonymousPods = Control(
        id: "BW-S4-101", section: .s4, severity: .critical,
        title: "Kubelet API answers no request without credentials",
        remediation: "In the KubeletConfiguration set authentication.anonymous.enabled: false, authentication.webhook.enabled: true and authorization.mode: Webhook (flags: --anonymous-auth=false --authorization-mode=Webhook), then restart the kubelet.",
        references: ["cis": ["4.2.1", "4.2.2"], "kubescape": ["C-0069", "C-0070"]],
        reads: ["EndpointProbe"]
    ) { context in
        context.evaluateProbes("kubelet port (10250)", applies: { $0.component == .kubelet },
                               judged: { $0.anonymous != nil || $0.clientCertificateRequired == true || $0.tls == false },
                               pass: "no probed kubelet answers GET /pods without credentials") { e in
            guard let answer = e.probe.anonymous, answer.isSuccess else { return [] }
            return [e.violation("anonymous", value: answer.summary,
                                message: "\(e.probe.endpoint): the kubelet answered \(answer.summary) to a request without credentials: anyone who reaches the port lists the node's pods and can run commands in them")]
        }
    }

    // MARK: BW-S4-102

    /// Reads: `status.plainHTTP` of the read-only port (10255 or `kubelet-read-only=HOST:PORT`).
    /// Allows: closed. Any HTTP answer means the port serves pod specs and metrics without
    /// authentication or TLS.
    static let readOnlyPort = Control(
        id: "BW-S4-102", section: .s4, severity: .high,
        title: "Kubelet read-only port does not answer",
        remediation: "Set readOnlyPort: 0 in the KubeletConfiguration (or --read-only-port=0) and restart the kubelet.",
        references: ["cis": ["4.2.4"]],
        reads: ["EndpointProbe"]
    ) { context in
        context.evaluateProbes("kubelet read-only port (10255)", applies: { $0.component == .kubeletReadOnly },
                               judged: { $0.tls != nil || $0.plainHTTP != nil },
                               pass: "no probed kubelet read-only port answers") { e in
            guard let answer = e.probe.plainHTTP else { return [] }
            return [e.violation("plainHTTP", value: answer.summary,
                                message: "\(e.probe.endpoint): the kubelet read-only port answers \(answer.summary) in plain HTTP with no authentication (pod specs, environment, metrics)",
                                severity: answer.isSuccess ? nil : .medium)]
        }
    }
}
