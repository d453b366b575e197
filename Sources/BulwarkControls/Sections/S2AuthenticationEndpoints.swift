import BulwarkModel

/// S2 API authentication, as the API server answers (`bulwark probe`): an anonymous `GET /api`.
/// Complements BW-S2 `--anonymous-auth` and the RBAC grants to `system:anonymous` with what the
/// running server actually allows.
public enum S2AuthenticationEndpoints {
    public static let controls: [Control] = [anonymousAPI]

    // MARK: BW-S2-101

    /// Reads: `status.anonymous` of API server ports (6443, 8080 or `kube-apiserver=HOST:PORT`):
    /// `GET /api` with no credentials. Allows: 401 (anonymous auth off) or 403 (on, but RBAC
    /// grants `system:unauthenticated` no discovery, the default since 1.14). A 2xx answer means
    /// anonymous requests reach the API's resources.
    static let anonymousAPI = Control(
        id: "BW-S2-101", section: .s2, severity: .high,
        title: "API server answers no anonymous API request",
        remediation: "Set --anonymous-auth=false on kube-apiserver (or limit anonymous access to health endpoints with an AuthenticationConfiguration, 1.32+), and remove RBAC bindings to system:anonymous and system:unauthenticated beyond system:public-info-viewer.",
        references: ["cis": ["1.2.1"], "kubescape": ["C-0262"]],
        reads: ["EndpointProbe"]
    ) { context in
        context.evaluateProbes("API server port", applies: { $0.component == .apiServer || $0.component == .insecureAPI },
                               judged: { $0.anonymous != nil || $0.clientCertificateRequired == true },
                               pass: "no probed API server answers GET /api without credentials") { e in
            guard let answer = e.probe.anonymous, answer.isSuccess else { return [] }
            return [e.violation("anonymous", value: answer.summary,
                                message: "\(e.probe.endpoint): the API server answered \(answer.summary) to a request without credentials")]
        }
    }
}
