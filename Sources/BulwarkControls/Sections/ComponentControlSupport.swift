import Foundation
import BulwarkModel
import BulwarkComponentConfig

// Helpers shared by the flag and configuration sections (S1–S4, S11–S13, S16): finding every
// instance of a component, naming a flag in a violation, and component versions.

extension ScanContext {
    /// The Kubernetes version a component runs: its image tag, else the scan's target version.
    func version(of instance: ComponentInstance) -> KubeVersion {
        instance.version ?? KubeVersion(settings.kubeVersion.major, settings.kubeVersion.minor)
    }

    /// Runs `check` on every instance of `kind`; not assessed when the input has none.
    func evaluateComponents(_ kind: ComponentKind, pass: String,
                            _ check: (ComponentInstance) -> [Violation]) -> ControlOutcome {
        let instances = componentConfig.instances(kind)
        guard !instances.isEmpty else { return .notAssessed(ComponentControls.absent(kind) + nodeSearchNote(kind)) }
        return .from(instances.flatMap(check), pass: "\(pass) (\(ComponentControls.count(instances.count, kind)))")
    }

    /// Runs `check` on every kubelet (KubeletConfiguration documents, k3s agents).
    func evaluateKubelets(pass: String, _ check: (KubeletSettings) -> [Violation]) -> ControlOutcome {
        let kubelets = componentConfig.kubelets
        guard !kubelets.isEmpty else { return .notAssessed(ComponentControls.absent(.kubelet) + nodeSearchNote(.kubelet)) }
        return .from(kubelets.flatMap(check), pass: "\(pass) (\(kubelets.count) kubelet configuration\(kubelets.count == 1 ? "" : "s"))")
    }

    /// etcd controls: not assessed with the datastore reason when the input shows etcd is not used.
    func evaluateEtcd(pass: String, _ check: (ComponentInstance) -> [Violation]) -> ControlOutcome {
        if let reason = componentConfig.etcdNotApplicableReason { return .notAssessed("not applicable: \(reason)") }
        return evaluateComponents(.etcd, pass: pass, check)
    }
}

extension ScanContext {
    /// On a node scan, what was searched for the component, so "not found" names the places tried.
    func nodeSearchNote(_ kind: ComponentKind) -> String {
        nodeHosts.map { host in
            let purposes = kind == .kubelet ? ["processes", "kubeletUnit", "kubeletConfig"] : ["processes", "staticPods"]
            if kind == .kubelet, let unread = host.value["notRead"]?["kubeletConfig"]?.string, !unread.hasPrefix("no kubelet process") {
                return "; node \(host.name): the kubelet's config file was not read (\(unread))"
            }
            return "; node \(host.name) (root \(host.value["root"]?.string ?? "/")): no \(kind.binary) found\(NodeFacts.searched(host, purposes))"
        }.joined()
    }
}

enum ComponentControls {
    static func absent(_ kind: ComponentKind) -> String {
        switch kind {
        case .kubelet: return "no KubeletConfiguration (or k3s config) in input"
        default: return "no \(kind.binary) manifest in input"
        }
    }

    static func count(_ n: Int, _ kind: ComponentKind) -> String { "\(n) \(kind.binary)\(n == 1 ? "" : " instances")" }

    /// A URL with any `user:password@` and credential query parameters removed, for messages.
    static func redacted(_ url: String) -> String { CredentialRedaction.redact(url: url) }

    /// Whether a URL's host is a loopback address or a Unix socket.
    static func isLoopbackOrSocket(_ url: String) -> Bool {
        if url.hasPrefix("unix:") || url.hasPrefix("unixs:") { return true }
        guard let scheme = url.range(of: "://") else { return false }
        var host = url[scheme.upperBound...].prefix { $0 != "/" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        let hostOnly: Substring
        if host.hasPrefix("[") { hostOnly = host.dropFirst().prefix { $0 != "]" } } else { hostOnly = host.prefix { $0 != ":" } }
        return hostOnly == "localhost" || hostOnly.hasPrefix("127.") || hostOnly == "::1"
    }
}

extension ComponentInstance {
    /// A violation on a flag: named `--flag`, with the line of the token that set it, or of the
    /// command when the flag is unset.
    func violation(flag: String, value: String?, message: String, severity: Severity? = nil) -> Violation {
        let written = flags.last(flag)
        guard let fieldPath = written?.fieldPath ?? commandPath else {
            return Violation(object: object, location: "--\(flag)", value: value, message: message, severity: severity)
        }
        var v = Violation(object: object, path: fieldPath, value: value, message: message, severity: severity)
        v.path = "--\(flag)"
        return v
    }

    /// `kube-apiserver` or `kube-apiserver (k3s)`, for messages.
    var name: String { distribution == .k3s ? "\(kind.binary) (k3s)" : kind.binary }

    /// The value shown in findings for an unset flag.
    static let unset = "(unset)"

    /// The flag's value, or "(unset)".
    func shown(_ flag: String) -> String { flags.value(flag) ?? Self.unset }

    /// Where a value came from, for messages: `set at spec.containers[0].command[3]` or `k3s default`.
    func whereSet(_ flag: String) -> String {
        guard let f = flags.last(flag) else { return "not set" }
        return f.location == "k3s default" ? "k3s default" : "set at \(f.location)"
    }
}

extension KubeletSettings {
    func violation(_ key: KubeletSettings.Key, setting: KubeletSetting, message: String, severity: Severity? = nil) -> Violation {
        let shown = setting.string ?? (setting.value.map { $0.summary() } ?? "(unset)")
        let full = "\(message) [\(setting.sourceDescription)]"
        switch setting.source {
        case .flag(let f):
            if let p = f.fieldPath {
                var v = Violation(object: object, path: p, value: shown, message: full, severity: severity)
                v.path = "--\(key.flag)"
                return v
            }
            return Violation(object: object, location: "--\(key.flag)", value: shown, message: full, severity: severity)
        case .distributionDefault:
            return Violation(object: object, location: "--\(key.flag)", value: shown, message: full, severity: severity)
        default:
            if config != nil { return Violation(object: object, path: key.field, value: shown, message: full, severity: severity) }
            return Violation(object: object, location: "--\(key.flag)", value: shown, message: full, severity: severity)
        }
    }
}

extension ScanContext {
    /// Configuration documents kube-apiserver reads through `flag` (an audit Policy, an
    /// EncryptionConfiguration), each judged by `check` in the context of the flag that names it;
    /// not assessed, saying why, when none is in the input.
    func evaluateAPIServerDocuments(_ documents: [KubeObject], flag: String, noun: (singular: String, plural: String),
                                    pass: String, _ check: (DocumentMatch) -> [Violation]) -> ControlOutcome {
        let matches = componentConfig.documents(documents, referencedBy: flag, of: .apiServer)
        guard !matches.isEmpty else {
            let named = componentConfig.instances(.apiServer).compactMap { $0.flags.value(flag) }
            return .notAssessed(named.isEmpty ? "no \(noun.singular) in input"
                                : "kube-apiserver --\(flag) names \(named.joinedForMessage), which is not in input")
        }
        return .from(matches.flatMap(check), pass: "\(pass) (\(matches.count) \(matches.count == 1 ? noun.singular : noun.plural))")
    }
}

extension ComponentInstance {
    /// A violation at `flag` when it is unset; `message` follows the component's name.
    func requireSet(_ flag: String, _ message: String) -> [Violation] {
        flags.value(flag) != nil ? [] : [violation(flag: flag, value: ComponentInstance.unset, message: "\(name): \(message)")]
    }

    /// A violation at `flag` unless it is true; `message` follows the component's name.
    func requireTrue(_ flag: String, _ message: String) -> [Violation] {
        flags.bool(flag) == true ? [] : [violation(flag: flag, value: shown(flag), message: "\(name): \(message)")]
    }
}
