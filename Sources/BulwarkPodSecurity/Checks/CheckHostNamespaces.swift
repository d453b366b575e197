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
    let enabled = [pod.hostNetwork, pod.hostPID, pod.hostIPC].compactMap { $0 }.filter(\.value)
    guard !enabled.isEmpty else { return nil }
    // Upstream lists the field names from a sorted set: hostIPC, hostNetwork, hostPID.
    let names = sortedSet(enabled.map { fieldName($0.path) })
    let fields = enabled
        .sorted { goLess(fieldName($0.path), fieldName($1.path)) }
        .map { FailingField(path: $0.path, value: "true") }
    return CheckFailure(reason: "host namespaces", detail: names.joined(separator: ", "), fields: fields)
}

private func fieldName(_ path: BulwarkModel.FieldPath) -> String {
    if case .key(let key)? = path.components.last { return key }
    return ""
}
