import BulwarkModel

// seccompProfile_restricted (restricted) — upstream policy/check_seccompProfile_restricted.go
// Reads:  spec.securityContext.seccompProfile.type,
//         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type;
//         from 1.25 also spec.os.name
// Allows: RuntimeDefault or Localhost at pod level (containers may then leave it unset) or on
//         every container; unset fails. From 1.25 anything for pods with spec.os.name "windows".
// Versions: 1.19, 1.25, both overriding baseline seccompProfile_baseline

extension CheckDefinition {
    static let seccompProfileRestricted = CheckDefinition(
        id: "seccompProfile_restricted", level: .restricted, title: "Seccomp profile (restricted)",
        versions: [
            VersionedCheck(since: 19, overriding: [seccompProfileBaselineID], seccompProfileRestricted_1_19),
            VersionedCheck(since: 25, overriding: [seccompProfileBaselineID], seccompProfileRestricted_1_25),
        ])
}

private func seccompProfileRestricted_1_19(_ pod: PodView) -> CheckFailure? {
    var badSetters: [String] = []
    var badValues: [String] = []
    var explicitFields: [FailingField] = []
    var podSeccompSet = false
    if let profile = pod.securityContext.seccompProfile {
        if validSeccompType(profile.type) {
            podSeccompSet = true
        } else {
            badSetters.append("pod")
            badValues.append(profile.type)
            explicitFields.append(FailingField(path: profile.path, value: profile.type))
        }
    }

    var explicitlyBad: [String] = []
    var implicitlyBad: [String] = []
    var implicitFields: [FailingField] = []
    for container in pod.containers {
        if let profile = container.securityContext?.seccompProfile {
            if !validSeccompType(profile.type) {
                explicitlyBad.append(container.name)
                badValues.append(profile.type)
                explicitFields.append(FailingField(path: profile.path, value: profile.type))
            }
        } else if !podSeccompSet {
            implicitlyBad.append(container.name)
            implicitFields.append(FailingField(
                path: container.path.appending("securityContext").appending("seccompProfile").appending("type"),
                value: nil))
        }
    }
    if !explicitlyBad.isEmpty { badSetters.append(containersPhrase(explicitlyBad)) }

    if !badSetters.isEmpty {
        return CheckFailure(
            reason: "seccompProfile",
            detail: "\(badSetters.joined(separator: " and ")) must not set securityContext.seccompProfile.type to \(joinQuote(sortedSet(badValues)))",
            fields: explicitFields)
    }
    if !implicitlyBad.isEmpty {
        return CheckFailure(
            reason: "seccompProfile",
            detail: "pod or \(containersPhrase(implicitlyBad)) must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"",
            fields: implicitFields)
    }
    return nil
}

/// Windows pods have no seccomp, so they are exempt.
private func seccompProfileRestricted_1_25(_ pod: PodView) -> CheckFailure? {
    pod.isWindows ? nil : seccompProfileRestricted_1_19(pod)
}
