import BulwarkModel

// seLinuxOptions (baseline) — upstream policy/check_seLinuxOptions.go
// Reads:  spec.securityContext.seLinuxOptions.{type,user,role},
//         spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seLinuxOptions.{type,user,role}
// Allows: type: "", container_t, container_init_t, container_kvm_t; from 1.31 also container_engine_t.
//         user, role: "" / undefined
// Versions: 1.0, 1.31

extension CheckDefinition {
    static let seLinuxOptions = CheckDefinition(
        id: "seLinuxOptions", level: .baseline, title: "SELinux options",
        versions: [
            VersionedCheck(since: 0) { forbiddenSELinuxOptions($0, allowedTypes: seLinuxTypes_1_0) },
            VersionedCheck(since: 31) { forbiddenSELinuxOptions($0, allowedTypes: seLinuxTypes_1_31) },
        ])
}

private let seLinuxTypes_1_0: Set<String> = ["", "container_t", "container_init_t", "container_kvm_t"]
private let seLinuxTypes_1_31: Set<String> = seLinuxTypes_1_0.union(["container_engine_t"])

private func forbiddenSELinuxOptions(_ pod: PodView, allowedTypes: Set<String>) -> CheckFailure? {
    var badTypes: [String] = []
    var setUser = false
    var setRole = false
    var fields: [FailingField] = []

    func isValid(_ options: SELinuxOptionsView) -> Bool {
        var valid = true
        if !allowedTypes.contains(options.type) {
            valid = false
            badTypes.append(options.type)
            fields.append(FailingField(path: options.path.appending("type"), value: options.type))
        }
        if !options.user.isEmpty {
            valid = false
            setUser = true
            fields.append(FailingField(path: options.path.appending("user"), value: options.user))
        }
        if !options.role.isEmpty {
            valid = false
            setRole = true
            fields.append(FailingField(path: options.path.appending("role"), value: options.role))
        }
        return valid
    }

    var badSetters: [String] = []
    if let options = pod.securityContext.seLinuxOptions, !isValid(options) {
        badSetters.append("pod")
    }
    var badContainers: [String] = []
    for container in pod.containers {
        if let options = container.securityContext?.seLinuxOptions, !isValid(options) {
            badContainers.append(container.name)
        }
    }
    if !badContainers.isEmpty { badSetters.append(containersPhrase(badContainers)) }
    guard !badSetters.isEmpty else { return nil }

    var badData: [String] = []
    let types = sortedSet(badTypes)
    if !types.isEmpty { badData.append("\(pluralize("type", "types", types.count)) \(joinQuote(types))") }
    if setUser { badData.append("user may not be set") }
    if setRole { badData.append("role may not be set") }
    return CheckFailure(
        reason: "seLinuxOptions",
        detail: "\(badSetters.joined(separator: " and ")) set forbidden securityContext.seLinuxOptions: \(badData.joined(separator: "; "))",
        fields: fields)
}
