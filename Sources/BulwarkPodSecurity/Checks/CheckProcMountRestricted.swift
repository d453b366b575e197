import BulwarkModel

// procMount_restricted (restricted) — upstream policy/check_procMount_restricted.go
// Reads:  spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount
// Allows: undefined, "Default" — even when spec.hostUsers is false
// Versions: 1.35, overriding baseline "procMount" (which from 1.35 relaxes for user namespaces)

extension CheckDefinition {
    static let procMountRestricted = CheckDefinition(
        id: "procMount_restricted", level: .restricted, title: "/proc mount type (restricted)",
        versions: [VersionedCheck(since: 35, overriding: [procMountID], procMount_1_0)])
}
