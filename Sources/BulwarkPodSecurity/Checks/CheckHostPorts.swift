import BulwarkModel

// hostPorts (baseline) — upstream policy/check_hostPorts.go
// Reads:  spec.{initContainers,containers,ephemeralContainers}[*].ports[*].hostPort
// Allows: undefined, 0
// Versions: 1.0

extension CheckDefinition {
    static let hostPorts = CheckDefinition(
        id: "hostPorts", level: .baseline, title: "Host ports",
        versions: [VersionedCheck(since: 0, hostPorts_1_0)])
}

private func hostPorts_1_0(_ pod: PodView) -> CheckFailure? {
    var badContainers: [String] = []
    var ports: [String] = []
    var fields: [FailingField] = []
    for container in pod.containers where !container.hostPorts.isEmpty {
        badContainers.append(container.name)
        ports += container.hostPorts.map { String($0.value) }
        fields += container.hostPorts.map { FailingField(path: $0.path, value: String($0.value)) }
    }
    guard !badContainers.isEmpty else { return nil }
    // Upstream keeps the ports in a string set, so they sort as text ("8080" before "80" is false,
    // but "10000" before "80" is true).
    let forbidden = sortedSet(ports)
    return CheckFailure(
        reason: "hostPort",
        detail: "\(containersPhrase(badContainers)) \(pluralize("uses", "use", badContainers.count)) \(pluralize("hostPort", "hostPorts", forbidden.count)) \(forbidden.joined(separator: ", "))",
        fields: fields)
}
