import BulwarkModel
import BulwarkComponentConfig

/// S2 API authentication: kube-apiserver and kube-controller-manager flags, the structured
/// AuthenticationConfiguration (1.30+), and the credentials in kubeconfigs.
public enum S2Authentication {
    public static let controls: [Control] = [
        anonymousAuth, staticTokenFile, basicAuthFile, clientCA, externalAuthentication, serviceAccountKeys,
        serviceAccountLookup, controllerCredentials, controllerSigningKey, controllerRootCA, kubeconfigCredentials,
    ]

    // MARK: BW-S2-001

    /// Reads: kube-apiserver `--anonymous-auth` (unset means true); with `--authentication-config`,
    /// the AuthenticationConfiguration's `anonymous` block instead (the two are exclusive).
    /// Allows: false; or anonymous limited to health endpoints (`/livez`, `/readyz`, `/healthz`).
    /// Medium: what anonymous requests can then do depends on RBAC (see BW-S3-1NN).
    static let anonymousAuth = Control(
        id: "BW-S2-001", section: .s2, severity: .medium,
        title: "kube-apiserver rejects anonymous requests",
        remediation: "Set --anonymous-auth=false, or on 1.31+ with --authentication-config limit anonymous access to health checks: anonymous: {enabled: true, conditions: [{path: /livez}, {path: /readyz}, {path: /healthz}]}.",
        references: ["cis": ["1.2.1"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver rejects anonymous requests or limits them to health checks") { api in
            if let path = api.flags.value("authentication-config"),
               let found = context.componentConfig.document(named: path, in: context.componentConfig.authenticationConfigurations) {
                let config = AuthenticationConfiguration(found.object)
                if let enabled = config.anonymousEnabled {
                    guard enabled else { return [] }
                    let extra = config.anonymousPaths.filter { !AuthenticationConfiguration.healthPaths.contains($0) }
                    if !config.anonymousPaths.isEmpty && extra.isEmpty { return [] }
                    return [Violation(object: found.object, path: "anonymous.enabled", value: "true",
                                      message: "AuthenticationConfiguration used by \(api.name) --authentication-config (\(found.how)) enables anonymous requests \(config.anonymousPaths.isEmpty ? "on every path" : "on \(extra.joinedForMessage)")")]
                }
            }
            switch api.flags.bool("anonymous-auth") {
            case false?: return []
            case true?:
                let stray = api.flags.positional.isEmpty ? "" : " (a bare boolean flag takes no separate value: \"\(api.flags.positional.map(\.text).joined(separator: " "))\" is a stray argument)"
                return [api.violation(flag: "anonymous-auth", value: api.shown("anonymous-auth"), message: "\(api.name): anonymous requests are accepted as system:anonymous\(stray)")]
            case nil:
                return [api.violation(flag: "anonymous-auth", value: api.shown("anonymous-auth"), message: "\(api.name): --anonymous-auth is \(api.flags.isSet("anonymous-auth") ? "unreadable" : "unset"), and the default is true: requests without credentials are served as system:anonymous")]
            }
        }
    }

    // MARK: BW-S2-002

    /// Reads: kube-apiserver `--token-auth-file`. Allows: unset. Static tokens never expire and
    /// change only with an API server restart.
    static let staticTokenFile = Control(
        id: "BW-S2-002", section: .s2, severity: .high,
        title: "kube-apiserver uses no static token file",
        remediation: "Remove --token-auth-file; authenticate users with client certificates, OIDC or a webhook, and workloads with bound service account tokens.",
        references: ["cis": ["1.2.2"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "no kube-apiserver has --token-auth-file") { api in
            guard let file = api.flags.value("token-auth-file") else { return [] }
            return [api.violation(flag: "token-auth-file", value: file, message: "\(api.name) accepts the static bearer tokens in \(file): they never expire and cannot be revoked without editing the file and restarting the API server")]
        }
    }

    // MARK: BW-S2-003

    /// Reads: kube-apiserver `--basic-auth-file`. Allows: unset. Removed in Kubernetes 1.19: from
    /// then its presence stops the API server from starting (low).
    static let basicAuthFile = Control(
        id: "BW-S2-003", section: .s2, severity: .critical,
        title: "kube-apiserver uses no basic-auth password file",
        remediation: "Remove --basic-auth-file (removed in Kubernetes 1.19) and authenticate users with client certificates, OIDC or a webhook.",
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "no kube-apiserver has --basic-auth-file") { api in
            guard let file = api.flags.value("basic-auth-file") else { return [] }
            let version = context.version(of: api)
            if version >= KubeVersion(1, 19) {
                return [api.violation(flag: "basic-auth-file", value: file, message: "\(api.name) \(version): --basic-auth-file was removed in Kubernetes 1.19; the API server refuses to start with it", severity: .low)]
            }
            return [api.violation(flag: "basic-auth-file", value: file, message: "\(api.name) accepts HTTP basic-auth passwords from \(file): long-lived passwords sent with every request")]
        }
    }

    // MARK: BW-S2-004

    /// Reads: kube-apiserver `--client-ca-file`. Allows: set.
    static let clientCA = Control(
        id: "BW-S2-004", section: .s2, severity: .high,
        title: "kube-apiserver verifies client certificates against a CA",
        remediation: "Set --client-ca-file on kube-apiserver to the cluster CA (kubeadm: /etc/kubernetes/pki/ca.crt).",
        references: ["cis": ["1.2.25"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver has --client-ca-file") { api in
            api.requireSet("client-ca-file", "--client-ca-file is not set, so client-certificate authentication is off and components cannot authenticate with certificates")
        }
    }

    // MARK: BW-S2-005

    /// Reads: kube-apiserver `--oidc-issuer-url`, `--authentication-token-webhook-config-file`, and
    /// `jwt` issuers of the AuthenticationConfiguration. Allows: any of them. Info: certificates
    /// alone cannot be revoked, which matters for human users of large clusters.
    static let externalAuthentication = Control(
        id: "BW-S2-005", section: .s2, severity: .info,
        title: "Users authenticate through OIDC or a webhook",
        remediation: "For clusters with many users, configure OIDC (--oidc-issuer-url, or jwt issuers in an AuthenticationConfiguration) or webhook token authentication instead of handing out client certificates.",
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver has OIDC or webhook authentication") { api in
            if api.flags.value("oidc-issuer-url") != nil || api.flags.value("authentication-token-webhook-config-file") != nil { return [] }
            if let path = api.flags.value("authentication-config"),
               let found = context.componentConfig.document(named: path, in: context.componentConfig.authenticationConfigurations),
               !AuthenticationConfiguration(found.object).jwtIssuers.isEmpty { return [] }
            return [api.violation(flag: "oidc-issuer-url", value: ComponentInstance.unset, message: "\(api.name) has neither OIDC nor webhook token authentication: users authenticate with client certificates or tokens, which cannot be revoked individually")]
        }
    }

    // MARK: BW-S2-006

    /// Reads: kube-apiserver `--service-account-key-file`, `--service-account-signing-key-file`,
    /// `--service-account-issuer`. Allows: all set (the last two are required since 1.20).
    static let serviceAccountKeys = Control(
        id: "BW-S2-006", section: .s2, severity: .high,
        title: "kube-apiserver has service account signing and verification keys and an issuer",
        remediation: "Set --service-account-key-file, --service-account-signing-key-file and --service-account-issuer on kube-apiserver (kubeadm: /etc/kubernetes/pki/sa.pub, sa.key, https://kubernetes.default.svc.cluster.local).",
        references: ["cis": ["1.2.22"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver has service account keys and an issuer") { api in
            ["service-account-key-file", "service-account-signing-key-file", "service-account-issuer"].compactMap { flag in
                api.flags.value(flag) != nil ? nil
                    : api.violation(flag: flag, value: ComponentInstance.unset, message: "\(api.name): --\(flag) is not set; service account tokens cannot be \(flag == "service-account-key-file" ? "verified against a dedicated key" : "issued as bound, audience- and time-limited tokens")")
            }
        }
    }

    // MARK: BW-S2-007

    /// Reads: kube-apiserver `--service-account-lookup` (default true). Allows: unset or true.
    static let serviceAccountLookup = Control(
        id: "BW-S2-007", section: .s2, severity: .medium,
        title: "kube-apiserver checks that service account tokens still exist",
        remediation: "Remove --service-account-lookup=false (the default, true, rejects tokens of deleted service accounts and Secrets).",
        references: ["cis": ["1.2.21"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver looks up service account tokens") { api in
            api.flags.bool("service-account-lookup") == false
                ? [api.violation(flag: "service-account-lookup", value: api.shown("service-account-lookup"), message: "\(api.name) accepts tokens of deleted service accounts until they expire")]
                : []
        }
    }

    // MARK: BW-S2-008

    /// Reads: kube-controller-manager `--use-service-account-credentials` (default false).
    /// Allows: true: each controller then runs with its own, narrow service account.
    static let controllerCredentials = Control(
        id: "BW-S2-008", section: .s2, severity: .medium,
        title: "kube-controller-manager runs each controller with its own service account",
        remediation: "Set --use-service-account-credentials=true on kube-controller-manager.",
        references: ["cis": ["1.3.3"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.controllerManager, pass: "kube-controller-manager uses per-controller credentials") { cm in
            cm.flags.bool("use-service-account-credentials") == true ? []
                : [cm.violation(flag: "use-service-account-credentials", value: cm.shown("use-service-account-credentials"), message: "\(cm.name): every controller acts with the controller manager's own, broad credentials")]
        }
    }

    // MARK: BW-S2-009

    /// Reads: kube-controller-manager `--service-account-private-key-file`. Allows: set.
    static let controllerSigningKey = Control(
        id: "BW-S2-009", section: .s2, severity: .medium,
        title: "kube-controller-manager has a service account signing key",
        remediation: "Set --service-account-private-key-file on kube-controller-manager (kubeadm: /etc/kubernetes/pki/sa.key).",
        references: ["cis": ["1.3.4"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.controllerManager, pass: "kube-controller-manager has --service-account-private-key-file") { cm in
            cm.requireSet("service-account-private-key-file", "--service-account-private-key-file is not set, so it cannot sign service account tokens with a key the API server verifies")
        }
    }

    // MARK: BW-S2-010

    /// Reads: kube-controller-manager `--root-ca-file`. Allows: set (pods then verify the API
    /// server through the CA in their service account volume).
    static let controllerRootCA = Control(
        id: "BW-S2-010", section: .s2, severity: .medium,
        title: "kube-controller-manager publishes the cluster CA to pods",
        remediation: "Set --root-ca-file on kube-controller-manager (kubeadm: /etc/kubernetes/pki/ca.crt).",
        references: ["cis": ["1.3.5"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.controllerManager, pass: "kube-controller-manager has --root-ca-file") { cm in
            cm.requireSet("root-ca-file", "--root-ca-file is not set, so pods get no CA to verify the API server and may skip verification")
        }
    }

    // MARK: BW-S2-011

    /// Reads: kubeconfig documents: each context's user and its credentials (presence only).
    /// Allows: every user a context names exists and holds a client certificate and key, a
    /// token, or an exec/auth-provider plugin. Basic auth (username/password) counts as a
    /// credential but is reported by its own message at low severity.
    static let kubeconfigCredentials = Control(
        id: "BW-S2-011", section: .s2, severity: .medium,
        title: "Kubeconfigs give every client a credential",
        remediation: "Give each kubeconfig user a client certificate and key (client-certificate-data/client-key-data), a token, or an exec credential plugin; fix contexts that name missing users.",
        reads: []
    ) { context in
        let configs = context.componentConfig.kubeconfigs
        guard !configs.isEmpty else { return .notAssessed("no kubeconfig (kind: Config) in input") }
        var violations: [Violation] = []
        for object in configs {
            let kubeconfig = Kubeconfig(object)
            for ctx in kubeconfig.contexts {
                guard let user = kubeconfig.users.first(where: { $0.name == ctx.user }) else {
                    violations.append(Violation(object: object, path: ctx.path.appending("user"), value: ctx.user,
                                                message: "context \"\(ctx.name)\" names user \"\(ctx.user)\", which the kubeconfig does not define: the client connects without credentials (anonymous)"))
                    continue
                }
                if !user.hasCredentials {
                    violations.append(Violation(object: object, path: user.path, value: "(no credentials)",
                                                message: "user \"\(user.name)\" has no client certificate and key, token or exec plugin: the client connects anonymously"))
                } else if user.hasBasicAuth && !user.hasClientCertificate && !user.hasToken && !user.hasExecOrAuthProvider {
                    violations.append(Violation(object: object, path: user.path.appending("password"), value: "(set)",
                                                message: "user \"\(user.name)\" authenticates with a username and password (basic auth, removed from kube-apiserver in 1.19)", severity: .low))
                }
            }
        }
        return .from(violations, pass: "every kubeconfig context's user holds a credential (\(configs.count) kubeconfigs)")
    }
}
