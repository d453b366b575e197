import BulwarkModel

/// S13 Alpha and beta features, the part objects show: API versions removed or deprecated at the
/// target Kubernetes version (`ScanSettings.kubeVersion`), and alpha/beta API versions of any
/// group. Feature gates and `--runtime-config` are read with the component flags.
public enum S13APIVersions {
    /// The three object controls judge every object's apiVersion: every kind tolerated.
    public static let controls: [Control] = [removedAPIs, deprecatedAPIs, alphaBetaAPIs].map { $0.tolerating(["*"]) } + [servedAlphaBetaGroupVersions]

    static let apiVersionPath: FieldPath = "apiVersion"

    /// The objects written for a Kubernetes API: not the facts Bulwark itself records about a
    /// node or a probed port (`node.bulwark.io`, `probe.bulwark.io`), which have no API version to
    /// judge — a node with no Kubernetes on it gives no S13 fact.
    static func apiObjects(_ context: ScanContext) -> [KubeObject] {
        context.inventory.objects.filter { !$0.group.hasSuffix("bulwark.io") }
    }

    static let noAPIObjects = "no Kubernetes API objects in input"

    // MARK: BW-S13-001

    /// Reads: every object's `apiVersion` and `kind`, against the built-in table
    /// `DeprecatedAPIs` (Kubernetes-owned groups only). Every kind is tolerated, none needed: an
    /// API server answers in the version asked for, so a live list tells nothing of how the
    /// objects were written; a kind a cluster refused hides no verdict of this control.
    /// Allows: versions still served at the target version.
    static let removedAPIs = Control(
        id: "BW-S13-001", section: .s13, severity: .high,
        title: "Objects written with API versions the target Kubernetes version no longer serves",
        remediation: "Rewrite the manifests with the replacement API version (kubectl-convert -f FILE --output-version GROUP/VERSION helps; check the notable field changes in the Deprecated API Migration Guide) before upgrading.",
        reads: []
    ) { context in
        let objects = apiObjects(context)
        guard !objects.isEmpty else { return .notAssessed(noAPIObjects) }
        let target = context.settings.kubeVersion
        var violations: [Violation] = []
        for object in objects {
            guard let api = DeprecatedAPIs.lookup(apiVersion: object.apiVersion, kind: object.kind),
                  api.isRemoved(at: target), let removed = api.removedIn else { continue }
            violations.append(Violation(
                object: object, path: apiVersionPath, value: object.apiVersion,
                message: "\(object.apiVersion) \(object.kind) is not served from Kubernetes \(removed) (deprecated since \(api.deprecatedIn)): the API server at the target \(target) rejects it, and tools that still apply it fail or drop it; use \(api.replacement)"))
        }
        return .from(violations, pass: "every object uses an API version served by Kubernetes \(target)")
    }

    // MARK: BW-S13-002

    /// Reads: every object's `apiVersion` and `kind`, against `DeprecatedAPIs`.
    /// Allows: versions not deprecated at the target. Medium when a removal is scheduled, low when
    /// the version is deprecated with no removal date.
    static let deprecatedAPIs = Control(
        id: "BW-S13-002", section: .s13, severity: .medium,
        title: "Objects written with API versions deprecated at the target Kubernetes version",
        remediation: "Move the manifests to the replacement API version now, while both versions are served, so that the upgrade that removes the old one does not break deployments.",
        reads: []
    ) { context in
        let objects = apiObjects(context)
        guard !objects.isEmpty else { return .notAssessed(noAPIObjects) }
        let target = context.settings.kubeVersion
        var violations: [Violation] = []
        for object in objects {
            guard let api = DeprecatedAPIs.lookup(apiVersion: object.apiVersion, kind: object.kind),
                  api.isDeprecated(at: target), !api.isRemoved(at: target) else { continue }
            let removal = api.removedIn.map { "and will not be served from \($0)" } ?? "with no removal scheduled yet"
            violations.append(Violation(
                object: object, path: apiVersionPath, value: object.apiVersion,
                message: "\(object.apiVersion) \(object.kind) is deprecated since Kubernetes \(api.deprecatedIn) \(removal); use \(api.replacement)",
                severity: api.removedIn == nil ? .low : nil))
        }
        return .from(violations, pass: "no object uses an API version deprecated in Kubernetes \(target)")
    }

    // MARK: BW-S13-003

    /// Reads: every object's `apiVersion`; CustomResourceDefinition `status.storedVersions[*]` and
    /// `spec.versions[*]` (`name`, `storage`).
    /// Allows: GA versions, configuration file formats (`*.config.k8s.io`, `kubeadm.k8s.io`,
    /// `client.authentication.k8s.io`), which are not served APIs, and every group kube-apiserver
    /// does not serve itself (custom resources: Argo CD's `argoproj.io/v1alpha1` is that project's
    /// own versioning, with no Kubernetes maturity level or feature gate). Objects BW-S13-001/002
    /// already report are left to them. Alpha/beta versions of built-in groups are low (alpha APIs
    /// are off unless the cluster enables them with --runtime-config). A CustomResourceDefinition's
    /// own alpha/beta storage versions are info.
    static let alphaBetaAPIs = Control(
        id: "BW-S13-003", section: .s13, severity: .low,
        title: "Objects and CRD storage versions that use alpha or beta API versions",
        remediation: "Prefer GA API versions; where only an alpha/beta version exists, track its graduation and keep --runtime-config from enabling alpha groups cluster-wide. For CRDs, migrate stored objects to a GA storage version and trim status.storedVersions.",
        reads: ["CustomResourceDefinition"]
    ) { context in
        let objects = apiObjects(context)
        guard !objects.isEmpty else { return .notAssessed(noAPIObjects) }
        let target = context.settings.kubeVersion
        var violations: [Violation] = []
        for object in objects {
            if let api = DeprecatedAPIs.lookup(apiVersion: object.apiVersion, kind: object.kind),
               api.isDeprecated(at: target) || api.isRemoved(at: target) { continue }
            let version = object.apiVersion.split(separator: "/").last.map(String.init) ?? ""
            if DeprecatedAPIs.isBuiltInGroup(object.group), let stage = DeprecatedAPIs.stability(ofVersion: version) {
                violations.append(Violation(
                    object: object, path: apiVersionPath, value: object.apiVersion,
                    message: "\(object.kind) is written with the \(stage) API version \(object.apiVersion): \(stage == "alpha" ? "alpha APIs are off by default, may change incompatibly and may be dropped in any release" : "beta APIs may still change and are deprecated once a GA version ships")"))
            }
            guard object.kind == "CustomResourceDefinition" else { continue }
            let group = object.value.value(at: "spec.group")?.string ?? ""
            for (i, stored) in (object.value.value(at: "status.storedVersions")?.array ?? []).enumerated() {
                guard let name = stored.string, let stage = DeprecatedAPIs.stability(ofVersion: name) else { continue }
                violations.append(Violation(
                    object: object, path: FieldPath("status.storedVersions").appending(index: i), value: name,
                    message: "CustomResourceDefinition \(object.name) has objects stored in etcd as the \(stage) version \(name) of \(group.isEmpty ? "its group" : group), the project's own pre-release version",
                    severity: .info))
            }
            for (i, entry) in (object.value.value(at: "spec.versions")?.array ?? []).enumerated() where entry["storage"]?.isTrue == true {
                guard let name = entry["name"]?.string, let stage = DeprecatedAPIs.stability(ofVersion: name) else { continue }
                violations.append(Violation(
                    object: object, path: FieldPath("spec.versions").appending(index: i).appending("name"), value: name,
                    message: "CustomResourceDefinition \(object.name) stores its objects as the \(stage) version \(name) of \(group.isEmpty ? "its group" : group), the project's own pre-release version",
                    severity: .info))
            }
        }
        return .from(violations, pass: "no object or CRD storage version uses an alpha or beta API version")
    }

    /// Reads: the group versions the API server serves (discovery, from a live scan or snapshot).
    /// Fails each alpha or beta group version served: alpha ones are on only when --runtime-config
    /// enabled them (medium); beta ones of Kubernetes groups are low (since 1.24 new beta APIs are
    /// off by default, so most were enabled on purpose or predate that); versions of other groups
    /// (aggregated APIs, CRDs) are info.
    static let servedAlphaBetaGroupVersions = Control(
        id: "BW-S13-007", section: .s13, severity: .low,
        title: "API groups served at alpha or beta versions",
        remediation: "Turn off alpha and beta group versions that nothing needs: remove them (and api/all, api/alpha, api/beta) from kube-apiserver --runtime-config, or set GROUP/VERSION=false; for aggregated APIs and CRDs, move to a GA version when one ships.",
        references: [:], reads: []
    ) { context in
        guard let served = context.inventory.servedGroupVersions else {
            return .notAssessed("no API discovery in input (scan a live cluster or a snapshot of one)")
        }
        var violations: [Violation] = []
        for groupVersion in served {
            // `v1` (core) or `GROUP/VERSION`; anything else ("", "/", "a/b/c", "apps/") is no
            // group version an API server serves, so its stability cannot be judged: say so.
            let parts = groupVersion.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let group: String, version: String
            switch parts.count {
            case 1 where !parts[0].isEmpty: (group, version) = ("", parts[0])
            case 2 where !parts[0].isEmpty && !parts[1].isEmpty: (group, version) = (parts[0], parts[1])
            default:
                violations.append(Violation(object: nil, location: "discovery /apis", value: groupVersion,
                    message: "discovery lists the malformed group version \"\(groupVersion)\" (neither VERSION nor GROUP/VERSION); its stability cannot be judged",
                    severity: .info))
                continue
            }
            guard let stage = DeprecatedAPIs.stability(ofVersion: version) else { continue }
            let kubernetes = DeprecatedAPIs.isBuiltInGroup(group)
            let severity: Severity = !kubernetes ? .info : stage == "alpha" ? .medium : .low
            let why = stage == "alpha"
                ? "alpha APIs are off by default; serving one means --runtime-config enabled it, with code that may be buggy, insecure and dropped without notice"
                : "beta APIs may still change incompatibly and are deprecated once a GA version ships"
            violations.append(Violation(object: nil, location: "discovery /apis", value: groupVersion,
                message: "the API server serves \(groupVersion): \(why)\(kubernetes ? "" : " (not a built-in group: an aggregated API or CRD)")",
                severity: severity))
        }
        return .from(violations, pass: "all \(served.count) served group versions are GA")
    }
}
