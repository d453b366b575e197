import BulwarkModel

// capabilities_restricted (restricted) — upstream policy/check_capabilities_restricted.go
// Reads:  spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.{drop,add};
//         from 1.25 also spec.os.name
// Allows: drop must include "ALL"; add may only hold "NET_BIND_SERVICE".
//         From 1.25 anything for pods with spec.os.name "windows".
// Versions: 1.22, 1.25, both overriding baseline capabilities_baseline

extension CheckDefinition {
    static let capabilitiesRestricted = CheckDefinition(
        id: "capabilities_restricted", level: .restricted, title: "Capabilities (restricted)",
        versions: [
            VersionedCheck(since: 22, overriding: [capabilitiesBaselineID], capabilitiesRestricted_1_22),
            VersionedCheck(since: 25, overriding: [capabilitiesBaselineID], capabilitiesRestricted_1_25),
        ])
}

private func capabilitiesRestricted_1_22(_ pod: PodView) -> CheckFailure? {
    var missingDropAll: [String] = []
    var addingForbidden: [String] = []
    var forbiddenCapabilities: [String] = []
    var dropFields: [FailingField] = []
    var addFields: [FailingField] = []
    for container in pod.containers {
        let dropPath = container.path.appending("securityContext").appending("capabilities").appending("drop")
        guard let capabilities = container.securityContext?.capabilities else {
            missingDropAll.append(container.name)
            dropFields.append(FailingField(path: dropPath, value: nil))
            continue
        }
        if !capabilities.drop.contains(where: { $0.value == "ALL" }) {
            missingDropAll.append(container.name)
            dropFields.append(FailingField(
                path: dropPath,
                value: capabilities.drop.isEmpty ? nil : "[" + capabilities.drop.map(\.value).joined(separator: ", ") + "]"))
        }
        let forbidden = capabilities.add.filter { $0.value != "NET_BIND_SERVICE" }
        if !forbidden.isEmpty {
            addingForbidden.append(container.name)
            forbiddenCapabilities += forbidden.map(\.value)
            addFields += forbidden.map { FailingField(path: $0.path, value: $0.value) }
        }
    }
    var details: [String] = []
    if !missingDropAll.isEmpty {
        details.append("\(containersPhrase(missingDropAll)) must set securityContext.capabilities.drop=[\"ALL\"]")
    }
    if !addingForbidden.isEmpty {
        details.append("\(containersPhrase(addingForbidden)) must not include \(joinQuote(sortedSet(forbiddenCapabilities))) in securityContext.capabilities.add")
    }
    guard !details.isEmpty else { return nil }
    return CheckFailure(
        reason: "unrestricted capabilities",
        detail: details.joined(separator: "; "),
        fields: dropFields + addFields)
}

/// Windows pods have no Linux capabilities, so they are exempt.
private func capabilitiesRestricted_1_25(_ pod: PodView) -> CheckFailure? {
    pod.isWindows ? nil : capabilitiesRestricted_1_22(pod)
}
