import BulwarkModel

// hostProbesAndHostLifecycle (baseline) — upstream policy/check_hostProbesAndhostLifecycle.go
// Reads:  spec.{initContainers,containers,ephemeralContainers}[*].{livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.host,
//         spec.{initContainers,containers,ephemeralContainers}[*].lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host
// Allows: "", undefined
// Versions: 1.34

extension CheckDefinition {
    static let hostProbesAndHostLifecycle = CheckDefinition(
        id: "hostProbesAndHostLifecycle", level: .baseline, title: "Host in probes and lifecycle hooks",
        versions: [VersionedCheck(since: 34, hostProbesAndHostLifecycle_1_34)])
}

private func hostProbesAndHostLifecycle_1_34(_ pod: PodView) -> CheckFailure? {
    var badContainers: [String] = []
    var hosts: [String] = []
    var fields: [FailingField] = []
    for container in pod.containers where !container.handlerHosts.isEmpty {
        badContainers.append(container.name)
        hosts += container.handlerHosts.map(\.value)
        fields += container.handlerHosts.map { FailingField(path: $0.path, value: $0.value) }
    }
    guard !badContainers.isEmpty else { return nil }
    // Unlike most checks, upstream keeps both the container names and the hosts in sets here,
    // so both lists come out sorted and de-duplicated.
    let names = sortedSet(badContainers)
    let forbidden = sortedSet(hosts)
    return CheckFailure(
        reason: "probe or lifecycle host",
        detail: "\(pluralize("container", "containers", names.count)) \(joinQuote(names)) \(pluralize("uses", "use", names.count)) \(pluralize("probe or lifecycle host", "probe or lifecycle hosts", forbidden.count)) \(joinQuote(forbidden))",
        fields: fields)
}
