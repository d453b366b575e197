import BulwarkModel

// seccompProfile_baseline (baseline) — upstream policy/check_seccompProfile_baseline.go
// Reads:  before 1.19: metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"] and
//         metadata.annotations["container.seccomp.security.alpha.kubernetes.io/<container name>"];
//         from 1.19: spec.securityContext.seccompProfile.type and
//         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type
// Allows: annotations: "runtime/default", "docker/default", "localhost/*", undefined;
//         fields: RuntimeDefault, Localhost, undefined
// Versions: 1.0, 1.19 (restricted replaces it with seccompProfile_restricted from 1.19)

extension CheckDefinition {
    static let seccompProfileBaseline = CheckDefinition(
        id: seccompProfileBaselineID, level: .baseline, title: "Seccomp profile",
        versions: [
            VersionedCheck(since: 0, seccompProfileBaseline_1_0),
            VersionedCheck(since: 19, seccompProfileBaseline_1_19),
        ])
}

let seccompProfileBaselineID = "seccompProfile_baseline"

private let seccompPodAnnotation = "seccomp.security.alpha.kubernetes.io/pod"
private let seccompContainerAnnotationPrefix = "container.seccomp.security.alpha.kubernetes.io/"

func validSeccompType(_ type: String) -> Bool {
    type == "Localhost" || type == "RuntimeDefault"
}

private func validSeccompAnnotation(_ value: String) -> Bool {
    value == "runtime/default" || value == "docker/default" || value.hasPrefix("localhost/")
}

private func seccompProfileBaseline_1_0(_ pod: PodView) -> CheckFailure? {
    var forbidden: [String] = []
    var fields: [FailingField] = []
    func inspect(_ annotation: AnnotationView?) {
        guard let annotation, !validSeccompAnnotation(annotation.value) else { return }
        let text = "\(annotation.key)=\(goQuoted(annotation.value))"
        // Upstream collects a set: a container name seen twice reports its annotation once.
        if !forbidden.contains(text) {
            forbidden.append(text)
            fields.append(FailingField(path: annotation.path, value: annotation.value))
        }
    }
    inspect(pod.annotation(seccompPodAnnotation))
    for container in pod.containers {
        inspect(pod.annotation(seccompContainerAnnotationPrefix + container.name))
    }
    guard !forbidden.isEmpty else { return nil }
    let sorted = sortedSet(forbidden)
    return CheckFailure(
        reason: "seccompProfile",
        detail: "forbidden \(pluralize("annotation", "annotations", sorted.count)) \(sorted.joined(separator: ", "))",
        fields: fields)
}

private func seccompProfileBaseline_1_19(_ pod: PodView) -> CheckFailure? {
    var badSetters: [String] = []
    var badValues: [String] = []
    var fields: [FailingField] = []
    if let profile = pod.securityContext.seccompProfile, !validSeccompType(profile.type) {
        badSetters.append("pod")
        badValues.append(profile.type)
        fields.append(FailingField(path: profile.path, value: profile.type))
    }
    var badContainers: [String] = []
    for container in pod.containers {
        guard let profile = container.securityContext?.seccompProfile, !validSeccompType(profile.type) else { continue }
        badContainers.append(container.name)
        badValues.append(profile.type)
        fields.append(FailingField(path: profile.path, value: profile.type))
    }
    if !badContainers.isEmpty { badSetters.append(containersPhrase(badContainers)) }
    guard !badSetters.isEmpty else { return nil }
    return CheckFailure(
        reason: "seccompProfile",
        detail: "\(badSetters.joined(separator: " and ")) must not set securityContext.seccompProfile.type to \(joinQuote(sortedSet(badValues)))",
        fields: fields)
}
