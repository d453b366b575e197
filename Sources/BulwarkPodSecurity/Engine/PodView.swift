import BulwarkModel

// The typed view of a pod that the checks read: only the fields upstream's `policy/check_*.go`
// look at, each with its path relative to the pod. Decoding never fails: a field of the wrong
// type (which the API server would reject) is recorded as malformed and treated as absent, the
// way a Go client would see a pod whose field could not be set.

/// A value read from the pod, with the path it was read from.
struct Located<T: Sendable & Equatable>: Sendable, Equatable {
    var value: T
    var path: FieldPath
}

/// `seLinuxOptions`; absent strings read as "", like Go's zero value.
struct SELinuxOptionsView: Sendable, Equatable {
    var type: String
    var user: String
    var role: String
    var path: FieldPath
}

/// `seccompProfile` or `appArmorProfile`: present means the object was set; `type` is "" when
/// the object was set without a type (upstream then sees the empty type and rejects it).
struct ProfileView: Sendable, Equatable {
    var type: String
    /// Path of the `type` field.
    var path: FieldPath
}

struct PodSecurityContextView: Sendable, Equatable {
    var runAsNonRoot: Located<Bool>?
    var runAsUser: Located<Int>?
    var seLinuxOptions: SELinuxOptionsView?
    var seccompProfile: ProfileView?
    var appArmorProfile: ProfileView?
    var hostProcess: Located<Bool>?
    /// `sysctls[*].name`, in order; the path is the `name` field.
    var sysctls: [Located<String>] = []
}

struct CapabilitiesView: Sendable, Equatable {
    var add: [Located<String>]
    var drop: [Located<String>]
    var path: FieldPath
}

struct ContainerSecurityContextView: Sendable, Equatable {
    var privileged: Located<Bool>?
    var allowPrivilegeEscalation: Located<Bool>?
    var runAsNonRoot: Located<Bool>?
    var runAsUser: Located<Int>?
    var procMount: Located<String>?
    var capabilities: CapabilitiesView?
    var seLinuxOptions: SELinuxOptionsView?
    var seccompProfile: ProfileView?
    var appArmorProfile: ProfileView?
    var hostProcess: Located<Bool>?
}

struct ContainerView: Sendable, Equatable {
    /// "" when unset, like Go's zero value.
    var name: String
    /// `spec.containers[0]` and the like.
    var path: FieldPath
    /// nil when the container has no `securityContext`.
    var securityContext: ContainerSecurityContextView?
    /// Non-zero `ports[*].hostPort` values.
    var hostPorts: [Located<Int>]
    /// Non-empty `host` of probe and lifecycle handlers, in upstream's visiting order.
    var handlerHosts: [Located<String>]
}

struct VolumeView: Sendable, Equatable {
    var name: String
    var path: FieldPath
    /// Keys of the volume other than `name` holding an object: its source type(s).
    var sourceTypes: [String]
    /// `hostPath.path`, shown as the value of hostPath findings.
    var hostPath: String? = nil
}

struct AnnotationView: Sendable, Equatable {
    var key: String
    var value: String
    var path: FieldPath { FieldPath([.key("metadata"), .key("annotations"), .key(key)]) }
}

struct PodView: Sendable, Equatable {
    var annotations: [AnnotationView] = []
    var hostNetwork: Located<Bool>?
    var hostPID: Located<Bool>?
    var hostIPC: Located<Bool>?
    var hostUsers: Located<Bool>?
    var osName: String?
    var securityContext = PodSecurityContextView()
    /// initContainers, containers, ephemeralContainers — the order of upstream's `visitContainers`.
    var containers: [ContainerView] = []
    var volumes: [VolumeView] = []

    func annotation(_ key: String) -> AnnotationView? { annotations.first { $0.key == key } }

    /// `spec.os.name == "windows"` (case-sensitive, as upstream compares with `corev1.Windows`).
    var isWindows: Bool { osName == "windows" }

    /// `spec.hostUsers` explicitly false: the pod runs in a user namespace (KEP-127).
    var usesUserNamespace: Bool { hostUsers?.value == false }
}

// MARK: - Decoding

extension PodView {
    /// Decodes the fields the checks read; wrong types go to `malformed`.
    static func decode(_ pod: PodTemplate) -> (view: PodView, malformed: [PSSMalformedField]) {
        var reader = FieldReader()
        var view = PodView()
        let spec: FieldPath = "spec"

        if let annotations = reader.mapping(pod.metadata["annotations"], "metadata.annotations") {
            for entry in annotations.mapping?.entries ?? [] {
                let path = FieldPath([.key("metadata"), .key("annotations"), .key(entry.key)])
                if let value = reader.string(entry.value, path) {
                    view.annotations.append(AnnotationView(key: entry.key, value: value.value))
                }
            }
        }

        let podSpec = pod.spec
        view.hostNetwork = reader.bool(podSpec["hostNetwork"], spec.appending("hostNetwork"))
        view.hostPID = reader.bool(podSpec["hostPID"], spec.appending("hostPID"))
        view.hostIPC = reader.bool(podSpec["hostIPC"], spec.appending("hostIPC"))
        view.hostUsers = reader.bool(podSpec["hostUsers"], spec.appending("hostUsers"))
        if let os = reader.mapping(podSpec["os"], spec.appending("os")) {
            view.osName = reader.string(os["name"], spec.appending("os").appending("name"))?.value
        }

        let podContextPath = spec.appending("securityContext")
        if let context = reader.mapping(podSpec["securityContext"], podContextPath) {
            var podContext = PodSecurityContextView()
            podContext.runAsNonRoot = reader.bool(context["runAsNonRoot"], podContextPath.appending("runAsNonRoot"))
            podContext.runAsUser = reader.int(context["runAsUser"], podContextPath.appending("runAsUser"))
            podContext.seLinuxOptions = reader.seLinuxOptions(context["seLinuxOptions"], podContextPath.appending("seLinuxOptions"))
            podContext.seccompProfile = reader.profile(context["seccompProfile"], podContextPath.appending("seccompProfile"))
            podContext.appArmorProfile = reader.profile(context["appArmorProfile"], podContextPath.appending("appArmorProfile"))
            podContext.hostProcess = reader.hostProcess(context["windowsOptions"], podContextPath.appending("windowsOptions"))
            let sysctlsPath = podContextPath.appending("sysctls")
            for (index, sysctl) in reader.array(context["sysctls"], sysctlsPath).enumerated() {
                let itemPath = sysctlsPath.appending(index: index)
                guard let item = reader.mapping(sysctl, itemPath) else { continue }
                // A sysctl without a name has Go's zero value "", which no allow-list holds.
                let name = reader.string(item["name"], itemPath.appending("name"))?.value ?? ""
                podContext.sysctls.append(Located(value: name, path: itemPath.appending("name")))
            }
            view.securityContext = podContext
        }

        for field in ["initContainers", "containers", "ephemeralContainers"] {
            let listPath = spec.appending(field)
            for (index, item) in reader.array(podSpec[field], listPath).enumerated() {
                let path = listPath.appending(index: index)
                guard let container = reader.mapping(item, path) else { continue }
                view.containers.append(reader.container(container, path))
            }
        }

        let volumesPath = spec.appending("volumes")
        for (index, item) in reader.array(podSpec["volumes"], volumesPath).enumerated() {
            let path = volumesPath.appending(index: index)
            guard let volume = reader.mapping(item, path) else { continue }
            let name = reader.string(volume["name"], path.appending("name"))?.value ?? ""
            // Every volume source is an object; anything else is malformed and ignored.
            let sources = (volume.mapping?.entries ?? []).filter { entry in
                entry.key != "name" && reader.mapping(entry.value, path.appending(entry.key)) != nil
            }.map(\.key)
            var hostPath: String?
            if sources.contains("hostPath"), let source = volume["hostPath"] {
                hostPath = reader.string(source["path"], path.appending("hostPath").appending("path"))?.value
            }
            view.volumes.append(VolumeView(name: name, path: path, sourceTypes: sources, hostPath: hostPath))
        }

        return (view, reader.malformed)
    }
}

/// Reads typed fields from `Value`, recording wrong types instead of failing.
private struct FieldReader {
    private(set) var malformed: [PSSMalformedField] = []

    private mutating func wrongType(_ value: Value, _ path: FieldPath, expected: String) {
        malformed.append(PSSMalformedField(path: path, expected: expected, found: value.typeName))
    }

    /// A mapping, or nil when absent, null, or of another type (recorded).
    mutating func mapping(_ value: Value?, _ path: FieldPath) -> Value? {
        guard let value, !value.isNull else { return nil }
        guard case .mapping = value else { wrongType(value, path, expected: "object"); return nil }
        return value
    }

    mutating func array(_ value: Value?, _ path: FieldPath) -> [Value] {
        guard let value, !value.isNull else { return [] }
        guard case .array(let items) = value else { wrongType(value, path, expected: "array"); return [] }
        return items
    }

    mutating func bool(_ value: Value?, _ path: FieldPath) -> Located<Bool>? {
        guard let value, !value.isNull else { return nil }
        guard case .bool(let flag) = value else { wrongType(value, path, expected: "boolean"); return nil }
        return Located(value: flag, path: path)
    }

    mutating func string(_ value: Value?, _ path: FieldPath) -> Located<String>? {
        guard let value, !value.isNull else { return nil }
        guard case .string(let text) = value else { wrongType(value, path, expected: "string"); return nil }
        return Located(value: text, path: path)
    }

    mutating func int(_ value: Value?, _ path: FieldPath) -> Located<Int>? {
        guard let value, !value.isNull else { return nil }
        guard case .int(let number) = value else { wrongType(value, path, expected: "integer"); return nil }
        return Located(value: number, path: path)
    }

    mutating func strings(_ value: Value?, _ path: FieldPath) -> [Located<String>] {
        array(value, path).enumerated().compactMap { index, item in string(item, path.appending(index: index)) }
    }

    mutating func seLinuxOptions(_ value: Value?, _ path: FieldPath) -> SELinuxOptionsView? {
        guard let options = mapping(value, path) else { return nil }
        return SELinuxOptionsView(
            type: string(options["type"], path.appending("type"))?.value ?? "",
            user: string(options["user"], path.appending("user"))?.value ?? "",
            role: string(options["role"], path.appending("role"))?.value ?? "",
            path: path)
    }

    mutating func profile(_ value: Value?, _ path: FieldPath) -> ProfileView? {
        guard let profile = mapping(value, path) else { return nil }
        let typePath = path.appending("type")
        return ProfileView(type: string(profile["type"], typePath)?.value ?? "", path: typePath)
    }

    mutating func hostProcess(_ windowsOptions: Value?, _ path: FieldPath) -> Located<Bool>? {
        guard let options = mapping(windowsOptions, path) else { return nil }
        return bool(options["hostProcess"], path.appending("hostProcess"))
    }

    mutating func container(_ container: Value, _ path: FieldPath) -> ContainerView {
        let name = string(container["name"], path.appending("name"))?.value ?? ""

        var securityContext: ContainerSecurityContextView?
        let contextPath = path.appending("securityContext")
        if let context = mapping(container["securityContext"], contextPath) {
            var view = ContainerSecurityContextView()
            view.privileged = bool(context["privileged"], contextPath.appending("privileged"))
            view.allowPrivilegeEscalation = bool(context["allowPrivilegeEscalation"], contextPath.appending("allowPrivilegeEscalation"))
            view.runAsNonRoot = bool(context["runAsNonRoot"], contextPath.appending("runAsNonRoot"))
            view.runAsUser = int(context["runAsUser"], contextPath.appending("runAsUser"))
            view.procMount = string(context["procMount"], contextPath.appending("procMount"))
            let capabilitiesPath = contextPath.appending("capabilities")
            if let capabilities = mapping(context["capabilities"], capabilitiesPath) {
                view.capabilities = CapabilitiesView(
                    add: strings(capabilities["add"], capabilitiesPath.appending("add")),
                    drop: strings(capabilities["drop"], capabilitiesPath.appending("drop")),
                    path: capabilitiesPath)
            }
            view.seLinuxOptions = seLinuxOptions(context["seLinuxOptions"], contextPath.appending("seLinuxOptions"))
            view.seccompProfile = profile(context["seccompProfile"], contextPath.appending("seccompProfile"))
            view.appArmorProfile = profile(context["appArmorProfile"], contextPath.appending("appArmorProfile"))
            view.hostProcess = hostProcess(context["windowsOptions"], contextPath.appending("windowsOptions"))
            securityContext = view
        }

        var hostPorts: [Located<Int>] = []
        let portsPath = path.appending("ports")
        for (index, item) in array(container["ports"], portsPath).enumerated() {
            let portPath = portsPath.appending(index: index)
            guard let port = mapping(item, portPath),
                  let hostPort = int(port["hostPort"], portPath.appending("hostPort")),
                  hostPort.value != 0 else { continue }
            hostPorts.append(hostPort)
        }

        // Upstream's order: liveness, readiness, startup probes, then postStart, preStop hooks;
        // in each handler httpGet before tcpSocket.
        var handlerHosts: [Located<String>] = []
        var handlers: [(Value?, FieldPath)] = ["livenessProbe", "readinessProbe", "startupProbe"].map {
            (container[$0], path.appending($0))
        }
        let lifecyclePath = path.appending("lifecycle")
        if let lifecycle = mapping(container["lifecycle"], lifecyclePath) {
            handlers += ["postStart", "preStop"].map { (lifecycle[$0], lifecyclePath.appending($0)) }
        }
        for (handlerValue, handlerPath) in handlers {
            guard let handler = mapping(handlerValue, handlerPath) else { continue }
            for action in ["httpGet", "tcpSocket"] {
                let actionPath = handlerPath.appending(action)
                guard let actionValue = mapping(handler[action], actionPath),
                      let host = string(actionValue["host"], actionPath.appending("host")),
                      !host.value.isEmpty else { continue }
                handlerHosts.append(host)
            }
        }

        return ContainerView(name: name, path: path, securityContext: securityContext,
                             hostPorts: hostPorts, handlerHosts: handlerHosts)
    }
}
