import BulwarkModel

// appArmorProfile (baseline) — upstream policy/check_appArmorProfile.go
// Reads:  spec.securityContext.appArmorProfile.type,
//         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.appArmorProfile.type,
//         metadata.annotations["container.apparmor.security.beta.kubernetes.io/*"]
// Allows: field: RuntimeDefault, Localhost, undefined (so Unconfined and an empty type fail);
//         annotation: "", "runtime/default", "localhost/*"
// Versions: 1.0 (upstream amended the 1.0 implementation in place to read the field too, so the
//           field is checked at every version)
// Message: current upstream (1.30+) reports fields and annotations in one detail:
//          `<pod> and <containers "a"> and <annotation(s)> must not set AppArmor profile type to <values>`,
//          values = sorted distinct field types, then sorted `key=%q` annotation strings, all
//          joinQuote'd (so annotations read `"container.apparmor…/e="unconfined""`). The older
//          annotation-only form (detail `key="value", …`) is pre-1.30 and no longer produced.

extension CheckDefinition {
    static let appArmorProfile = CheckDefinition(
        id: "appArmorProfile", level: .baseline, title: "AppArmor profile",
        versions: [VersionedCheck(since: 0, appArmorProfile_1_0)])
}

private let appArmorAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/"

private func allowedAppArmorType(_ type: String) -> Bool {
    type == "RuntimeDefault" || type == "Localhost"
}

private func allowedAppArmorAnnotation(_ value: String) -> Bool {
    value.isEmpty || value == "runtime/default" || value.hasPrefix("localhost/")
}

private func appArmorProfile_1_0(_ pod: PodView) -> CheckFailure? {
    var badSetters: [String] = []
    var badValues: [String] = []
    var fields: [FailingField] = []

    if let profile = pod.securityContext.appArmorProfile, !allowedAppArmorType(profile.type) {
        badSetters.append("pod")
        badValues.append(profile.type)
        fields.append(FailingField(path: profile.path, value: profile.type))
    }

    var badContainers: [String] = []
    for container in pod.containers {
        guard let profile = container.securityContext?.appArmorProfile, !allowedAppArmorType(profile.type) else { continue }
        badContainers.append(container.name)
        badValues.append(profile.type)
        fields.append(FailingField(path: profile.path, value: profile.type))
    }
    if !badContainers.isEmpty { badSetters.append(containersPhrase(badContainers)) }

    var badValueList = sortedSet(badValues)
    let forbiddenAnnotations = pod.annotations
        .filter { $0.key.hasPrefix(appArmorAnnotationPrefix) && !allowedAppArmorAnnotation($0.value) }
        .sorted { goLess("\($0.key)=\(goQuoted($0.value))", "\($1.key)=\(goQuoted($1.value))") }
    if !forbiddenAnnotations.isEmpty {
        badValueList += forbiddenAnnotations.map { "\($0.key)=\(goQuoted($0.value))" }
        badSetters.append(pluralize("annotation", "annotations", forbiddenAnnotations.count))
        fields += forbiddenAnnotations.map { FailingField(path: $0.path, value: $0.value) }
    }

    guard !badSetters.isEmpty else { return nil }
    return CheckFailure(
        reason: pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", badValueList.count),
        detail: "\(badSetters.joined(separator: " and ")) must not set AppArmor profile type to \(joinQuote(badValueList))",
        fields: fields)
}
