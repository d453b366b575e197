import BulwarkModel

// restrictedVolumes (restricted) — upstream policy/check_restrictedVolumes.go
// Reads:  spec.volumes[*] source type (the key beside `name`)
// Allows: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim,
//         projected, secret. Everything else fails: hostPath, gcePersistentDisk,
//         awsElasticBlockStore, gitRepo, nfs, iscsi, glusterfs, rbd, flexVolume, cinder, cephfs,
//         flocker, fc, azureFile, vsphereVolume, quobyte, azureDisk, photonPersistentDisk,
//         portworxVolume, scaleIO, storageos, and a volume with no known source ("unknown").
// Versions: 1.0, overriding baseline hostPathVolumes. (Upstream added `image` to the 1.0
//           implementation in place, so it is allowed at every version.)
// Note: a volume with no source at all is defaulted to emptyDir by the API server before
// admission (upstream's fixtures pass it as an "implicit empty dir"), so it is allowed here. A
// volume whose only source key is one upstream does not know reports as "unknown".

extension CheckDefinition {
    static let restrictedVolumes = CheckDefinition(
        id: "restrictedVolumes", level: .restricted, title: "Volume types",
        versions: [VersionedCheck(since: 0, overriding: [hostPathVolumesID], restrictedVolumes_1_0)])
}

private let allowedVolumeTypes: Set<String> = [
    "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
    "persistentVolumeClaim", "projected", "secret",
]

/// Restricted types in the order upstream tests them; the first present names the volume's type.
private let restrictedVolumeTypes = [
    "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi",
    "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile",
    "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume",
    "scaleIO", "storageos",
]

private func restrictedVolumes_1_0(_ pod: PodView) -> CheckFailure? {
    var badVolumes: [String] = []
    var badTypes: [String] = []
    var fields: [FailingField] = []
    for volume in pod.volumes {
        if volume.sourceTypes.isEmpty || volume.sourceTypes.contains(where: allowedVolumeTypes.contains) { continue }
        badVolumes.append(volume.name)
        if let type = restrictedVolumeTypes.first(where: volume.sourceTypes.contains) {
            badTypes.append(type)
            fields.append(FailingField(path: volume.path.appending(type), value: type))
        } else {
            badTypes.append("unknown")
            fields.append(FailingField(path: volume.path, value: volume.sourceTypes.first ?? "unknown"))
        }
    }
    guard !badVolumes.isEmpty else { return nil }
    let types = sortedSet(badTypes)
    return CheckFailure(
        reason: "restricted volume types",
        detail: "\(pluralize("volume", "volumes", badVolumes.count)) \(joinQuote(badVolumes)) \(pluralize("uses", "use", badVolumes.count)) \(pluralize("restricted volume type", "restricted volume types", types.count)) \(joinQuote(types))",
        fields: fields)
}
