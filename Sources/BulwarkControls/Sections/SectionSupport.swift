import BulwarkModel

// Helpers shared by the section files: how a workload's namespace is named, how containers are
// visited, and how pod- and container-level securityContext combine. Kept internal: the public
// surface of a section is its `controls` list.

/// A container of a workload, with its full path inside the object.
struct WorkloadContainer {
    var value: Value
    /// Full path inside the object, e.g. `spec.template.spec.containers[1]`.
    var path: FieldPath
    /// `initContainers`, `containers` or `ephemeralContainers`.
    var list: String

    var name: String { value["name"]?.string ?? "" }
    var isEphemeral: Bool { list == "ephemeralContainers" }

    /// `container "app"` or `init container "setup"`, for messages.
    var label: String {
        switch list {
        case "initContainers": return "init container \"\(name)\""
        case "ephemeralContainers": return "ephemeral container \"\(name)\""
        default: return "container \"\(name)\""
        }
    }
}

/// One workload object with its pod template, as the scan context lists them.
struct Workload: Sendable {
    var object: KubeObject
    var pod: PodTemplate

    /// The namespace the workload runs in. Manifests often leave it out; `kubectl apply` then uses
    /// the context's namespace, usually `default`, so an empty namespace counts as `default`.
    var namespace: String { Workload.effectiveNamespace(of: object) }

    var isInSystemNamespace: Bool { ScanContext.isSystemNamespace(namespace) }

    /// Every container with its full path; `includeEphemeral: false` leaves out ephemeral
    /// containers (they cannot set resources, ports or probes).
    func containers(includeEphemeral: Bool = true) -> [WorkloadContainer] {
        pod.containers.compactMap { entry in
            guard case .key(let list)? = entry.path.components.dropFirst().first else { return nil }
            if !includeEphemeral && list == "ephemeralContainers" { return nil }
            return WorkloadContainer(value: entry.container, path: pod.path(entry.path), list: list)
        }
    }

    /// Full path of a field of the pod spec, e.g. `spec.template.spec.hostNetwork`.
    func specPath(_ relative: String) -> FieldPath { pod.path(FieldPath("spec").appending(FieldPath(relative))) }

    static func effectiveNamespace(of object: KubeObject) -> String {
        object.namespace.isEmpty ? "default" : object.namespace
    }
}

extension ScanContext {
    /// Non-system namespaces that run at least one workload, sorted.
    var namespacesWithWorkloads: [String] {
        Set(workloadList.map(\.namespace)).filter { !ScanContext.isSystemNamespace($0) }.sorted()
    }

    /// The Namespace object of that name when the input holds one, else a stand-in that names it,
    /// so that a namespace-level finding always names an object.
    func namespaceObject(named name: String) -> KubeObject {
        if let found = namespacesByName[name] { return found }
        return KubeObject(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }

    /// Namespaced objects of `kind`, grouped by effective namespace (empty counts as `default`).
    func objectsByNamespace(ofKind kind: String) -> [String: [KubeObject]] {
        Dictionary(grouping: inventory.objects(ofKind: kind), by: Workload.effectiveNamespace(of:))
    }
}

/// A setting of a security context as Kubernetes resolves it: the container's value when set, else
/// the pod's. `path` is where the effective value was written (nil when neither sets it).
struct EffectiveSetting {
    var value: Value?
    var path: FieldPath?
    var isSet: Bool { value != nil }

    static func resolve(_ field: String, container: WorkloadContainer, in workload: Workload) -> EffectiveSetting {
        let containerPath = container.path.appending("securityContext").appending(field)
        if let v = container.value["securityContext"]?[field], !v.isNull {
            return EffectiveSetting(value: v, path: containerPath)
        }
        let podPath = workload.specPath("securityContext").appending(field)
        if let v = workload.pod.spec["securityContext"]?[field], !v.isNull {
            return EffectiveSetting(value: v, path: podPath)
        }
        return EffectiveSetting(value: nil, path: nil)
    }
}

extension Value {
    /// A boolean as the API server would read it; YAML strings like `"true"` are not booleans.
    var isTrue: Bool { bool == true }
}

extension Array where Element == String {
    /// `a`, `a and b`, `a, b and c` — for messages.
    var joinedForMessage: String {
        switch count {
        case 0: return ""
        case 1: return self[0]
        default: return dropLast().joined(separator: ", ") + " and " + (last ?? "")
        }
    }
}
