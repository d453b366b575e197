import BulwarkModel
import BulwarkPodSecurity

/// S6 Container privileges: the Pod Security Standards, one control per upstream check
/// (`privileged`, `hostNamespaces`, … `procMount_restricted`), evaluated by the PSS engine exactly
/// as Pod Security Admission would on every pod template.
///
/// Baseline checks report their verdict at `baseline`; restricted checks at `restricted`, so a
/// baseline check a restricted one overrides (hostPathVolumes → restrictedVolumes) still reports
/// what it alone forbids. With `--pss-level baseline` the restricted checks are not assessed.
public enum S6PodSecurityStandards {
    /// Stable control IDs per upstream check ID; a check upstream adds later gets `fallbackID`,
    /// never an ID already used.
    struct Entry {
        var id: String
        var severity: Severity
        var remediation: String
        var references: [String: [String]]
    }

    static let table: [String: Entry] = [
        "hostNamespaces": Entry(id: "BW-S6-001", severity: .high,
            remediation: "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).",
            references: ["cis": ["5.2.3", "5.2.4", "5.2.5"], "kubescape": ["C-0038", "C-0041"], "checkov": ["CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19"]]),
        "privileged": Entry(id: "BW-S6-002", severity: .critical,
            remediation: "Remove securityContext.privileged (or set it to false); grant only the specific capabilities the process needs.",
            references: ["cis": ["5.2.2"], "kubescape": ["C-0057"], "checkov": ["CKV_K8S_16"]]),
        "capabilities_baseline": Entry(id: "BW-S6-003", severity: .high,
            remediation: "Add only capabilities from the baseline allow-list (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).",
            references: ["cis": ["5.2.8", "5.2.9"], "kubescape": ["C-0046"], "checkov": ["CKV_K8S_25", "CKV_K8S_28", "CKV_K8S_39"]]),
        "hostPathVolumes": Entry(id: "BW-S6-004", severity: .high,
            remediation: "Replace hostPath volumes with persistentVolumeClaim, emptyDir, configMap, secret or projected volumes.",
            references: ["cis": ["5.2.11"], "kubescape": ["C-0048"]]),
        "hostPorts": Entry(id: "BW-S6-005", severity: .medium,
            remediation: "Remove hostPort from container ports; expose the pod through a Service instead.",
            references: ["cis": ["5.2.12"], "kubescape": ["C-0044"], "checkov": ["CKV_K8S_26"]]),
        "appArmorProfile": Entry(id: "BW-S6-006", severity: .medium,
            remediation: "Use appArmorProfile.type RuntimeDefault or Localhost (or the runtime/default annotation); never Unconfined.",
            references: ["kubescape": ["C-0055"]]),
        "seLinuxOptions": Entry(id: "BW-S6-007", severity: .medium,
            remediation: "Leave seLinuxOptions.user and .role empty and use a type of container_t, container_init_t, container_kvm_t (or container_engine_t from v1.31).",
            references: ["kubescape": ["C-0055"]]),
        "procMount": Entry(id: "BW-S6-008", severity: .medium,
            remediation: "Leave securityContext.procMount unset or Default.",
            references: [:]),
        "seccompProfile_baseline": Entry(id: "BW-S6-009", severity: .medium,
            remediation: "Set seccompProfile.type to RuntimeDefault or Localhost; never Unconfined.",
            references: ["kubescape": ["C-0210"], "checkov": ["CKV_K8S_31"]]),
        "sysctls": Entry(id: "BW-S6-010", severity: .medium,
            remediation: "Set only the safe, namespaced sysctls the Pod Security Standards allow for this version.",
            references: [:]),
        "windowsHostProcess": Entry(id: "BW-S6-011", severity: .critical,
            remediation: "Remove windowsOptions.hostProcess (or set it to false).",
            references: ["cis": ["5.2.10"]]),
        "hostProbesAndHostLifecycle": Entry(id: "BW-S6-012", severity: .medium,
            remediation: "Remove the host field from httpGet/tcpSocket probes and lifecycle handlers so they target the pod itself.",
            references: [:]),
        "restrictedVolumes": Entry(id: "BW-S6-013", severity: .medium,
            remediation: "Use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.",
            references: ["kubescape": ["C-0048"]]),
        "allowPrivilegeEscalation": Entry(id: "BW-S6-014", severity: .medium,
            remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
            references: ["cis": ["5.2.6"], "kubescape": ["C-0016"], "checkov": ["CKV_K8S_20"]]),
        "runAsNonRoot": Entry(id: "BW-S6-015", severity: .medium,
            remediation: "Set securityContext.runAsNonRoot: true on the pod (or on every container) and run the image as a non-zero UID.",
            references: ["cis": ["5.2.7"], "kubescape": ["C-0013"], "checkov": ["CKV_K8S_23"]]),
        "runAsUser": Entry(id: "BW-S6-016", severity: .medium,
            remediation: "Do not set runAsUser: 0; run as a non-zero UID.",
            references: ["cis": ["5.2.7"], "kubescape": ["C-0013"], "checkov": ["CKV_K8S_40"]]),
        "seccompProfile_restricted": Entry(id: "BW-S6-017", severity: .medium,
            remediation: "Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost) on the pod or on every container.",
            references: ["kubescape": ["C-0210"], "checkov": ["CKV_K8S_31"]]),
        "capabilities_restricted": Entry(id: "BW-S6-018", severity: .medium,
            remediation: "Set capabilities.drop: [\"ALL\"] on every container and add back only NET_BIND_SERVICE if needed.",
            references: ["cis": ["5.2.9"], "kubescape": ["C-0046"], "checkov": ["CKV_K8S_28", "CKV_K8S_37"]]),
        "procMount_restricted": Entry(id: "BW-S6-019", severity: .medium,
            remediation: "Leave securityContext.procMount unset or Default, also in user-namespaced pods.",
            references: [:]),
    ]

    public static let controls: [Control] = PodSecurity.checks.enumerated().map { index, check in
        control(for: check, entry: table[check.id] ?? Entry(
            id: fallbackID(index), severity: .medium,
            remediation: "Change the pod so that it satisfies the Pod Security Standards check \(check.id).",
            references: [:]))
    }.sorted { $0.id < $1.id }

    /// The ID of the check at `index` of the upstream list when `table` does not have it yet:
    /// numbered from 50, past every number the table uses.
    static func fallbackID(_ index: Int) -> String {
        let digits = String(50 + index)
        return "BW-S6-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// The control ID of an upstream check.
    public static func controlID(forCheck check: String) -> String? {
        controls.first { $0.info.references["pss"] == [check] }?.id
    }

    static func control(for check: PSSCheckInfo, entry: Entry) -> Control {
        var references = entry.references
        references["pss"] = [check.id]
        let levelName = check.level.rawValue
        return Control(
            id: entry.id, section: .s6, severity: entry.severity,
            title: "Pod Security Standards (\(levelName)): \(check.title)",
            remediation: entry.remediation, references: references, reads: ObjectKinds.workloads
        ) { context in
            guard !context.workloadList.isEmpty else { return .notAssessed("no workloads in input") }
            let settings = context.settings
            if check.level > settings.pssLevel {
                return .notAssessed("\(check.id) belongs to the \(levelName) level; this scan evaluates \(settings.pssLevel.rawValue) (--pss-level)")
            }
            if let first = check.versions.first, settings.pssVersion.minor < first {
                return .notAssessed("\(check.id) is not part of Pod Security Standards \(settings.pssVersion) (it starts at v1.\(first); see --pss-version)")
            }
            var violations: [Violation] = []
            for (workload, verdicts) in zip(context.workloadList, context.podSecurity) {
                let evaluation = check.level == .restricted ? verdicts.restricted : verdicts.baseline
                for v in evaluation.violations where v.check == check.id {
                    let path = workload.pod.path(v.paths.first ?? FieldPath("spec"))
                    // A check that asks for a field to be set points at where it is missing.
                    let seen = v.value ?? (workload.object.value.value(at: path) == nil ? "unset" : nil)
                    violations.append(Violation(
                        object: workload.object, path: path, value: seen,
                        message: v.detail.isEmpty ? v.reason : "\(v.reason): \(v.detail)"))
                }
            }
            return .from(violations, pass: "every pod template passes \(check.id) at \(levelName):\(settings.pssVersion)")
        }
    }
}
