import BulwarkModel

// hostPathVolumes (baseline) — upstream policy/check_hostPathVolumes.go
// Reads:  spec.volumes[*].hostPath
// Allows: undefined
// Versions: 1.0 (replaced under restricted by restrictedVolumes)

extension CheckDefinition {
    static let hostPathVolumes = CheckDefinition(
        id: hostPathVolumesID, level: .baseline, title: "HostPath volumes",
        versions: [VersionedCheck(since: 0, hostPathVolumes_1_0)])
}

let hostPathVolumesID = "hostPathVolumes"

private func hostPathVolumes_1_0(_ pod: PodView) -> CheckFailure? {
    let hostVolumes = pod.volumes.filter { $0.sourceTypes.contains("hostPath") }
    guard !hostVolumes.isEmpty else { return nil }
    let names = hostVolumes.map(\.name)
    return CheckFailure(
        reason: "hostPath volumes",
        detail: "\(pluralize("volume", "volumes", names.count)) \(joinQuote(names))",
        fields: hostVolumes.map { FailingField(path: $0.path.appending("hostPath"), value: $0.hostPath ?? $0.name) })
}
