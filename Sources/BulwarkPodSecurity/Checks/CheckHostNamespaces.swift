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
    // Upstream appends "hostNetwork=true", "hostPID=true", "hostIPC=true" in this order and joins
    // them with ", " (an early version kept bare names in a sorted set; current upstream does not).
    let enabled = [("hostNetwork", pod.hostNetwork), ("hostPID", pod.hostPID), ("hostIPC", pod.hostIPC)]
        .compactMap { name, setting in setting?.value == true ? (name: name, path: setting?.path) : nil }
    guard !enabled.isEmpty else { return nil }
    return CheckFailure(
        reason: "host namespaces",
        detail: enabled.map { "\($0.name)=true" }.joined(separator: ", "),
        fields: enabled.compactMap { $0.path.map { FailingField(path: $0, value: "true") } })
}
