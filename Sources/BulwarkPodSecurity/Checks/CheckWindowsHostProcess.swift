import BulwarkModel

// windowsHostProcess (baseline) — upstream policy/check_windowsHostProcess.go
// Reads:  spec.securityContext.windowsOptions.hostProcess,
//         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.windowsOptions.hostProcess
// Allows: undefined, false
// Versions: 1.0

extension CheckDefinition {
    static let windowsHostProcess = CheckDefinition(
        id: "windowsHostProcess", level: .baseline, title: "Windows HostProcess",
        versions: [VersionedCheck(since: 0, windowsHostProcess_1_0)])
}

private func windowsHostProcess_1_0(_ pod: PodView) -> CheckFailure? {
    var fields: [FailingField] = []
    var badContainers: [String] = []
    for container in pod.containers {
        guard let hostProcess = container.securityContext?.hostProcess, hostProcess.value else { continue }
        badContainers.append(container.name)
        fields.append(FailingField(path: hostProcess.path, value: "true"))
    }
    var setters: [String] = []
    if let hostProcess = pod.securityContext.hostProcess, hostProcess.value {
        setters.append("pod")
        fields.insert(FailingField(path: hostProcess.path, value: "true"), at: 0)
    }
    if !badContainers.isEmpty { setters.append(containersPhrase(badContainers)) }
    guard !setters.isEmpty else { return nil }
    return CheckFailure(
        reason: "hostProcess",
        detail: "\(setters.joined(separator: " and ")) must not set securityContext.windowsOptions.hostProcess=true",
        fields: fields)
}
