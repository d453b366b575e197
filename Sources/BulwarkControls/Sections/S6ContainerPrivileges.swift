import BulwarkModel

/// S6 Container privileges, the part outside the per-check Pod Security Standards controls
/// (those take BW-S6-001 … BW-S6-0xx): namespace Pod Security labels, hostPath volumes, containers
/// that may run as root, and PodSecurityPolicy objects.
///
/// Workload controls here exempt the system namespaces (`kube-system`, `kube-public`,
/// `kube-node-lease`): node agents there need these privileges by design, and writing to those
/// namespaces is already a cluster-admin power.
public enum S6ContainerPrivileges {
    public static let controls: [Control] = [
        namespaceEnforceLabel, namespaceAuditWarnLabels, hostPathVolumes, runAsRoot, podSecurityPolicies,
    ]

    static let enforceLabel = "pod-security.kubernetes.io/enforce"
    static let auditLabel = "pod-security.kubernetes.io/audit"
    static let warnLabel = "pod-security.kubernetes.io/warn"
    static let levels: Set<String> = ["privileged", "baseline", "restricted"]

    static func labelPath(_ label: String) -> FieldPath {
        FieldPath([.key("metadata"), .key("labels"), .key(label)])
    }

    /// Which enforce level the namespace's current workloads already allow, so the label can be
    /// raised without breaking them (what `kubectl label --dry-run=server` would warn about).
    static func safeLevelNote(_ context: ScanContext, namespace: String) -> String {
        guard let (level, count) = context.strictestPassingLevel(inNamespace: namespace) else { return "" }
        let version = context.settings.pssVersion
        let workloads = count == 1 ? "its 1 workload" : "all \(count) of its workloads"
        switch level {
        case .restricted: return "; \(workloads) already pass restricted:\(version), so enforce=restricted is safe to set"
        case .baseline: return "; \(workloads) pass baseline:\(version) (not restricted), so enforce=baseline is safe to set now"
        case .privileged: return "; some of its workloads fail even baseline:\(version): fix them (bulwark pss) before raising the label"
        }
    }

    /// The non-system Namespace objects, or the outcome when there are none to judge.
    static func applicationNamespaces(_ context: ScanContext) -> (namespaces: [KubeObject], unassessed: ControlOutcome?) {
        guard context.inventory.contains(kind: "Namespace") else { return ([], .notAssessed("no Namespace objects in input")) }
        let namespaces = context.inventory.objects(ofKind: "Namespace").filter { !ScanContext.isSystemNamespace($0.name) }
        return (namespaces, namespaces.isEmpty ? .notAssessed("only system namespaces in input") : nil)
    }

    // MARK: BW-S6-101

    /// Reads: Namespace `metadata.labels["pod-security.kubernetes.io/enforce"]` of non-system
    /// namespaces; the cluster default `defaults.enforce` of a PodSecurityConfiguration (alone or
    /// inside an AdmissionConfiguration's PodSecurity plugin) when the input holds one.
    /// Allows: `baseline` or `restricted`, written or inherited from the cluster default.
    /// An invalid level is low: Pod Security Admission then enforces `restricted:latest`.
    static let namespaceEnforceLabel = Control(
        id: "BW-S6-101", section: .s6, severity: .medium,
        title: "Namespaces without an enforced Pod Security level (enforce label missing or privileged)",
        remediation: "Label every application namespace with pod-security.kubernetes.io/enforce=baseline or, better, restricted (check first with kubectl label --dry-run=server), or set a baseline/restricted cluster default in the PodSecurity admission configuration.",
        references: ["cis": ["5.2.1"]],
        reads: ObjectKinds.workloads + ["Namespace"]
    ) { context in
        let (namespaces, unassessed) = applicationNamespaces(context)
        if let unassessed { return unassessed }
        let clusterDefault = PodSecurityDefaults(inventory: context.inventory)
        var violations: [Violation] = []
        for ns in namespaces {
            let labels = ns.labels
            let missingSoft = [auditLabel, warnLabel].filter { labels[$0] == nil }.map { "`\($0)`" }
            let softNote = (missingSoft.isEmpty ? "" : "; \(missingSoft.joinedForMessage) \(missingSoft.count == 1 ? "is" : "are") unset too, so violations are not even reported")
                + safeLevelNote(context, namespace: ns.name)
            switch labels[enforceLabel] {
            case nil:
                if let level = clusterDefault.enforce, level == "baseline" || level == "restricted" { continue }
                let inherited = clusterDefault.enforce.map { "the cluster default \"\($0)\"" } ?? "the cluster default, privileged unless the PodSecurity admission configuration says otherwise"
                violations.append(Violation(
                    object: ns, path: labelPath(enforceLabel), value: "unset",
                    message: "namespace \"\(ns.name)\" has no enforce label: Pod Security Admission applies \(inherited), so privileged and host-namespace pods are admitted\(softNote)"))
            case "privileged"?:
                violations.append(Violation(
                    object: ns, path: labelPath(enforceLabel), value: "privileged",
                    message: "namespace \"\(ns.name)\" enforces the privileged level: any pod is admitted, including privileged, hostPath and host-namespace pods\(softNote)"))
            case let level? where !levels.contains(level):
                violations.append(Violation(
                    object: ns, path: labelPath(enforceLabel), value: level,
                    message: "namespace \"\(ns.name)\" has an invalid enforce level \"\(level)\": Pod Security Admission falls back to restricted:latest, which is probably not what was meant; write baseline or restricted",
                    severity: .low))
            default:
                continue
            }
        }
        return .from(violations, pass: "every non-system namespace enforces baseline or restricted")
    }

    // MARK: BW-S6-102

    /// Reads: Namespace `metadata.labels` `pod-security.kubernetes.io/{enforce,audit,warn}`; the
    /// cluster defaults `defaults.{audit,warn}` of a PodSecurityConfiguration.
    /// Allows: namespaces that enforce `restricted`, or that set (or inherit) an audit or warn
    /// level so that pods failing a stricter level are at least reported. Reports each missing one.
    static let namespaceAuditWarnLabels = Control(
        id: "BW-S6-102", section: .s6, severity: .low,
        title: "Namespaces below restricted without Pod Security audit/warn labels",
        remediation: "Add pod-security.kubernetes.io/warn=restricted and pod-security.kubernetes.io/audit=restricted to namespaces that do not enforce restricted yet, so that violations show up in kubectl warnings and the audit log.",
        references: ["cis": ["5.2.1"]],
        reads: ObjectKinds.workloads + ["Namespace"]
    ) { context in
        let (namespaces, unassessed) = applicationNamespaces(context)
        if let unassessed { return unassessed }
        let clusterDefault = PodSecurityDefaults(inventory: context.inventory)
        var violations: [Violation] = []
        for ns in namespaces {
            let labels = ns.labels
            let enforce = labels[enforceLabel] ?? clusterDefault.enforce
            if enforce == "restricted" { continue }
            for (label, inherited) in [(auditLabel, clusterDefault.audit), (warnLabel, clusterDefault.warn)] {
                let level = labels[label] ?? inherited
                guard level == nil || level == "privileged" else { continue }
                let mode = label == auditLabel ? "audit" : "warn"
                violations.append(Violation(
                    object: ns, path: labelPath(label), value: labels[label] ?? "unset",
                    message: "namespace \"\(ns.name)\" enforces \(enforce ?? "privileged (no label)") and has no \(mode) level above privileged: pods that break the restricted profile are not \(mode == "audit" ? "recorded in the audit log" : "reported to the user who creates them")"))
            }
        }
        return .from(violations, pass: "every non-system namespace enforces restricted or audits/warns at a stricter level")
    }

    // MARK: BW-S6-103

    /// Reads: `spec.volumes[*].hostPath.path` of every pod template, and `c[*].volumeMounts[*]`
    /// (`name`, `readOnly`) of all containers, ephemeral ones included.
    /// Allows: no hostPath volume. Severity by path and access: runtime sockets and etcd data are
    /// critical even read-only (a read-only mount still lets a process connect to a socket);
    /// `/`, `/etc`, `/root`, `/var/lib/kubelet`, `/proc`, `/sys`, … are critical when a container
    /// mounts them writable and high or medium read-only; other paths medium writable, low
    /// read-only. `/var/run/…` and `/run/…` are the same directory on current distributions.
    static let hostPathVolumes = Control(
        id: "BW-S6-103", section: .s6, severity: .high,
        title: "hostPath volumes, worse when writable or sensitive",
        remediation: "Replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes. Where a node agent truly needs a host path, mount the narrowest path with readOnly: true on every volumeMount, never a container runtime socket, and run it in a namespace whose Pod Security level rejects it elsewhere.",
        references: ["cis": ["5.2.11"], "kubescape": ["C-0048", "C-0045", "C-0074"], "pss": ["hostPathVolumes"], "checkov": ["CKV_K8S_27"]],
        reads: ObjectKinds.workloads
    ) { context in
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        var exempt = 0
        for workload in context.workloadList {
            let volumes = workload.pod.spec["volumes"]?.array ?? []
            for (index, volume) in volumes.enumerated() {
                guard let hostPath = volume["hostPath"], case .mapping = hostPath else { continue }
                if workload.isInSystemNamespace { exempt += 1; continue }
                let volumeName = volume["name"]?.string ?? ""
                let pathText = hostPath["path"]?.string ?? ""
                let writers = writableMounts(of: volumeName, in: workload)
                let mounted = workload.containers().contains { c in
                    (c.value["volumeMounts"]?.array ?? []).contains { $0["name"]?.string == volumeName }
                }
                let assessment = HostPathSensitivity.assess(path: pathText, type: hostPath["type"]?.string, writable: !writers.isEmpty)
                let access: String
                if !writers.isEmpty {
                    access = "writable by \(writers.map(\.label).joinedForMessage) (no readOnly: true on the mount)"
                } else if mounted {
                    access = "mounted read-only"
                } else {
                    access = "not mounted by any container"
                }
                violations.append(Violation(
                    object: workload.object,
                    path: workload.specPath("volumes").appending(index: index).appending("hostPath").appending("path"),
                    value: pathText.isEmpty ? "unset" : pathText,
                    message: "hostPath volume \"\(volumeName)\" exposes the node's \(pathText.isEmpty ? "(empty path)" : pathText) (\(assessment.reason)), \(access)",
                    severity: assessment.severity))
            }
        }
        let note = exempt == 0 ? "" : " (\(exempt) in system namespaces exempt)"
        return .from(violations, pass: "no hostPath volumes outside system namespaces\(note)")
    }

    /// Containers that mount `volume` without `readOnly: true`.
    static func writableMounts(of volume: String, in workload: Workload) -> [WorkloadContainer] {
        workload.containers().filter { c in
            (c.value["volumeMounts"]?.array ?? []).contains { m in
                m["name"]?.string == volume && m["readOnly"]?.isTrue != true
            }
        }
    }

    // MARK: BW-S6-104

    /// Reads: pod- and container-level `securityContext.runAsNonRoot` and `.runAsUser` (the
    /// container's value overrides the pod's), `spec.hostUsers`, `spec.os.name`; all containers.
    /// Allows: an effective `runAsNonRoot: true` (the kubelet refuses to start a container as UID 0)
    /// or an effective non-zero `runAsUser`. Fails high for an effective `runAsUser: 0`, medium when
    /// the UID is left to the image. Pods with `hostUsers: false` run in a user namespace where
    /// root is not root on the node: low. Windows pods are skipped (UIDs do not apply).
    static let runAsRoot = Control(
        id: "BW-S6-104", section: .s6, severity: .medium,
        title: "Containers that may run as root",
        remediation: "Set securityContext.runAsNonRoot: true at pod level and a non-zero runAsUser (e.g. 10001) at pod or container level; build images with a numeric non-root USER.",
        references: ["cis": ["5.2.7"], "kubescape": ["C-0013"], "pss": ["runAsNonRoot", "runAsUser"], "checkov": ["CKV_K8S_23"]],
        reads: ObjectKinds.workloads
    ) { context in
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        var exempt = 0
        for workload in context.workloadList {
            if workload.pod.spec["os"]?["name"]?.string == "windows" { continue }
            if workload.isInSystemNamespace { exempt += 1; continue }
            let userNamespace = workload.pod.spec["hostUsers"]?.bool == false
            let userNote = userNamespace ? "; the pod runs in a user namespace (hostUsers: false), so root in the container is an unprivileged user on the node" : ""
            for container in workload.containers() {
                let nonRoot = EffectiveSetting.resolve("runAsNonRoot", container: container, in: workload)
                let user = EffectiveSetting.resolve("runAsUser", container: container, in: workload)
                if nonRoot.value?.isTrue == true { continue }
                if let uid = user.value?.int, uid != 0 { continue }
                if let uid = user.value, let path = user.path, uid.int == 0 {
                    violations.append(Violation(
                        object: workload.object, path: path, value: "0",
                        message: "\(container.label) runs as root: runAsUser is 0\(path.description.contains("containers[") ? "" : " (set for the whole pod)") and runAsNonRoot is not true\(userNote)",
                        severity: userNamespace ? .low : .high))
                    continue
                }
                let path = nonRoot.path ?? container.path.appending("securityContext").appending("runAsNonRoot")
                let seen = "runAsNonRoot=\(nonRoot.value?.summary() ?? "unset"), runAsUser=\(user.value?.summary() ?? "unset")"
                violations.append(Violation(
                    object: workload.object, path: path, value: seen,
                    message: "\(container.label) may run as root: neither pod nor container sets runAsNonRoot: true or a non-zero runAsUser, so the image's USER decides (root when the image sets none)\(userNote)",
                    severity: userNamespace ? .low : nil))
            }
        }
        let note = exempt == 0 ? "" : " (\(exempt) workloads in system namespaces exempt)"
        return .from(violations, pass: "every container runs as non-root, by runAsNonRoot or a non-zero runAsUser\(note)")
    }

    // MARK: BW-S6-105

    /// Capabilities that give a container power over the node when a PSP allows adding them.
    static let dangerousCapabilities: Set<String> = ["SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "NET_ADMIN", "DAC_READ_SEARCH", "BPF", "SYS_BOOT"]

    /// Reads: PodSecurityPolicy (policy/v1beta1, extensions/v1beta1) `spec.privileged`,
    /// `hostNetwork`, `hostPID`, `hostIPC`, `hostPorts`, `volumes`, `allowedHostPaths`,
    /// `runAsUser.rule`, `allowPrivilegeEscalation`, `allowedCapabilities`.
    /// Allows: a policy no looser than the restricted profile. Each loose field is one finding:
    /// privileged critical; host namespaces, any volume type (`*`), hostPath without
    /// `allowedHostPaths`, `*`/`ALL` capabilities high; host ports, RunAsAny users, privilege
    /// escalation (allowed when unset), writable allowed host paths, dangerous capabilities medium.
    /// Who may `use` each policy is an RBAC question (S3).
    static let podSecurityPolicies = Control(
        id: "BW-S6-105", section: .s6, severity: .high,
        title: "Permissive PodSecurityPolicies",
        remediation: "Migrate to Pod Security Admission (namespace labels) before upgrading to 1.25, where PodSecurityPolicy is removed. Until then, keep every PSP a pod can use to: privileged false, no host namespaces or ports, an explicit volume list without hostPath, runAsUser MustRunAsNonRoot, allowPrivilegeEscalation false and requiredDropCapabilities [ALL].",
        references: ["checkov": ["CKV_K8S_1", "CKV_K8S_2", "CKV_K8S_3", "CKV_K8S_4", "CKV_K8S_5", "CKV_K8S_6"]],
        reads: ["PodSecurityPolicy"]
    ) { context in
        let policies = context.inventory.objects(ofKind: "PodSecurityPolicy")
        guard !policies.isEmpty else { return .notAssessed("no PodSecurityPolicy objects in input") }
        let inert = context.settings.kubeVersion >= KubeVersion(1, 25)
        let inertNote = inert ? " (PodSecurityPolicy is not served from Kubernetes 1.25; at the target \(context.settings.kubeVersion) this policy protects nothing)" : ""
        var violations: [Violation] = []
        for policy in policies {
            let spec = policy.value["spec"] ?? .null
            func add(_ field: String, _ value: String, _ why: String, _ severity: Severity) {
                violations.append(Violation(object: policy, path: FieldPath("spec").appending(FieldPath(field)), value: value,
                                            message: "PodSecurityPolicy \"\(policy.name)\" \(why)\(inertNote)", severity: severity))
            }
            if spec["privileged"]?.isTrue == true {
                add("privileged", "true", "allows privileged containers: full access to the node", .critical)
            }
            for field in ["hostNetwork", "hostPID", "hostIPC"] where spec[field]?.isTrue == true {
                add(field, "true", "allows \(field): pods share the node's \(field == "hostNetwork" ? "network stack (and bypass NetworkPolicy)" : field == "hostPID" ? "process namespace" : "IPC namespace")", .high)
            }
            if let ports = spec["hostPorts"]?.array, !ports.isEmpty {
                add("hostPorts", spec["hostPorts"]?.summary() ?? "", "allows host ports: pods can bind ports on the node's interfaces", .medium)
            }
            let volumes = (spec["volumes"]?.array ?? []).compactMap(\.string)
            let hostPaths = spec["allowedHostPaths"]?.array ?? []
            if volumes.contains("*") {
                add("volumes", spec["volumes"]?.summary() ?? "", "allows every volume type (*), hostPath included\(hostPaths.isEmpty ? ", with no allowedHostPaths: any node path" : "")", .high)
            } else if volumes.contains("hostPath") && hostPaths.isEmpty {
                add("volumes", spec["volumes"]?.summary() ?? "", "allows hostPath volumes with no allowedHostPaths: any node path can be mounted writable", .high)
            }
            if volumes.contains("*") || volumes.contains("hostPath") {
                for (i, entry) in hostPaths.enumerated() where entry["readOnly"]?.isTrue != true {
                    violations.append(Violation(
                        object: policy, path: FieldPath("spec.allowedHostPaths").appending(index: i), value: entry.summary(),
                        message: "PodSecurityPolicy \"\(policy.name)\" lets pods mount host path prefix \(entry["pathPrefix"]?.string ?? "(unset)") writable\(inertNote)",
                        severity: .medium))
                }
            }
            if spec["runAsUser"]?["rule"]?.string == "RunAsAny" {
                add("runAsUser.rule", "RunAsAny", "lets containers run as any user, root included", .medium)
            }
            switch spec["allowPrivilegeEscalation"] {
            case nil, .null?: add("allowPrivilegeEscalation", "unset", "allows privilege escalation (unset means allowed): setuid binaries can gain root", .medium)
            case let v? where v.isTrue: add("allowPrivilegeEscalation", "true", "allows privilege escalation: setuid binaries can gain root", .medium)
            default: break
            }
            for (i, cap) in (spec["allowedCapabilities"]?.array ?? []).enumerated() {
                guard let name = cap.string else { continue }
                let bare = Capability.normalize(name)
                let path = FieldPath("spec.allowedCapabilities").appending(index: i)
                if name == "*" || bare == "ALL" {
                    violations.append(Violation(object: policy, path: path, value: name,
                        message: "PodSecurityPolicy \"\(policy.name)\" lets containers add any capability\(inertNote)", severity: .high))
                } else if dangerousCapabilities.contains(bare) {
                    violations.append(Violation(object: policy, path: path, value: name,
                        message: "PodSecurityPolicy \"\(policy.name)\" lets containers add \(bare), which gives power over the node\(inertNote)", severity: .medium))
                }
            }
        }
        return .from(violations, pass: "every PodSecurityPolicy is restrictive\(inertNote)")
    }
}

/// Capability names as written in pod specs: `SYS_MODULE`, `CAP_SYS_MODULE`, `sys_module` are one.
enum Capability {
    static func normalize(_ name: String) -> String {
        let upper = name.uppercased()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }
}

/// The cluster-wide Pod Security defaults, from a PodSecurityConfiguration in the input (on its
/// own, or as the `PodSecurity` plugin's configuration inside an AdmissionConfiguration).
struct PodSecurityDefaults {
    var enforce: String?
    var audit: String?
    var warn: String?

    init(inventory: Inventory) {
        var configs = inventory.objects(ofKind: "PodSecurityConfiguration").map(\.value)
        for admission in inventory.objects(ofKind: "AdmissionConfiguration") {
            for plugin in admission.value["plugins"]?.array ?? [] where plugin["name"]?.string == "PodSecurity" {
                if let c = plugin["configuration"], c["kind"]?.string == "PodSecurityConfiguration" { configs.append(c) }
            }
        }
        guard let defaults = configs.first?["defaults"] else { return }
        enforce = defaults["enforce"]?.string
        audit = defaults["audit"]?.string
        warn = defaults["warn"]?.string
    }
}

/// How sensitive a node path is to expose through hostPath.
enum HostPathSensitivity {
    struct Entry {
        /// Canonical path (`/run/…` for `/var/run/…`).
        var path: String
        var what: String
        var writable: Severity
        var readOnly: Severity
        /// Severity of a read-only mount of something beneath `path` (e.g. `/etc/localtime` under
        /// `/etc` is harmless read-only); nil means the same as `readOnly`.
        var readOnlyBeneath: Severity?
    }

    static let entries: [Entry] = [
        Entry(path: "/run/docker.sock", what: "Docker socket: control of every container and of the node", writable: .critical, readOnly: .critical),
        Entry(path: "/run/containerd/containerd.sock", what: "containerd socket: control of every container and of the node", writable: .critical, readOnly: .critical),
        Entry(path: "/run/crio/crio.sock", what: "CRI-O socket: control of every container and of the node", writable: .critical, readOnly: .critical),
        Entry(path: "/run/cri-dockerd.sock", what: "cri-dockerd socket: control of every container and of the node", writable: .critical, readOnly: .critical),
        Entry(path: "/run/k3s/containerd/containerd.sock", what: "k3s containerd socket: control of every container and of the node", writable: .critical, readOnly: .critical),
        Entry(path: "/var/lib/etcd", what: "etcd data: every Secret of the cluster", writable: .critical, readOnly: .critical),
        Entry(path: "/etc/kubernetes", what: "Kubernetes PKI, kubeconfigs and static pod manifests", writable: .critical, readOnly: .high),
        Entry(path: "/var/lib/kubelet", what: "kubelet credentials and every pod's volumes, Secrets included", writable: .critical, readOnly: .high),
        Entry(path: "/root", what: "root's home: SSH keys and credentials", writable: .critical, readOnly: .high),
        Entry(path: "/etc", what: "host configuration: users, sudoers, systemd units, credentials", writable: .critical, readOnly: .high, readOnlyBeneath: .low),
        Entry(path: "/var/lib/docker", what: "container images and other containers' filesystems", writable: .critical, readOnly: .high),
        Entry(path: "/var/lib/containerd", what: "container images and other containers' filesystems", writable: .critical, readOnly: .high),
        Entry(path: "/proc", what: "host processes and kernel settings", writable: .critical, readOnly: .medium, readOnlyBeneath: .low),
        Entry(path: "/sys", what: "kernel and device settings", writable: .critical, readOnly: .medium, readOnlyBeneath: .low),
        Entry(path: "/dev", what: "host devices", writable: .critical, readOnly: .medium, readOnlyBeneath: .low),
        Entry(path: "/boot", what: "kernel and boot loader", writable: .critical, readOnly: .medium, readOnlyBeneath: .low),
        Entry(path: "/usr", what: "host binaries run as root", writable: .critical, readOnly: .low),
        Entry(path: "/bin", what: "host binaries run as root", writable: .critical, readOnly: .low),
        Entry(path: "/sbin", what: "host binaries run as root", writable: .critical, readOnly: .low),
        Entry(path: "/lib", what: "host libraries and kernel modules", writable: .critical, readOnly: .low),
        Entry(path: "/opt/cni/bin", what: "CNI plugins the kubelet runs as root", writable: .critical, readOnly: .low),
        Entry(path: "/home", what: "users' home directories and their credentials", writable: .high, readOnly: .medium),
        Entry(path: "/var/log", what: "node and pod logs (writable lets a pod plant symlinks the kubelet follows)", writable: .high, readOnly: .low),
    ]

    /// Trailing slashes, `//`, `.` and `..` removed; `/var/run/…` read as `/run/…` (a symlink on
    /// current distributions).
    static func canonical(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        if parts.first == "var", parts.dropFirst().first == "run" { parts.removeFirst() }
        return "/" + parts.joined(separator: "/")
    }

    static func isBeneath(_ path: String, _ ancestor: String) -> Bool {
        ancestor == "/" ? path != "/" : path.hasPrefix(ancestor + "/")
    }

    static func assess(path: String, type: String?, writable: Bool) -> (severity: Severity, reason: String) {
        guard !path.isEmpty else { return (.low, "no path given; the API server rejects it") }
        let p = canonical(path)
        if p == "/" {
            return (.critical, "the node's entire filesystem: kubelet credentials, /etc and the container runtime socket included")
        }
        var worst: (severity: Severity, reason: String)?
        func consider(_ severity: Severity, _ reason: String) {
            if let current = worst, current.severity >= severity { return }
            worst = (severity, reason)
        }
        for e in entries {
            if p == e.path {
                consider(writable ? e.writable : e.readOnly, e.what)
            } else if isBeneath(e.path, p) {
                // Mounting a parent exposes the sensitive path beneath it.
                consider(writable ? e.writable : e.readOnly, "contains \(e.path): \(e.what)")
            } else if isBeneath(p, e.path) {
                consider(writable ? e.writable : (e.readOnlyBeneath ?? e.readOnly), "inside \(e.path): \(e.what)")
            }
        }
        if let worst { return worst }
        if type == "Socket" || p.hasSuffix(".sock") {
            return (.high, "a Unix socket: whatever API it serves is reachable even through a read-only mount")
        }
        return writable ? (.medium, "a node directory the pod can change") : (.low, "a node path")
    }
}
