import BulwarkModel

// Modelled on upstream's policy/checks.go and policy/registry.go:
// - a check has an ID, a level and versioned implementations with strictly increasing
//   minimum versions;
// - evaluating at vX uses, per check, the implementation with the highest minimum version ≤ X;
//   versions newer than the newest minimum version of any check (and `latest`) are clamped to it;
// - restricted = every restricted check + every baseline check not named in the
//   `overrides` of a restricted implementation selected at that version;
// - results come in ID order: baseline IDs sorted, then restricted IDs sorted (Go byte order).

/// A field that made a check fail, relative to the pod, with a short rendering of what was seen
/// (nil when the field is unset and had to be set).
struct FailingField: Sendable, Equatable {
    var path: FieldPath
    var value: String?
}

/// A failed check as a check implementation reports it; the registry adds the ID.
struct CheckFailure: Sendable, Equatable {
    var reason: String
    var detail: String
    var fields: [FailingField]
}

typealias CheckImplementation = @Sendable (PodView) -> CheckFailure?

struct VersionedCheck: Sendable {
    /// The first minor policy version (v1.N) this implementation applies to.
    let minimumVersion: Int
    let evaluate: CheckImplementation
    /// Baseline check IDs this restricted implementation replaces (upstream `OverrideCheckIDs`).
    let overrides: [String]

    init(since minimumVersion: Int, overriding overrides: [String] = [], _ evaluate: @escaping CheckImplementation) {
        self.minimumVersion = minimumVersion
        self.overrides = overrides
        self.evaluate = evaluate
    }
}

struct CheckDefinition: Sendable {
    let id: String
    let level: PSSLevel
    let title: String
    /// Strictly increasing `minimumVersion`s.
    let versions: [VersionedCheck]

    /// The implementation in force at a (clamped) minor version, if the check exists there.
    func implementation(at minor: Int) -> VersionedCheck? {
        versions.last { $0.minimumVersion <= minor }
    }

    var info: PSSCheckInfo {
        PSSCheckInfo(id: id, level: level, title: title, versions: versions.map(\.minimumVersion))
    }
}

enum CheckRegistry {
    /// Every upstream check, one per file under `Checks/`.
    static let all: [CheckDefinition] = [
        // Baseline
        .hostNamespaces, .privileged, .capabilitiesBaseline, .hostPathVolumes, .hostPorts,
        .appArmorProfile, .seLinuxOptions, .procMount, .seccompProfileBaseline, .sysctls,
        .windowsHostProcess, .hostProbesAndHostLifecycle,
        // Restricted
        .restrictedVolumes, .allowPrivilegeEscalation, .runAsNonRoot, .runAsUser,
        .seccompProfileRestricted, .capabilitiesRestricted, .procMountRestricted,
    ]

    /// Upstream's `maxVersion`: the newest minimum version of any check. `latest` and anything
    /// newer evaluate as this version.
    static let maxVersion: Int = all.flatMap { $0.versions.map(\.minimumVersion) }.max() ?? 0

    /// Baseline IDs sorted, then restricted IDs sorted, as upstream orders results.
    static let ordered: [CheckDefinition] = {
        let byID = { (a: CheckDefinition, b: CheckDefinition) in goLess(a.id, b.id) }
        return all.filter { $0.level == .baseline }.sorted(by: byID)
            + all.filter { $0.level == .restricted }.sorted(by: byID)
    }()

    /// The minor version the registry evaluates for a requested version.
    static func effectiveMinor(_ version: PSSVersion) -> Int { min(version.minor, maxVersion) }

    /// The checks (with their selected implementations) run for a level and version, in order.
    static func selection(level: PSSLevel, version: PSSVersion) -> [(id: String, check: VersionedCheck)] {
        guard level != .privileged else { return [] }
        let minor = effectiveMinor(version)
        // Every workload asks this twice: answer from the table built once for each level and minor.
        if minor >= 0, minor < selections.count {
            return level == .restricted ? selections[minor].restricted : selections[minor].baseline
        }
        return computeSelection(level: level, minor: minor)
    }

    /// `selection` for each minor version 0 … `maxVersion`, per level.
    static let selections: [(baseline: [(id: String, check: VersionedCheck)], restricted: [(id: String, check: VersionedCheck)])] =
        (0...maxVersion).map { (computeSelection(level: .baseline, minor: $0), computeSelection(level: .restricted, minor: $0)) }

    static func computeSelection(level: PSSLevel, minor: Int) -> [(id: String, check: VersionedCheck)] {
        let selected = ordered.compactMap { definition -> (definition: CheckDefinition, check: VersionedCheck)? in
            guard definition.level <= level, let check = definition.implementation(at: minor) else { return nil }
            return (definition, check)
        }
        // Overrides only take effect where the overriding restricted implementation is selected.
        let overridden: Set<String> = level == .restricted
            ? Set(selected.filter { $0.definition.level == .restricted }.flatMap { $0.check.overrides })
            : []
        return selected
            .filter { !($0.definition.level == .baseline && overridden.contains($0.definition.id)) }
            .map { ($0.definition.id, $0.check) }
    }
}
