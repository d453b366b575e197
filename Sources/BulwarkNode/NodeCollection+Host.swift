import BulwarkModel
import BulwarkInputs

/// The NodeHost object: kernel facts, what was searched and what could not be read.
extension NodeCollection {
    // MARK: host facts

    func hostObject() -> KubeObject {
        var m = baseObject(kind: "NodeHost", name: nodeName)
        m.set("root", .string(root.description))
        var notRead = self.notRead
        var host = HostFacts(root: root)
        host.read()
        if let loaded = host.loaded { m.set("kernelModules", ["loaded": NodeValues.strings(loaded), "source": "/proc/modules"]) }
        if let modprobe = host.modprobe {
            m.set("modprobe", [
                "blacklisted": .array(modprobe.blocks.map { b in
                    ["module": .string(b.module), "directive": .string(b.directive), "file": .string(b.file), "line": .int(b.line)]
                }),
                "sources": NodeValues.strings(modprobe.sources),
            ])
        }
        if let selinux = host.selinux { m.set("selinux", ["enforce": .string(selinux), "source": .string(HostFacts.selinuxPath)]) }
        if let apparmor = host.apparmor { m.set("apparmor", ["enabled": .string(apparmor), "source": .string(HostFacts.apparmorPath)]) }
        m.set("sysfs", .bool(host.sysfsPresent))
        notRead += host.notRead
        var searched = self.searched
        for path in host.searched where !searched.contains(path) { searched.append(path) }
        m.set("searched", NodeValues.strings(searched))
        var by = Mapping()
        for key in searchedFor.keys.sorted() { by.set(key, NodeValues.strings(searchedFor[key] ?? [])) }
        m.set("searchedFor", .mapping(by))
        var reasons = Mapping()
        for (field, reason) in notRead where reasons[field] == nil { reasons.set(field, .string(reason)) }
        m.set("notRead", .mapping(reasons))
        m.set("distributions", NodeValues.strings(distributions))
        let components = Set(staticPodComponents.keys).union(componentArguments.map(\.component)).sorted()
        m.set("components", NodeValues.strings(components))
        return KubeObject(.mapping(m), source: SourceLocation(file: root.description, document: 0, line: 1))
    }
}
