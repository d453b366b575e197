import BulwarkModel

// runAsUser (restricted) — upstream policy/check_runAsUser.go
// Reads:  spec.securityContext.runAsUser,
//         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsUser;
//         from 1.35 also spec.hostUsers
// Allows: any value but 0, undefined. From 1.35 anything when spec.hostUsers is false.
// Versions: 1.23, 1.35

extension CheckDefinition {
    static let runAsUser = CheckDefinition(
        id: "runAsUser", level: .restricted, title: "Running as UID 0",
        versions: [
            VersionedCheck(since: 23, runAsUser_1_23),
            VersionedCheck(since: 35, runAsUser_1_35),
        ])
}

private func runAsUser_1_23(_ pod: PodView) -> CheckFailure? {
    var badSetters: [String] = []
    var fields: [FailingField] = []
    if let setting = pod.securityContext.runAsUser, setting.value == 0 {
        badSetters.append("pod")
        fields.append(FailingField(path: setting.path, value: "0"))
    }
    var badContainers: [String] = []
    for container in pod.containers {
        guard let setting = container.securityContext?.runAsUser, setting.value == 0 else { continue }
        badContainers.append(container.name)
        fields.append(FailingField(path: setting.path, value: "0"))
    }
    if !badContainers.isEmpty { badSetters.append(containersPhrase(badContainers)) }
    guard !badSetters.isEmpty else { return nil }
    return CheckFailure(
        reason: "runAsUser=0",
        detail: "\(badSetters.joined(separator: " and ")) must not set runAsUser=0",
        fields: fields)
}

/// KEP-127: in a user namespace (hostUsers: false) UID 0 maps to an unprivileged host UID.
private func runAsUser_1_35(_ pod: PodView) -> CheckFailure? {
    pod.usesUserNamespace ? nil : runAsUser_1_23(pod)
}
