import BulwarkModel

// hostNamespaces (baseline) — upstream policy/check_hostNamespaces.go
// Reads:  spec.hostNetwork, spec.hostPID, spec.hostIPC
// Allows: undefined, false
// Versions: 1.0

extension CheckDefinition {
    static let hostNamespaces = CheckDefinition(
        id: "hostNamespaces", level: .baseline, title: "Host namespaces",
        versions: [VersionedCheck(since: 0, hostNamespaces_1_0)])
}

private func hostNamespaces_1_0(_ pod: PodView) -> CheckFailure? {
    // Upstream collects the names in a string set, so they come out sorted:
    // hostIPC, hostNetwork, hostPID.
    let enabled = [("hostIPC", pod.hostIPC), ("hostNetwork", pod.hostNetwork), ("hostPID", pod.hostPID)]
        .compactMap { name, setting in setting?.value == true ? (name: name, path: setting?.path) : nil }
    guard !enabled.isEmpty else { return nil }
    return CheckFailure(
        reason: "host namespaces",
        detail: enabled.map(\.name).joined(separator: ", "),
        fields: enabled.compactMap { $0.path.map { FailingField(path: $0, value: "true") } })
}
