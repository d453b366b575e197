import BulwarkModel

// runAsNonRoot (restricted) — upstream policy/check_runAsNonRoot.go
// Reads:  spec.securityContext.runAsNonRoot,
//         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsNonRoot;
//         from 1.35 also spec.hostUsers
// Allows: true at pod level (containers may then leave it unset) or true on every container;
//         an explicit false anywhere fails. From 1.35 anything when spec.hostUsers is false.
// Versions: 1.0, 1.35 (upstream removed the feature-gated user-namespace relaxation from 1.0)

extension CheckDefinition {
    static let runAsNonRoot = CheckDefinition(
        id: "runAsNonRoot", level: .restricted, title: "Running as non-root",
        versions: [
            VersionedCheck(since: 0, runAsNonRoot_1_0),
            VersionedCheck(since: 35, runAsNonRoot_1_35),
        ])
}

private func runAsNonRoot_1_0(_ pod: PodView) -> CheckFailure? {
    var badSetters: [String] = []
    var explicitFields: [FailingField] = []
    var podRunAsNonRoot = false
    if let setting = pod.securityContext.runAsNonRoot {
        if setting.value {
            podRunAsNonRoot = true
        } else {
            badSetters.append("pod")
            explicitFields.append(FailingField(path: setting.path, value: "false"))
        }
    }

    var explicitlyBad: [String] = []
    var implicitlyBad: [String] = []
    var implicitFields: [FailingField] = []
    for container in pod.containers {
        if let setting = container.securityContext?.runAsNonRoot {
            if !setting.value {
                explicitlyBad.append(container.name)
                explicitFields.append(FailingField(path: setting.path, value: "false"))
            }
        } else if !podRunAsNonRoot {
            implicitlyBad.append(container.name)
            implicitFields.append(FailingField(
                path: container.path.appending("securityContext").appending("runAsNonRoot"), value: nil))
        }
    }
    if !explicitlyBad.isEmpty { badSetters.append(containersPhrase(explicitlyBad)) }

    if !badSetters.isEmpty {
        return CheckFailure(
            reason: "runAsNonRoot != true",
            detail: "\(badSetters.joined(separator: " and ")) must not set securityContext.runAsNonRoot=false",
            fields: explicitFields)
    }
    if !implicitlyBad.isEmpty {
        return CheckFailure(
            reason: "runAsNonRoot != true",
            detail: "pod or \(containersPhrase(implicitlyBad)) must set securityContext.runAsNonRoot=true",
            fields: implicitFields)
    }
    return nil
}

/// KEP-127: in a user namespace (hostUsers: false) root in the container is not root on the host.
private func runAsNonRoot_1_35(_ pod: PodView) -> CheckFailure? {
    pod.usesUserNamespace ? nil : runAsNonRoot_1_0(pod)
}
