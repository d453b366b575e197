import BulwarkModel

// privileged (baseline) — upstream policy/check_privileged.go
// Reads:  spec.{initContainers,containers,ephemeralContainers}[*].securityContext.privileged
// Allows: undefined, false
// Versions: 1.0

extension CheckDefinition {
    static let privileged = CheckDefinition(
        id: "privileged", level: .baseline, title: "Privileged containers",
        versions: [VersionedCheck(since: 0, privileged_1_0)])
}

private func privileged_1_0(_ pod: PodView) -> CheckFailure? {
    var badContainers: [String] = []
    var fields: [FailingField] = []
    for container in pod.containers {
        if let privileged = container.securityContext?.privileged, privileged.value {
            badContainers.append(container.name)
            fields.append(FailingField(path: privileged.path, value: "true"))
        }
    }
    guard !badContainers.isEmpty else { return nil }
    return CheckFailure(
        reason: "privileged",
        detail: "\(containersPhrase(badContainers)) must not set securityContext.privileged=true",
        fields: fields)
}
