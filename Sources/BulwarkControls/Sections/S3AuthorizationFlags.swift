import BulwarkModel
import BulwarkComponentConfig

/// S3 API authorization, the flag part: the authorizer chain (`--authorization-mode`, or the
/// AuthorizationConfiguration named by `--authorization-config` on 1.30+) and the admission
/// plugins that guard it. The RBAC analysis is in the BW-S3-1NN controls.
public enum S3AuthorizationFlags {
    public static let controls: [Control] = [notAlwaysAllow, nodeAuthorizer, rbacAuthorizer, abacAuthorizer, nodeRestriction, alwaysAdmit]

    /// The authorizer chain and where it was read.
    struct Chain {
        var modes: [String]
        /// Violations point here: the flag, or the AuthorizationConfiguration.
        var violation: (String, String) -> Violation
        var description: String
    }

    /// `--authorization-config` (when the document is in the input) wins; it cannot be combined
    /// with `--authorization-mode`. Unset, the API server's default is AlwaysAllow.
    static func chain(_ api: ComponentInstance, _ context: ScanContext) -> Chain? {
        if let path = api.flags.value("authorization-config") {
            guard let found = context.componentConfig.document(named: path, in: context.componentConfig.authorizationConfigurations) else { return nil }
            let config = AuthorizationConfiguration(found.object)
            return Chain(modes: config.authorizerTypes, violation: { value, message in
                Violation(object: found.object, path: "authorizers", value: value, message: "\(message) (AuthorizationConfiguration used by \(api.name) --authorization-config; \(found.how))")
            }, description: "authorizers")
        }
        let modes = api.flags.isSet("authorization-mode") ? api.flags.list("authorization-mode") : ["AlwaysAllow"]
        return Chain(modes: modes, violation: { value, message in
            api.violation(flag: "authorization-mode", value: value, message: message)
        }, description: "--authorization-mode")
    }

    static func evaluate(_ context: ScanContext, pass: String, _ check: @escaping (ComponentInstance, Chain) -> [Violation]) -> ControlOutcome {
        let apis = context.componentConfig.instances(.apiServer)
        guard !apis.isEmpty else { return .notAssessed(ComponentControls.absent(.apiServer)) }
        var violations: [Violation] = []
        var missing: [String] = []
        for api in apis {
            guard let chain = chain(api, context) else { missing.append(api.flags.value("authorization-config") ?? ""); continue }
            violations += check(api, chain)
        }
        if violations.isEmpty && missing.count == apis.count {
            return .notAssessed("kube-apiserver uses --authorization-config \(missing.joinedForMessage), which is not in input")
        }
        return .from(violations, pass: pass)
    }

    static func shown(_ chain: Chain, _ api: ComponentInstance) -> String {
        chain.description == "--authorization-mode" && !api.flags.isSet("authorization-mode") ? "(unset: AlwaysAllow)" : chain.modes.joined(separator: ",")
    }

    // MARK: BW-S3-001

    /// Reads: the authorizer chain. Allows: no AlwaysAllow. Unset `--authorization-mode` is
    /// AlwaysAllow: every authenticated (and, with anonymous auth, unauthenticated) request is allowed.
    static let notAlwaysAllow = Control(
        id: "BW-S3-001", section: .s3, severity: .critical,
        title: "kube-apiserver does not authorize every request (AlwaysAllow)",
        remediation: "Set --authorization-mode=Node,RBAC on kube-apiserver (or Node and RBAC authorizers in the AuthorizationConfiguration).",
        references: ["cis": ["1.2.6"], "kubescape": ["C-0088"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        evaluate(context, pass: "kube-apiserver does not use AlwaysAllow") { api, chain in
            chain.modes.contains("AlwaysAllow")
                ? [chain.violation(shown(chain, api), "\(api.name): the AlwaysAllow authorizer allows every request; any credential (or none, with anonymous auth) is cluster-admin")]
                : []
        }
    }

    // MARK: BW-S3-002

    /// Reads: the authorizer chain. Allows: `Node` present (limits kubelets to their own node's objects).
    static let nodeAuthorizer = Control(
        id: "BW-S3-002", section: .s3, severity: .high,
        title: "kube-apiserver uses the Node authorizer",
        remediation: "Add Node to --authorization-mode (Node,RBAC), together with the NodeRestriction admission plugin.",
        references: ["cis": ["1.2.7"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        evaluate(context, pass: "kube-apiserver uses the Node authorizer") { api, chain in
            chain.modes.contains("Node") ? []
                : [chain.violation(shown(chain, api), "\(api.name): without the Node authorizer kubelets are authorized by RBAC alone and can usually read every Secret and modify any node")]
        }
    }

    // MARK: BW-S3-003

    /// Reads: the authorizer chain. Allows: `RBAC` present.
    static let rbacAuthorizer = Control(
        id: "BW-S3-003", section: .s3, severity: .high,
        title: "kube-apiserver uses the RBAC authorizer",
        remediation: "Add RBAC to --authorization-mode (Node,RBAC).",
        references: ["cis": ["1.2.8"], "kubescape": ["C-0088"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        evaluate(context, pass: "kube-apiserver uses RBAC") { api, chain in
            chain.modes.contains("RBAC") ? []
                : [chain.violation(shown(chain, api), "\(api.name): RBAC is not in the authorizer chain, so Roles and RoleBindings have no effect")]
        }
    }

    // MARK: BW-S3-004

    /// Reads: the authorizer chain. Allows: no ABAC (a static policy file changed only by restart).
    static let abacAuthorizer = Control(
        id: "BW-S3-004", section: .s3, severity: .low,
        title: "kube-apiserver does not use the ABAC authorizer",
        remediation: "Move the ABAC policy to RBAC Roles and bindings and remove ABAC from --authorization-mode (and --authorization-policy-file).",
        reads: ObjectKinds.controlPlanePods
    ) { context in
        evaluate(context, pass: "kube-apiserver does not use ABAC") { api, chain in
            chain.modes.contains("ABAC")
                ? [chain.violation(shown(chain, api), "\(api.name): ABAC policy lives in a file on the control-plane nodes, is hard to review and changes only with a restart")]
                : []
        }
    }

    // MARK: BW-S3-005

    /// Reads: kube-apiserver `--enable-admission-plugins`, `--disable-admission-plugins`.
    /// Allows: NodeRestriction enabled and not disabled (it is not on by default).
    static let nodeRestriction = Control(
        id: "BW-S3-005", section: .s3, severity: .high,
        title: "NodeRestriction admission plugin is enabled",
        remediation: "Add NodeRestriction to --enable-admission-plugins on kube-apiserver.",
        references: ["cis": ["1.2.14"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver enables NodeRestriction") { api in
            let enabled = api.flags.list("enable-admission-plugins")
            if api.flags.list("disable-admission-plugins").contains("NodeRestriction") {
                return [api.violation(flag: "disable-admission-plugins", value: api.shown("disable-admission-plugins"), message: "\(api.name) disables NodeRestriction: a kubelet can modify other nodes and pods bound to other nodes")]
            }
            return enabled.contains("NodeRestriction") ? []
                : [api.violation(flag: "enable-admission-plugins", value: enabled.isEmpty ? ComponentInstance.unset : enabled.joined(separator: ","), message: "\(api.name): NodeRestriction is not enabled, so a kubelet's credentials can modify other nodes and their pods, and set any node label")]
        }
    }

    // MARK: BW-S3-006

    /// Reads: `--enable-admission-plugins` (and the removed `--admission-control`). Allows: no AlwaysAdmit.
    static let alwaysAdmit = Control(
        id: "BW-S3-006", section: .s3, severity: .critical,
        title: "AlwaysAdmit admission plugin is not enabled",
        remediation: "Remove AlwaysAdmit from --enable-admission-plugins.",
        references: ["cis": ["1.2.10"]],
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver does not enable AlwaysAdmit") { api in
            ["enable-admission-plugins", "admission-control"].compactMap { flag in
                api.flags.list(flag).contains("AlwaysAdmit")
                    ? api.violation(flag: flag, value: api.shown(flag), message: "\(api.name) enables AlwaysAdmit, which admits every request and bypasses admission control")
                    : nil
            }
        }
    }
}
