import BulwarkModel

/// S7 Kernel modules, the node part: modprobe.d blocks for rarely used network protocols (the
/// guide's `dccp` and `sctp`, and `rds`, `tipc` as recommendations), those modules loaded now, and
/// whether SELinux or AppArmor is on (the guide's precondition for denying `module_request`).
/// Facts come from the NodeHost objects `bulwark node` writes.
public enum S7NodeKernel {
    public static let controls: [Control] = [guideModulesBlocked, otherModulesBlocked, riskyModulesLoaded, securityModule]

    static let guideModules = ["dccp", "sctp"]
    static let recommendedModules = ["rds", "tipc"]

    /// Runs `check` per node whose field `field` was read; not assessed when none was.
    static func perNode(_ context: ScanContext, field: String, pass: String,
                        _ check: (KubeObject) -> [Violation]) -> ControlOutcome {
        let hosts = context.nodeHosts
        guard !hosts.isEmpty else { return .notAssessed(NodeFacts.noNode) }
        var assessed = 0
        var reasons: [String] = []
        var violations: [Violation] = []
        for host in hosts {
            guard host.value[field] != nil else {
                reasons.append("node \(host.name): \(host.value["notRead"]?[field]?.string ?? "\(field) not read")")
                continue
            }
            assessed += 1
            violations += check(host)
        }
        guard assessed > 0 else { return .notAssessed(reasons.joined(separator: "; ")) }
        let skipped = reasons.isEmpty ? "" : "; not assessed on " + reasons.joined(separator: "; ")
        return .from(violations, pass: "\(pass) (\(assessed) node\(assessed == 1 ? "" : "s")\(skipped))")
    }

    static func blocks(_ host: KubeObject) -> [String: Value] {
        var out: [String: Value] = [:]
        for b in host.value["modprobe"]?["blacklisted"]?.array ?? [] {
            if let module = b["module"]?.string, out[module] == nil { out[module] = b }
        }
        return out
    }

    static func unblocked(_ modules: [String], severity: Severity?, why: String) -> (KubeObject) -> [Violation] {
        { host in
            let blocked = blocks(host)
            let sources = host.value["modprobe"]?["sources"]?.array?.compactMap(\.string) ?? []
            let read = sources.isEmpty ? "no .conf file in the modprobe.d directories" : "read \(sources.joined(separator: ", "))"
            return modules.filter { blocked[$0] == nil }.map { module in
                Violation(object: host, location: "modprobe.d/\(module)", value: "not blocked",
                          message: "node \(host.name): kernel module \(module) is neither blacklisted nor installed as /bin/false in modprobe.d (\(read)); \(why)",
                          severity: severity)
            }
        }
    }

    // MARK: BW-S7-101

    /// Reads: NodeHost `modprobe.blacklisted` (from /etc, /run, /usr/local/lib, /lib, /usr/lib
    /// modprobe.d). Allows: `blacklist dccp` or `install dccp /bin/false|/bin/true`, same for sctp.
    static let guideModulesBlocked = Control(
        id: "BW-S7-101", section: .s7, severity: .medium,
        title: "Nodes block the dccp and sctp kernel modules (modprobe.d)",
        remediation: "Write /etc/modprobe.d/kubernetes-blacklist.conf with `blacklist dccp`, `install dccp /bin/false`, `blacklist sctp`, `install sctp /bin/false` on every node (the install line also stops an explicit modprobe).",
        references: [:],
        reads: ["NodeHost"]
    ) { context in
        perNode(context, field: "modprobe", pass: "dccp and sctp are blocked in modprobe.d",
                unblocked(guideModules, severity: nil, why: "an unprivileged user can make the kernel load it by opening a socket of that protocol, exposing its bugs (the guide's example)"))
    }

    // MARK: BW-S7-102

    /// Reads: as BW-S7-101, for rds and tipc. Allows: both blocked.
    static let otherModulesBlocked = Control(
        id: "BW-S7-102", section: .s7, severity: .low,
        title: "Nodes block other rarely used network protocol modules (rds, tipc)",
        remediation: "Add `blacklist rds`, `install rds /bin/false`, `blacklist tipc`, `install tipc /bin/false` to /etc/modprobe.d/ on every node that does not use them.",
        references: [:],
        reads: ["NodeHost"]
    ) { context in
        perNode(context, field: "modprobe", pass: "rds and tipc are blocked in modprobe.d",
                unblocked(recommendedModules, severity: nil, why: "these protocols are rarely used on cluster nodes and have had local privilege-escalation bugs; loading on demand exposes them"))
    }

    // MARK: BW-S7-103

    /// Reads: NodeHost `kernelModules.loaded` (/proc/modules). Allows: none of dccp, sctp, rds,
    /// tipc (or their sub-modules such as dccp_ipv4, rds_tcp) loaded. rds/tipc findings are low.
    static let riskyModulesLoaded = Control(
        id: "BW-S7-103", section: .s7, severity: .medium,
        title: "Risky network protocol modules are not loaded on nodes",
        remediation: "Unload the module (`modprobe -r sctp`) if nothing needs it, then block it in /etc/modprobe.d so it is not loaded again; if a workload needs it, document that and keep the node patched.",
        references: [:],
        reads: ["NodeHost"]
    ) { context in
        perNode(context, field: "kernelModules", pass: "none of dccp, sctp, rds, tipc is loaded") { host in
            let loaded = host.value["kernelModules"]?["loaded"]?.array?.compactMap(\.string) ?? []
            return (guideModules + recommendedModules).flatMap { module -> [Violation] in
                let matches = loaded.filter { $0 == module || $0.hasPrefix(module + "_") }
                guard !matches.isEmpty else { return [] }
                return [Violation(object: host, location: "/proc/modules", value: matches.joined(separator: ", "),
                                  message: "node \(host.name): kernel module \(module) is loaded now (\(matches.joined(separator: ", "))); a block in modprobe.d only takes effect for later loads",
                                  severity: recommendedModules.contains(module) ? .low : nil)]
            }
        }
    }

    // MARK: BW-S7-104

    /// Reads: NodeHost `selinux.enforce` (/sys/fs/selinux/enforce) and `apparmor.enabled`
    /// (/sys/module/apparmor/parameters/enabled). Allows: SELinux enforcing ("1") or AppArmor
    /// enabled ("Y"). A missing file counts as "off" only when the node's /sys was visible.
    static let securityModule = Control(
        id: "BW-S7-104", section: .s7, severity: .medium,
        title: "Nodes run SELinux in enforcing mode or AppArmor",
        remediation: "Enable SELinux in enforcing mode (`setenforce 1`, SELINUX=enforcing in /etc/selinux/config) or AppArmor (the default on Ubuntu and Debian kernels) on every node; with SELinux, policy can deny module_request for containers.",
        references: [:],
        reads: ["NodeHost"]
    ) { context in
        let hosts = context.nodeHosts
        guard !hosts.isEmpty else { return .notAssessed(NodeFacts.noNode) }
        var violations: [Violation] = []
        var reasons: [String] = []
        var assessed = 0
        for host in hosts {
            let selinux = host.value["selinux"]?["enforce"]?.string
            let apparmor = host.value["apparmor"]?["enabled"]?.string
            if selinux == "1" || apparmor == "Y" { assessed += 1; continue }
            let sysfs = host.value["sysfs"]?.bool == true
            let notRead = host.value["notRead"]
            let selinuxOff = selinux != nil || (sysfs && notRead?["selinux"]?.string?.contains("does not exist") == true)
            let apparmorOff = apparmor != nil || (sysfs && notRead?["apparmor"]?.string?.contains("does not exist") == true)
            guard selinuxOff && apparmorOff else {
                reasons.append("node \(host.name): \([notRead?["selinux"]?.string, notRead?["apparmor"]?.string].compactMap { $0 }.joined(separator: "; "))")
                continue
            }
            assessed += 1
            let seen = "SELinux \(selinux.map { $0 == "0" ? "permissive (enforce=0)" : "enforce=\($0)" } ?? "not enabled"), AppArmor \(apparmor.map { "enabled=\($0)" } ?? "not enabled")"
            violations.append(Violation(object: host, location: "/sys/fs/selinux/enforce, /sys/module/apparmor/parameters/enabled", value: seen,
                                        message: "node \(host.name): neither SELinux enforcing nor AppArmor is on (\(seen)): no mandatory access control confines containers or denies their module_request"))
        }
        guard assessed > 0 else { return .notAssessed(reasons.joined(separator: "; ")) }
        let skipped = reasons.isEmpty ? "" : "; not assessed on " + reasons.joined(separator: "; ")
        return .from(violations, pass: "SELinux enforcing or AppArmor enabled (\(assessed) node\(assessed == 1 ? "" : "s")\(skipped))")
    }
}
