import BulwarkModel

// allowPrivilegeEscalation (restricted) — upstream policy/check_allowPrivilegeEscalation.go
// Reads:  spec.{initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation;
//         from 1.25 also spec.os.name
// Allows: false (explicitly); from 1.25 anything for pods with spec.os.name "windows"
// Versions: 1.8, 1.25

extension CheckDefinition {
    static let allowPrivilegeEscalation = CheckDefinition(
        id: "allowPrivilegeEscalation", level: .restricted, title: "Privilege escalation",
        versions: [
            VersionedCheck(since: 8, allowPrivilegeEscalation_1_8),
            VersionedCheck(since: 25, allowPrivilegeEscalation_1_25),
        ])
}

private func allowPrivilegeEscalation_1_8(_ pod: PodView) -> CheckFailure? {
    var badContainers: [String] = []
    var fields: [FailingField] = []
    for container in pod.containers {
        let setting = container.securityContext?.allowPrivilegeEscalation
        guard setting?.value != false else { continue }
        badContainers.append(container.name)
        fields.append(FailingField(
            path: setting?.path ?? container.path.appending("securityContext").appending("allowPrivilegeEscalation"),
            value: setting.map { String($0.value) }))
    }
    guard !badContainers.isEmpty else { return nil }
    return CheckFailure(
        reason: "allowPrivilegeEscalation != false",
        detail: "\(containersPhrase(badContainers)) must set securityContext.allowPrivilegeEscalation=false",
        fields: fields)
}

/// Windows pods cannot set the field (API validation forbids it), so they are exempt.
private func allowPrivilegeEscalation_1_25(_ pod: PodView) -> CheckFailure? {
    pod.isWindows ? nil : allowPrivilegeEscalation_1_8(pod)
}
