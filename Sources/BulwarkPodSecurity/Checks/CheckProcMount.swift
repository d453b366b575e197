import BulwarkModel

// procMount (baseline) — upstream policy/check_procMount_baseline.go (ID "procMount")
// Reads:  spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount;
//         from 1.35 also spec.hostUsers
// Allows: undefined, "Default"; from 1.35 any value when spec.hostUsers is false
// Versions: 1.0, 1.35 (restricted replaces it with procMount_restricted from 1.35)

extension CheckDefinition {
    static let procMount = CheckDefinition(
        id: procMountID, level: .baseline, title: "/proc mount type",
        versions: [
            VersionedCheck(since: 0, procMount_1_0),
            VersionedCheck(since: 35, procMount_1_35_baseline),
        ])
}

let procMountID = "procMount"

/// Blocks any non-default procMount unconditionally (also run by procMount_restricted).
func procMount_1_0(_ pod: PodView) -> CheckFailure? {
    var badContainers: [String] = []
    var badTypes: [String] = []
    var fields: [FailingField] = []
    for container in pod.containers {
        guard let procMount = container.securityContext?.procMount, procMount.value != "Default" else { continue }
        badContainers.append(container.name)
        badTypes.append(procMount.value)
        fields.append(FailingField(path: procMount.path, value: procMount.value))
    }
    guard !badContainers.isEmpty else { return nil }
    return CheckFailure(
        reason: "procMount",
        detail: "\(containersPhrase(badContainers)) must not set securityContext.procMount to \(joinQuote(sortedSet(badTypes)))",
        fields: fields)
}

/// KEP-127: a pod in a user namespace (hostUsers: false) may use any procMount at baseline.
private func procMount_1_35_baseline(_ pod: PodView) -> CheckFailure? {
    pod.usesUserNamespace ? nil : procMount_1_0(pod)
}
