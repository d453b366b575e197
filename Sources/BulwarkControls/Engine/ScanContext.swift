import BulwarkModel
import BulwarkPodSecurity
import BulwarkRBAC
import BulwarkComponentConfig
import BulwarkNetworkPolicy

/// What every control reads: the inventory, the settings, and indexes built once per scan.
public struct ScanContext: Sendable {
    public let inventory: Inventory
    public let settings: ScanSettings
    /// Objects that run pods, with their pod template, found once.
    public let workloads: [(object: KubeObject, pod: PodTemplate)]
    /// The same, each pod template judged once: an object whose owner (ownerReferences, same
    /// namespace) is itself a workload in the input is left out, since the owner's template holds
    /// the same spec (Pod → ReplicaSet → Deployment, Job → CronJob). Pods with ephemeral
    /// containers stay: those containers exist only on the Pod.
    let workloadList: [Workload]
    /// Pod Security Standards verdicts for `workloadList`, same order, at the scan's version, at
    /// both levels (namespace controls tell which level every workload of a namespace passes).
    let podSecurity: [PodSecurityVerdicts]
    /// The strictest level every workload of a namespace passes, per namespace, built once:
    /// asking per namespace over all workloads was quadratic (2k namespaces × 60k workloads).
    let strictestLevelByNamespace: [String: (level: PSSLevel, workloads: Int)]
    /// RBAC roles, bindings and service accounts, normalised and indexed once (S3, S15).
    public let rbac: RBACIndex
    /// Component flags, kubelet settings and configuration documents (S1–S4, S11–S13, S16).
    /// Settable so inputs that are not objects (a k3s config.yaml) can be indexed too.
    public var componentConfig: ComponentConfigIndex
    /// NetworkPolicy analysis and reachability, computed once (S8, S9).
    let networkPolicy: NetworkPolicyIndex
    /// Every certificate in the input, parsed once (S14, S11).
    let certificateSites: [CertificateSite]
    /// Every RBAC grant (binding × subject × rule), expanded once for the RBAC controls.
    let rbacGrants: [Grant]
    /// Namespace objects by name (namespace controls name the Namespace of each finding).
    let namespacesByName: [String: KubeObject]

    struct PodSecurityVerdicts: Sendable {
        var baseline: PSSEvaluation
        var restricted: PSSEvaluation
    }

    public init(inventory: Inventory, settings: ScanSettings = ScanSettings()) {
        self.inventory = inventory
        self.componentConfig = ComponentConfigIndex(inventory: inventory)
        self.settings = settings
        let workloads = inventory.workloads
        self.workloads = workloads
        let rbac = RBACIndex(inventory: inventory)
        self.rbac = rbac
        self.rbacGrants = Self.grants(of: rbac)
        let list = Inventory.topLevel(workloads, keepingPodsWithEphemeralContainers: true).map { Workload(object: $0.object, pod: $0.pod) }
        self.networkPolicy = NetworkPolicyIndex(inventory: inventory)
        self.certificateSites = CertificateSites.all(in: inventory)
        self.namespacesByName = Dictionary(inventory.objects(ofKind: "Namespace").map { ($0.name, $0) },
                                           uniquingKeysWith: { first, _ in first })
        self.workloadList = list
        let pssVersion = settings.pssVersion
        // The most expensive fact of a scan (every workload judged twice), spread over the cores.
        self.podSecurity = ParallelMap.map(list, runsPerCore: 4) { w in
            PodSecurityVerdicts(
                baseline: PodSecurity.evaluate(w.pod, level: .baseline, version: pssVersion),
                restricted: PodSecurity.evaluate(w.pod, level: .restricted, version: pssVersion))
        }
        var levels: [String: (level: PSSLevel, workloads: Int)] = [:]
        for (w, verdicts) in zip(list, podSecurity) {
            let passes: PSSLevel = verdicts.restricted.allowed ? .restricted : verdicts.baseline.allowed ? .baseline : .privileged
            let current = levels[w.namespace]
            // privileged < baseline < restricted: the namespace gets its weakest workload's level.
            let weakest = current.map { min($0.level, passes) } ?? passes
            levels[w.namespace] = (weakest, (current?.workloads ?? 0) + 1)
        }
        self.strictestLevelByNamespace = levels
    }

    /// The most restrictive Pod Security level that every workload of `namespace` passes at the
    /// scan's version, with the number of workloads judged (nil when it runs none).
    func strictestPassingLevel(inNamespace namespace: String) -> (level: PSSLevel, workloads: Int)? {
        strictestLevelByNamespace[namespace]
    }

    /// Namespaces Kubernetes itself runs (exempt from the namespace-level controls).
    public static let systemNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]

    public static func isSystemNamespace(_ name: String) -> Bool { systemNamespaces.contains(name) }

    /// Fields of the wrong type met by the Pod Security engine, as input errors: the API server
    /// would reject these objects, and the checks read such fields as absent.
    public var malformedFields: [InputIssue] {
        var issues: [InputIssue] = []
        var seen: Set<InputIssue> = []
        for (workload, verdicts) in zip(workloadList, podSecurity) {
            let object = workload.object
            for m in verdicts.baseline.malformed + verdicts.restricted.malformed {
                let path = workload.pod.path(m.path)
                let issue = InputIssue(file: object.source?.file ?? "-", document: object.source?.document,
                                       line: object.value.line(at: path) ?? object.source?.line,
                                       message: "\(object.kind) \(object.name): \(path) is a \(m.found); expected \(m.expected)")
                if seen.insert(issue).inserted { issues.append(issue) }
            }
        }
        return issues
    }
}
