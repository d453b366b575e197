import BulwarkModel

/// S7 Kernel modules, the workload part: containers that can load kernel modules. The node checks
/// (modprobe.d blacklist for dccp/sctp, loaded modules, SELinux/AppArmor) belong to `bulwark node`.
public enum S7KernelModules {
    public static let controls: [Control] = [moduleLoadingWorkloads]

    /// Capabilities (normalised, without `CAP_`) that allow `init_module`/`finit_module`.
    static let moduleCapabilities: Set<String> = ["SYS_MODULE", "ALL"]

    // MARK: BW-S7-001

    /// Reads: `c[*].securityContext.privileged` and `c[*].securityContext.capabilities.add[*]` of
    /// every container (init and ephemeral included) outside system namespaces.
    /// Allows: not privileged and no `SYS_MODULE`, `CAP_SYS_MODULE` or `ALL` added (any case).
    /// The runtime's default seccomp profile does not help: it permits module loading whenever
    /// CAP_SYS_MODULE is granted, and the container can supply the module file itself.
    static let moduleLoadingWorkloads = Control(
        id: "BW-S7-001", section: .s7, severity: .high,
        title: "Containers able to load kernel modules (privileged or CAP_SYS_MODULE)",
        remediation: "Remove securityContext.privileged and SYS_MODULE/ALL from capabilities.add; drop ALL capabilities and add back only what the process needs. Nodes should also blacklist unneeded modules (dccp, sctp) in /etc/modprobe.d.",
        references: ["cis": ["5.2.2", "5.2.9"], "kubescape": ["C-0057", "C-0046"], "pss": ["privileged", "capabilities_baseline"], "checkov": ["CKV_K8S_16", "CKV_K8S_25"]],
        reads: ObjectKinds.workloads
    ) { context in
        guard !context.workloads.isEmpty else { return .notAssessed("no workloads in input") }
        var violations: [Violation] = []
        var exempt = 0
        for workload in context.workloadList {
            if workload.isInSystemNamespace { exempt += 1; continue }
            for container in workload.containers() {
                let securityContext = container.value["securityContext"]
                let contextPath = container.path.appending("securityContext")
                if securityContext?["privileged"]?.isTrue == true {
                    violations.append(Violation(
                        object: workload.object, path: contextPath.appending("privileged"), value: "true",
                        message: "\(container.label) is privileged: it holds every capability, CAP_SYS_MODULE included, and can load any kernel module into the node's kernel"))
                }
                for (i, cap) in (securityContext?["capabilities"]?["add"]?.array ?? []).enumerated() {
                    guard let name = cap.string, moduleCapabilities.contains(Capability.normalize(name)) else { continue }
                    violations.append(Violation(
                        object: workload.object, path: contextPath.appending("capabilities").appending("add").appending(index: i), value: name,
                        message: "\(container.label) adds \(name)\(Capability.normalize(name) == "ALL" ? " (every capability, CAP_SYS_MODULE included)" : ""): it can load a kernel module of its choosing into the node's kernel"))
                }
            }
        }
        let note = exempt == 0 ? "" : " (\(exempt) workloads in system namespaces exempt)"
        return .from(violations, pass: "no container outside system namespaces is privileged or adds SYS_MODULE/ALL\(note)")
    }
}
