import BulwarkModel
import BulwarkComponentConfig

/// S4 Kubelet access: the kubelet's authentication, authorization and hardening settings (config
/// file with flags overriding, defaults as the kubelet applies them), and how kube-apiserver
/// authenticates to and verifies kubelets.
public enum S4KubeletAccess {
    public static let controls: [Control] = [
        anonymousAuth, webhookAuthentication, clientCA, authorizationMode, protectKernelDefaults, clientCertRotation,
        serverCertRotation, streamingIdleTimeout, iptablesUtilChains, apiServerKubeletClientCert, apiServerKubeletCA,
    ]

    static func kubeletCheck(_ key: KubeletSettings.Key, pass: String, _ failure: @escaping @Sendable (KubeletSetting) -> String?) -> @Sendable (ScanContext) -> ControlOutcome {
        { context in
            context.evaluateKubelets(pass: pass) { k in
                let s = k.setting(key)
                return failure(s).map { [k.violation(key, setting: s, message: $0)] } ?? []
            }
        }
    }

    // MARK: BW-S4-001

    /// Reads: `authentication.anonymous.enabled` / `--anonymous-auth` (default false with a config
    /// file, true with flags only). Allows: false.
    static let anonymousAuth = Control(
        id: "BW-S4-001", section: .s4, severity: .critical,
        title: "Kubelet rejects anonymous requests",
        remediation: "Set authentication.anonymous.enabled: false in the KubeletConfiguration (or --anonymous-auth=false).",
        references: ["cis": ["4.2.1"], "kubescape": ["C-0069"]],
        reads: ["KubeletConfiguration"],
        evaluate: kubeletCheck(KubeletSettings.anonymousAuth, pass: "every kubelet rejects anonymous requests") { s in
            s.bool == false ? nil : "kubelet serves anonymous requests on port 10250: with AlwaysAllow authorization anyone who reaches the node can list pods and exec into them"
        })

    // MARK: BW-S4-002

    /// Reads: `authentication.webhook.enabled` / `--authentication-token-webhook` (default true
    /// with a config file, false with flags only). Allows: true (bearer tokens checked by TokenReview).
    static let webhookAuthentication = Control(
        id: "BW-S4-002", section: .s4, severity: .high,
        title: "Kubelet authenticates bearer tokens through the API server",
        remediation: "Set authentication.webhook.enabled: true in the KubeletConfiguration (or --authentication-token-webhook=true).",
        reads: ["KubeletConfiguration"],
        evaluate: kubeletCheck(KubeletSettings.webhookAuthentication, pass: "every kubelet uses webhook token authentication") { s in
            s.bool == true ? nil : "kubelet does not check bearer tokens with the API server: service account and user tokens are not accepted, which pushes operators towards anonymous access"
        })

    // MARK: BW-S4-003

    /// Reads: `authentication.x509.clientCAFile` / `--client-ca-file`. Allows: set.
    static let clientCA = Control(
        id: "BW-S4-003", section: .s4, severity: .high,
        title: "Kubelet verifies client certificates against a CA",
        remediation: "Set authentication.x509.clientCAFile in the KubeletConfiguration to the cluster CA (kubeadm: /etc/kubernetes/pki/ca.crt).",
        references: ["cis": ["4.2.3"], "kubescape": ["C-0070"]],
        reads: ["KubeletConfiguration"],
        evaluate: kubeletCheck(KubeletSettings.clientCAFile, pass: "every kubelet has a client CA") { s in
            s.string?.isEmpty == false ? nil : "kubelet has no client CA: it cannot authenticate the API server's client certificate"
        })

    // MARK: BW-S4-004

    /// Reads: `authorization.mode` / `--authorization-mode` (default Webhook with a config file,
    /// AlwaysAllow with flags only). Allows: Webhook.
    static let authorizationMode = Control(
        id: "BW-S4-004", section: .s4, severity: .critical,
        title: "Kubelet authorizes requests through the API server (Webhook)",
        remediation: "Set authorization.mode: Webhook in the KubeletConfiguration (or --authorization-mode=Webhook).",
        references: ["cis": ["4.2.2"]],
        reads: ["KubeletConfiguration"],
        evaluate: kubeletCheck(KubeletSettings.authorizationMode, pass: "every kubelet uses Webhook authorization") { s in
            s.string == "Webhook" ? nil : "kubelet authorization is \(s.string ?? "unset"): every authenticated caller may exec into pods, read logs and call the node's debugging handlers"
        })

    // MARK: BW-S4-005

    /// Reads: `protectKernelDefaults` / `--protect-kernel-defaults` (default false). Allows: true.
    static let protectKernelDefaults = Control(
        id: "BW-S4-005", section: .s4, severity: .low,
        title: "Kubelet refuses to change kernel tunables it depends on",
        remediation: "Set protectKernelDefaults: true in the KubeletConfiguration after setting the sysctls it expects (vm.overcommit_memory=1, kernel.panic=10, kernel.panic_on_oops=1, vm.panic_on_oom=0).",
        reads: ["KubeletConfiguration"],
        evaluate: kubeletCheck(KubeletSettings.protectKernelDefaults, pass: "every kubelet protects kernel defaults") { s in
            s.bool == true ? nil : "kubelet may modify kernel parameters it disagrees with instead of failing, hiding node misconfiguration"
        })

    // MARK: BW-S4-006

    /// Reads: `rotateCertificates` / `--rotate-certificates` (documented default false; kube-bench
    /// passes unset). Allows: true.
    static let clientCertRotation = Control(
        id: "BW-S4-006", section: .s4, severity: .medium,
        title: "Kubelet rotates its client certificate",
        remediation: "Set rotateCertificates: true in the KubeletConfiguration (kubeadm does).",
        references: ["cis": ["4.2.10"]],
        reads: ["KubeletConfiguration"],
        evaluate: kubeletCheck(KubeletSettings.rotateCertificates, pass: "every kubelet rotates its client certificate") { s in
            s.bool == true ? nil : "kubelet does not rotate its client certificate: it keeps one long-lived credential and the node drops out of the cluster when it expires"
        })

    // MARK: BW-S4-007

    /// Reads: `serverTLSBootstrap` / `--rotate-server-certificates`, the kubelet's and
    /// kube-controller-manager's `RotateKubeletServerCertificate` feature gate. Allows: server
    /// certificate bootstrap on and the gate not disabled anywhere.
    static let serverCertRotation = Control(
        id: "BW-S4-007", section: .s4, severity: .medium,
        title: "Kubelet serving certificates are requested from the cluster and rotated",
        remediation: "Set serverTLSBootstrap: true in the KubeletConfiguration, approve kubelet-serving CSRs, and do not set RotateKubeletServerCertificate=false on the kubelet or kube-controller-manager.",
        references: ["cis": ["1.3.6", "4.2.11"]],
        reads: ["KubeletConfiguration"]
    ) { context in
        let kubelets = context.componentConfig.kubelets
        let managers = context.componentConfig.instances(.controllerManager)
        guard !kubelets.isEmpty || !managers.isEmpty else { return .notAssessed("no KubeletConfiguration or kube-controller-manager manifest in input") }
        var violations: [Violation] = []
        for k in kubelets {
            if let gate = k.featureGates.first(where: { $0.name == "RotateKubeletServerCertificate" }), !gate.enabled {
                violations.append(Violation(object: k.object, location: gate.location, value: "false", message: "kubelet disables RotateKubeletServerCertificate: its serving certificate is never renewed"))
                continue
            }
            let s = k.setting(KubeletSettings.serverTLSBootstrap)
            if s.bool != true {
                violations.append(k.violation(KubeletSettings.serverTLSBootstrap, setting: s, message: "kubelet does not request its serving certificate from the cluster, so it is static or self-signed and not rotated", severity: .low))
            }
        }
        for cm in managers {
            if let gate = cm.flags.map("feature-gates").first(where: { $0.key == "RotateKubeletServerCertificate" }), gate.boolValue == false {
                violations.append(cm.violation(flag: "feature-gates", value: "RotateKubeletServerCertificate=\(gate.value)", message: "\(cm.name) disables RotateKubeletServerCertificate: kubelet serving CSRs are not signed"))
            }
        }
        return .from(violations, pass: "kubelet serving certificates are bootstrapped and rotation is not disabled")
    }

    // MARK: BW-S4-008

    /// Reads: `streamingConnectionIdleTimeout` / `--streaming-connection-idle-timeout` (default
    /// 4h). Allows: non-zero (0 keeps idle exec/port-forward streams open forever). A zero in the
    /// config file is defaulted to 4h by the kubelet (v1beta1 defaulting), so only a zero flag fails;
    /// kube-bench fails kubeadm's `0s` here.
    static let streamingIdleTimeout = Control(
        id: "BW-S4-008", section: .s4, severity: .low,
        title: "Kubelet closes idle streaming connections",
        remediation: "Set streamingConnectionIdleTimeout to a non-zero duration such as 5m in the KubeletConfiguration.",
        references: ["cis": ["4.2.5"]],
        reads: ["KubeletConfiguration"],
        evaluate: kubeletCheck(KubeletSettings.streamingConnectionIdleTimeout, pass: "every kubelet times out idle streams") { s in
            guard let text = s.string, isZeroDuration(text) else { return nil }
            // In a config file the field is a plain duration and the kubelet defaults a zero value
            // to 4h (kubeadm writes `0s` for it); only the flag can really set 0.
            if case .file = s.source { return nil }
            return "kubelet never closes idle exec, attach and port-forward streams (timeout \(text))"
        })

    /// A Go duration is zero when every number in it is zero (`0`, `0s`, `0h0m0s`).
    static func isZeroDuration(_ text: String) -> Bool {
        let digits = text.filter { $0.isNumber }
        return !digits.isEmpty && digits.allSatisfy { $0 == "0" }
    }

    // MARK: BW-S4-009

    /// Reads: `makeIPTablesUtilChains` / `--make-iptables-util-chains` (default true). Allows: true.
    static let iptablesUtilChains = Control(
        id: "BW-S4-009", section: .s4, severity: .low,
        title: "Kubelet manages its iptables utility chains",
        remediation: "Remove makeIPTablesUtilChains: false from the KubeletConfiguration.",
        references: ["cis": ["4.2.6"]],
        reads: ["KubeletConfiguration"],
        evaluate: kubeletCheck(KubeletSettings.makeIPTablesUtilChains, pass: "every kubelet manages its iptables chains") { s in
            s.bool == false ? "kubelet does not maintain its iptables utility chains, so the node's firewall rules can drift from what pods' networking expects" : nil
        })

    // MARK: BW-S4-010

    /// Reads: kube-apiserver `--kubelet-client-certificate`, `--kubelet-client-key`. Allows: both set.
    static let apiServerKubeletClientCert = Control(
        id: "BW-S4-010", section: .s4, severity: .high,
        title: "kube-apiserver authenticates to kubelets with a client certificate",
        remediation: "Set --kubelet-client-certificate and --kubelet-client-key on kube-apiserver (kubeadm: /etc/kubernetes/pki/apiserver-kubelet-client.crt and .key).",
        references: ["cis": ["1.2.4"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver has a kubelet client certificate") { api in
            ["kubelet-client-certificate", "kubelet-client-key"].compactMap { flag in
                api.flags.value(flag) != nil ? nil
                    : api.violation(flag: flag, value: ComponentInstance.unset, message: "\(api.name): --\(flag) is not set, so the API server calls kubelets without a client certificate and kubelets can only allow it anonymously")
            }
        }
    }

    // MARK: BW-S4-011

    /// Reads: kube-apiserver `--kubelet-certificate-authority`. Allows: set.
    static let apiServerKubeletCA = Control(
        id: "BW-S4-011", section: .s4, severity: .medium,
        title: "kube-apiserver verifies kubelets' serving certificates",
        remediation: "Set --kubelet-certificate-authority on kube-apiserver to the CA that signs kubelet serving certificates (enable serverTLSBootstrap so kubelets have such certificates).",
        references: ["cis": ["1.2.5"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver verifies kubelet certificates") { api in
            api.flags.value("kubelet-certificate-authority") != nil ? []
                : [api.violation(flag: "kubelet-certificate-authority", value: ComponentInstance.unset, message: "\(api.name) does not verify kubelets' certificates: whoever intercepts node traffic sees exec sessions, logs and port-forwards")]
        }
    }
}
