import BulwarkModel
import BulwarkComponentConfig

/// S13 Alpha and beta features, the configuration part: feature gates switched on per component
/// (stage looked up at the component's own version in `FeatureGateTable`), `AllAlpha`/`AllBeta`,
/// and API groups served through `--runtime-config`. Continues after BW-S13-003 (API versions).
public enum S13FeatureGates {
    public static let controls: [Control] = [alphaGates, allAlphaOrBeta, runtimeConfig]

    /// One gate setting of one component, flag or kubelet config.
    struct GateSetting {
        var name: String
        var enabled: Bool
        var version: KubeVersion
        var component: String
        var violation: (String, Severity?) -> Violation
    }

    static func gateSettings(_ context: ScanContext) -> [GateSetting]? {
        let instances = context.componentConfig.components
        let kubelets = context.componentConfig.kubelets
        guard !instances.isEmpty || !kubelets.isEmpty else { return nil }
        var out: [GateSetting] = []
        for c in instances {
            let version = context.version(of: c)
            for s in c.flags.map("feature-gates") {
                guard let on = FlagSet.parseBool(s.value) else { continue }
                out.append(GateSetting(name: s.key, enabled: on, version: version, component: c.name) { message, severity in
                    var v = c.violation(flag: "feature-gates", value: "\(s.key)=\(s.value)", message: message, severity: severity)
                    if let p = s.flag.fieldPath { v.fieldPath = p }
                    return v
                })
            }
        }
        let target = KubeVersion(context.settings.kubeVersion.major, context.settings.kubeVersion.minor)
        for k in kubelets {
            for g in k.featureGates {
                out.append(GateSetting(name: g.name, enabled: g.enabled, version: target, component: "kubelet") { message, severity in
                    if g.location.hasPrefix("featureGates.") {
                        return Violation(object: k.object, path: FieldPath("featureGates").appending(g.name), value: "\(g.enabled)", message: message, severity: severity)
                    }
                    return Violation(object: k.object, location: "--feature-gates", value: "\(g.name)=\(g.enabled)", message: message, severity: severity)
                })
            }
        }
        return out
    }

    static let noComponents = "no component manifest, k3s config or KubeletConfiguration in input"

    // MARK: BW-S13-004

    /// Reads: `--feature-gates` of every component and the kubelet's `featureGates`. Allows: no
    /// gate switched on that is alpha at the component's version (image tag, else the scan's
    /// target version). Gates missing from the bundled table are listed in the pass reason,
    /// never judged safe silently.
    static let alphaGates = Control(
        id: "BW-S13-004", section: .s13, severity: .medium,
        title: "No component turns on an alpha feature gate",
        remediation: "Remove alpha gates from --feature-gates (and the kubelet's featureGates) on production clusters; alpha features may be buggy, insecure and removed without notice.",
        reads: ObjectKinds.controlPlanePods + ["KubeletConfiguration"]
    ) { context in
        guard let settings = gateSettings(context) else { return .notAssessed(noComponents) }
        var violations: [Violation] = []
        var unknown: Set<String> = []
        for s in settings where s.enabled && s.name != FeatureGateTable.allAlpha && s.name != FeatureGateTable.allBeta {
            guard let history = FeatureGateTable.gates[s.name] else { unknown.insert(s.name); continue }
            if history.stage(at: s.version) == .alpha {
                violations.append(s.violation("\(s.component) \(s.version) turns on \(s.name), an alpha feature in Kubernetes \(s.version)", nil))
            }
        }
        let note = unknown.isEmpty ? "" : "; not in Bulwark's gate table, stage unknown: \(unknown.sorted().joinedForMessage)"
        return .from(violations, pass: "no enabled feature gate is alpha at its component's version (\(settings.count) gate settings read\(note))")
    }

    // MARK: BW-S13-005

    /// Reads: `AllAlpha` and `AllBeta` in every component's gates. Allows: neither true.
    /// AllAlpha is high (every alpha feature at once); AllBeta medium (it also turns on the
    /// beta features that are off by default).
    static let allAlphaOrBeta = Control(
        id: "BW-S13-005", section: .s13, severity: .high,
        title: "No component turns on every alpha (AllAlpha) or beta (AllBeta) feature",
        remediation: "Remove AllAlpha=true and AllBeta=true from --feature-gates and the kubelet's featureGates; enable the single features you need.",
        reads: ObjectKinds.controlPlanePods + ["KubeletConfiguration"]
    ) { context in
        guard let settings = gateSettings(context) else { return .notAssessed(noComponents) }
        let violations = settings.filter { $0.enabled && ($0.name == FeatureGateTable.allAlpha || $0.name == FeatureGateTable.allBeta) }.map { s in
            s.violation(s.name == FeatureGateTable.allAlpha
                        ? "\(s.component) turns on every alpha feature (AllAlpha=true), including unfinished security-relevant ones"
                        : "\(s.component) turns on every beta feature (AllBeta=true), including those off by default", s.name == FeatureGateTable.allBeta ? .medium : nil)
        }
        return .from(violations, pass: "no component sets AllAlpha or AllBeta")
    }

    // MARK: BW-S13-006

    /// Reads: kube-apiserver `--runtime-config` (every occurrence merged; a key without a value
    /// means true). Allows: no `api/all`, `api/alpha`, `api/beta`, and no alpha/beta
    /// `group/version` switched on. api/all and alpha versions are medium/high; beta versions low.
    static let runtimeConfig = Control(
        id: "BW-S13-006", section: .s13, severity: .medium,
        title: "kube-apiserver serves no alpha or beta API group through --runtime-config",
        remediation: "Remove api/all=true, api/alpha=true, api/beta=true and alpha/beta group versions from --runtime-config; enable one GA-bound API at a time when a feature needs it.",
        reads: ObjectKinds.controlPlanePods
    ) { context in
        context.evaluateComponents(.apiServer, pass: "--runtime-config enables no alpha/beta API or api/all") { api in
            api.flags.map("runtime-config").compactMap { s -> Violation? in
                guard s.boolValue == true else { return nil }
                let key = s.key
                let shown = s.value.isEmpty ? key : "\(key)=\(s.value)"
                func v(_ message: String, _ severity: Severity?) -> Violation {
                    var violation = api.violation(flag: "runtime-config", value: shown, message: "\(api.name): \(message)", severity: severity)
                    if let p = s.flag.fieldPath { violation.fieldPath = p }
                    return violation
                }
                switch key {
                case "api/all": return v("api/all=true serves every API version, alpha and beta included", .high)
                case "api/alpha": return v("api/alpha=true serves every alpha API version", .high)
                case "api/beta": return v("api/beta=true serves every beta API version, including those off by default", .low)
                default:
                    let version = key.split(separator: "/").last.map(String.init) ?? key
                    if version.contains("alpha") { return v("serves the alpha API \(key)", nil) }
                    if version.contains("beta") { return v("serves the beta API \(key)", .low) }
                    return nil
                }
            }
        }
    }
}
