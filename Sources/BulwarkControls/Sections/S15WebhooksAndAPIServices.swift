import BulwarkModel

/// S15 Third-party integrations, the admission side: what admission webhooks see and what happens
/// when they fail, and aggregated APIs the API server talks to without checking their certificate.
/// (Who the third-party subjects are and what RBAC grants them is the RBAC part of S15.)
public enum S15WebhooksAndAPIServices {
    public static let controls: [Control] = [externalWebhooks, ignoredValidatingWebhooks, catchAllWebhooks,
                                             webhooksOverSystemNamespaces, insecureAPIServices]

    static let webhookKinds = ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]

    /// One webhook of a configuration, with its path inside the object.
    struct Webhook {
        var configuration: KubeObject
        var value: Value
        var path: FieldPath
        var name: String { value["name"]?.string ?? "" }
        var isValidating: Bool { configuration.kind == "ValidatingWebhookConfiguration" }

        /// `failurePolicy` as the API server defaults it: Fail in v1, Ignore in v1beta1.
        var failurePolicy: String {
            value["failurePolicy"]?.string ?? (configuration.apiVersion.hasSuffix("/v1beta1") ? "Ignore" : "Fail")
        }

        var rules: [Value] { value["rules"]?.array ?? [] }

        /// Whether a rule matches a core-group resource (`pods`, `secrets`): its apiGroups hold ""
        /// or `*`, and its resources name it, `*` or `*/*`.
        func coversCoreResource(_ resource: String) -> Bool {
            rules.contains { rule in
                let groups = (rule["apiGroups"]?.array ?? []).compactMap(\.string)
                let resources = (rule["resources"]?.array ?? []).compactMap(\.string)
                return (groups.contains("") || groups.contains("*"))
                    && resources.contains { $0 == "*" || $0 == "*/*" || $0 == resource }
            }
        }

        var interceptsEverything: Bool {
            rules.contains { rule in
                let resources = (rule["resources"]?.array ?? []).compactMap(\.string)
                let operations = (rule["operations"]?.array ?? []).compactMap(\.string)
                let groups = (rule["apiGroups"]?.array ?? []).compactMap(\.string)
                return resources.contains { $0 == "*" || $0 == "*/*" } && operations.contains("*") && groups.contains("*")
            }
        }
    }

    static func webhooks(_ context: ScanContext) -> [Webhook] {
        webhookKinds.flatMap(context.inventory.objects(ofKind:)).flatMap { configuration in
            (configuration.value["webhooks"]?.array ?? []).enumerated().map { i, hook in
                Webhook(configuration: configuration, value: hook, path: FieldPath("webhooks").appending(index: i))
            }
        }
    }

    static func noWebhooks(_ context: ScanContext) -> ControlOutcome? {
        webhooks(context).isEmpty ? .notAssessed("no admission webhook configurations in input") : nil
    }

    // MARK: BW-S15-001

    /// Reads: `webhooks[*].clientConfig.url` and `.rules` of Validating/MutatingWebhookConfigurations.
    /// Allows: webhooks addressed as an in-cluster `clientConfig.service`. A `url` sends every
    /// matching admission request — the whole object, Secret data included when the rules cover
    /// Secrets — to an endpoint outside the cluster's control; high when Secrets or `*` are covered.
    static let externalWebhooks = Control(
        id: "BW-S15-001", section: .s15, severity: .medium,
        title: "Admission webhooks that send requests to a URL outside the cluster",
        remediation: "Run the webhook in the cluster and address it with clientConfig.service; if it must be external, narrow its rules to the resources it needs (never Secrets) and make sure its TLS certificate is pinned with caBundle.",
        reads: ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]
    ) { context in
        if let none = noWebhooks(context) { return none }
        var violations: [Violation] = []
        for hook in webhooks(context) {
            guard let url = hook.value["clientConfig"]?["url"]?.string else { continue }
            let seesSecrets = hook.coversCoreResource("secrets")
            violations.append(Violation(
                object: hook.configuration, path: hook.path.appending("clientConfig").appending("url"), value: url,
                message: "webhook \"\(hook.name)\" sends admission requests to \(url)\(seesSecrets ? ", and its rules cover Secrets: their values leave the cluster with every request" : ", outside the cluster's control")",
                severity: seesSecrets ? .high : nil))
        }
        return .from(violations, pass: "every admission webhook is an in-cluster service")
    }

    // MARK: BW-S15-002

    /// Reads: `webhooks[*].failurePolicy` of ValidatingWebhookConfigurations (defaulted: Fail in
    /// admissionregistration.k8s.io/v1, Ignore in v1beta1).
    /// Allows: Fail. A validating webhook enforces policy; with Ignore, a webhook that is down,
    /// slow or unreachable silently admits everything it exists to reject.
    static let ignoredValidatingWebhooks = Control(
        id: "BW-S15-002", section: .s15, severity: .medium,
        title: "Validating webhooks that admit everything when they fail (failurePolicy: Ignore)",
        remediation: "Set failurePolicy: Fail on policy-enforcing validating webhooks, run them with several replicas and a PodDisruptionBudget, and exclude kube-system with a namespaceSelector so an outage cannot block the control plane.",
        reads: ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]
    ) { context in
        let validating = webhooks(context).filter(\.isValidating)
        guard !validating.isEmpty else { return .notAssessed("no validating webhook configurations in input") }
        var violations: [Violation] = []
        for hook in validating where hook.failurePolicy == "Ignore" {
            let written = hook.value["failurePolicy"] != nil
            violations.append(Violation(
                object: hook.configuration, path: hook.path.appending("failurePolicy"),
                value: written ? "Ignore" : "unset (Ignore in \(hook.configuration.apiVersion))",
                message: "validating webhook \"\(hook.name)\" fails open: whenever it is unreachable or times out, the API server admits the request it would have checked"))
        }
        return .from(violations, pass: "every validating webhook fails closed (failurePolicy: Fail)")
    }

    // MARK: BW-S15-003

    /// Reads: `webhooks[*].rules[*]` (`apiGroups`, `resources`, `operations`).
    /// Allows: rules naming the groups, resources and operations the webhook needs. A rule of `*`
    /// groups, `*` resources and `*` operations hands every write in the cluster to the webhook.
    static let catchAllWebhooks = Control(
        id: "BW-S15-003", section: .s15, severity: .low,
        title: "Admission webhooks whose rules match every resource and operation",
        remediation: "List the API groups, resources and operations the webhook needs instead of *; every request it intercepts is latency, an outage risk and data it receives.",
        reads: ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]
    ) { context in
        if let none = noWebhooks(context) { return none }
        var violations: [Violation] = []
        for hook in webhooks(context) where hook.interceptsEverything {
            violations.append(Violation(
                object: hook.configuration, path: hook.path.appending("rules"), value: "*",
                message: "webhook \"\(hook.name)\" intercepts every operation on every resource of every API group"))
        }
        return .from(violations, pass: "no admission webhook matches everything")
    }

    // MARK: BW-S15-004

    /// Reads: `webhooks[*].namespaceSelector`, `.failurePolicy`, `.rules[*].resources`; the
    /// kube-system Namespace's labels when the input holds it (else only its automatic
    /// `kubernetes.io/metadata.name` label).
    /// Allows: fail-closed webhooks over pods (or `*`) whose namespaceSelector leaves kube-system
    /// out. Otherwise an outage of the webhook blocks the control plane's own pods (CNI, DNS,
    /// kube-proxy) from being created, which is how a webhook outage becomes a cluster outage.
    static let webhooksOverSystemNamespaces = Control(
        id: "BW-S15-004", section: .s15, severity: .medium,
        title: "Fail-closed webhooks over pods with no namespace selector sparing kube-system",
        remediation: "Add namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system]}]} (and other system namespaces) to the webhook.",
        reads: ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "Namespace"]
    ) { context in
        if let none = noWebhooks(context) { return none }
        var kubeSystemLabels = context.namespacesByName["kube-system"]?.labels ?? [:]
        kubeSystemLabels["kubernetes.io/metadata.name"] = "kube-system"
        var violations: [Violation] = []
        for hook in webhooks(context) where hook.failurePolicy == "Fail" {
            guard hook.coversCoreResource("pods") else { continue }
            let selectorValue = hook.value["namespaceSelector"] ?? .null
            guard LabelSelector(decoding: selectorValue).matches(kubeSystemLabels) else { continue }
            violations.append(Violation(
                object: hook.configuration, path: hook.path.appending("namespaceSelector"),
                value: selectorValue.isNull ? "unset" : selectorValue.summary(),
                message: "webhook \"\(hook.name)\" fails closed over pods and its namespace selector matches kube-system: while it is down, no system pod (CNI, DNS, kube-proxy) can be created"))
        }
        return .from(violations, pass: "no fail-closed webhook over pods reaches kube-system")
    }

    // MARK: BW-S15-005

    /// Reads: APIService `spec.insecureSkipTLSVerify`, `spec.service`, `spec.caBundle`.
    /// Allows: unset or false. With true, the API server proxies requests (with the user's
    /// identity) to the aggregated API without verifying who answers.
    static let insecureAPIServices = Control(
        id: "BW-S15-005", section: .s15, severity: .high,
        title: "Aggregated APIs (APIService) served without TLS verification",
        remediation: "Set spec.caBundle to the CA of the extension API server's certificate and remove insecureSkipTLSVerify.",
        reads: ["APIService"]
    ) { context in
        let services = context.inventory.objects(ofKind: "APIService")
        guard !services.isEmpty else { return .notAssessed("no APIService objects in input") }
        var violations: [Violation] = []
        for service in services where service.value["spec"]?["insecureSkipTLSVerify"]?.bool == true {
            let backend = service.value["spec"]?["service"].map { "\($0["namespace"]?.string ?? "")/\($0["name"]?.string ?? "")" } ?? "a local backend"
            violations.append(Violation(
                object: service, path: "spec.insecureSkipTLSVerify", value: "true",
                message: "APIService \(service.name) is reached at \(backend) without verifying its certificate: anyone who can answer for that service receives requests proxied with users' identities"))
        }
        return .from(violations, pass: "every APIService verifies its backend's certificate")
    }
}
