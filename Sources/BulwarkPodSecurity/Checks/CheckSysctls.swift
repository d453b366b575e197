import BulwarkModel

// sysctls (baseline) — upstream policy/check_sysctls.go
// Reads:  spec.securityContext.sysctls[*].name
// Allows: 1.0:  kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies,
//               net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start
//         1.27: + net.ipv4.ip_local_reserved_ports
//         1.29: + net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout,
//                 net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes
//         1.32: + net.ipv4.tcp_rmem, net.ipv4.tcp_wmem
//         1.37: + net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat
// Versions: 1.0, 1.27, 1.29, 1.32, 1.37

extension CheckDefinition {
    static let sysctls = CheckDefinition(
        id: "sysctls", level: .baseline, title: "Sysctls",
        versions: [
            VersionedCheck(since: 0) { forbiddenSysctls($0, allowed: sysctlsAllowed_1_0) },
            VersionedCheck(since: 27) { forbiddenSysctls($0, allowed: sysctlsAllowed_1_27) },
            VersionedCheck(since: 29) { forbiddenSysctls($0, allowed: sysctlsAllowed_1_29) },
            VersionedCheck(since: 32) { forbiddenSysctls($0, allowed: sysctlsAllowed_1_32) },
            VersionedCheck(since: 37) { forbiddenSysctls($0, allowed: sysctlsAllowed_1_37) },
        ])
}

private let sysctlsAllowed_1_0: Set<String> = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start",
]
private let sysctlsAllowed_1_27 = sysctlsAllowed_1_0.union(["net.ipv4.ip_local_reserved_ports"])
private let sysctlsAllowed_1_29 = sysctlsAllowed_1_27.union([
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
])
private let sysctlsAllowed_1_32 = sysctlsAllowed_1_29.union(["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"])
private let sysctlsAllowed_1_37 = sysctlsAllowed_1_32.union([
    "net.ipv4.tcp_slow_start_after_idle",
    "net.ipv4.tcp_notsent_lowat",
])

private func forbiddenSysctls(_ pod: PodView, allowed: Set<String>) -> CheckFailure? {
    let forbidden = pod.securityContext.sysctls.filter { !allowed.contains($0.value) }
    guard !forbidden.isEmpty else { return nil }
    // Upstream lists every forbidden name in spec order, duplicates included.
    return CheckFailure(
        reason: "forbidden sysctls",
        detail: forbidden.map(\.value).joined(separator: ", "),
        fields: forbidden.map { FailingField(path: $0.path, value: $0.value) })
}
