import BulwarkModel

// capabilities_baseline (baseline) — upstream policy/check_capabilities_baseline.go
// Reads:  spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
// Allows: undefined, empty, or only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD,
//         NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT
// Versions: 1.0 (replaced under restricted by capabilities_restricted from 1.22)

extension CheckDefinition {
    static let capabilitiesBaseline = CheckDefinition(
        id: capabilitiesBaselineID, level: .baseline, title: "Non-default capabilities",
        versions: [VersionedCheck(since: 0, capabilitiesBaseline_1_0)])
}

let capabilitiesBaselineID = "capabilities_baseline"

private let capabilitiesAllowed_1_0: Set<String> = [
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]

private func capabilitiesBaseline_1_0(_ pod: PodView) -> CheckFailure? {
    var badContainers: [String] = []
    var nonDefault: [String] = []
    var fields: [FailingField] = []
    for container in pod.containers {
        guard let capabilities = container.securityContext?.capabilities else { continue }
        let bad = capabilities.add.filter { !capabilitiesAllowed_1_0.contains($0.value) }
        guard !bad.isEmpty else { continue }
        badContainers.append(container.name)
        nonDefault += bad.map(\.value)
        fields += bad.map { FailingField(path: $0.path, value: $0.value) }
    }
    guard !badContainers.isEmpty else { return nil }
    return CheckFailure(
        reason: "non-default capabilities",
        detail: "\(containersPhrase(badContainers)) must not include \(joinQuote(sortedSet(nonDefault))) in securityContext.capabilities.add",
        fields: fields)
}
