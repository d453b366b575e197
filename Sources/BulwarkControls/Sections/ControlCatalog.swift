/// Every control Bulwark evaluates, in guide-section order. `bulwark controls` lists these; a scan
/// evaluates each once.
public enum ControlCatalog {
    public static let all: [Control] = sections.flatMap { $0 }

    /// Section by section. Each entry is one section file's `controls`.
    static let sections: [[Control]] = [
        S5ResourceLimits.controls,
        // S6: the per-check Pod Security Standards controls (BW-S6-001 …) come ahead of the other
        // S6 controls (BW-S6-101 …).
        S6PodSecurityStandards.controls,
        S6ContainerPrivileges.controls,
        S7KernelModules.controls,
        S8NetworkAccess.controls,
        S9CloudMetadata.controls,
        S10PodPlacement.controls,
        S13APIVersions.controls,
    ]
}
