import Foundation
import BulwarkModel
import BulwarkVersions

/// S17 Security updates: the versions a cluster reports — the API server's `/version` and every
/// Node's `status.nodeInfo.kubeletVersion` / `kubeProxyVersion` — against the CVE database
/// (`ScanSettings.cveDatabase`, else the bundled table) and the supported-version window at
/// `ScanSettings.now`. Container-runtime CVEs are outside the Kubernetes feed and not judged here.
public enum S17SecurityUpdates {
    public static let controls: [Control] = [serverCVEs, serverSupport, kubeletCVEs, nodeSupport, kubeProxyCVEs, unfixedCVEs]

    static let noServerVersion = "no server version: scan a snapshot or a live cluster"
    static let noNodes = "no Node objects: scan a snapshot or a dump that includes nodes (kubectl get nodes -o json)"
    static let kubeletVersionPath: FieldPath = "status.nodeInfo.kubeletVersion"
    static let kubeProxyVersionPath: FieldPath = "status.nodeInfo.kubeProxyVersion"
    static let operatingSystemPath: FieldPath = "status.nodeInfo.operatingSystem"

    // MARK: BW-S17-001

    /// Reads: `ScanSettings.serverVersion`. Judges kube-apiserver and kube-controller-manager
    /// (upgraded with it). Each affecting CVE is one finding at the CVE's severity.
    static let serverCVEs = Control(
        id: "BW-S17-001", section: .s17, severity: .high,
        title: "The API server's version has known Kubernetes CVEs fixed in a later patch release",
        remediation: "Upgrade the control plane to the newest patch release of its minor version (or a newer supported minor); for a managed cluster, apply the provider's patched version. Subscribe to kubernetes-security-announce to hear of new fixes.",
        reads: []
    ) { context in
        guard let server = serverVersion(context) else { return .notAssessed(serverVersionProblem(context)) }
        let database = context.settings.cveDatabase ?? .bundled
        let assessment = database.assess(server, components: KubernetesComponent.controlPlane)
        let violations = assessment.affected.map { match in
            Violation(object: nil, location: "serverVersion", value: server.description,
                      message: message(match, component: "kube-apiserver", version: server, database: database),
                      severity: match.record.severity)
        }
        return .from(violations, pass: "kube-apiserver \(server) is affected by none of the \(assessment.considered) control-plane CVEs in \(database.originDescription)\(unassessedNote(assessment))\(distributionNote(server))")
    }

    // MARK: BW-S17-002

    /// Reads: `ScanSettings.serverVersion` and `ScanSettings.now` against `SupportWindow`.
    /// High once the minor is past end of life; low during its maintenance months.
    static let serverSupport = Control(
        id: "BW-S17-002", section: .s17, severity: .high,
        title: "The API server runs a Kubernetes minor version outside the supported window",
        remediation: "Upgrade the cluster, one minor version at a time, to one of the three newest minor versions (see https://kubernetes.io/releases/); end-of-life versions get no security fixes.",
        reads: []
    ) { context in
        guard let server = serverVersion(context) else { return .notAssessed(serverVersionProblem(context)) }
        let now = context.settings.now
        if let problem = supportProblem(server.line, component: "the API server", at: now) {
            return .fail([Violation(object: nil, location: "serverVersion", value: server.description,
                                    message: problem.message, severity: problem.severity)])
        }
        return .pass(supportedReason(server.line, component: "the API server", at: now))
    }

    // MARK: BW-S17-003

    /// Reads: every Node's `status.nodeInfo.kubeletVersion` and `operatingSystem` (Windows-only
    /// CVEs are skipped on other systems).
    static let kubeletCVEs = Control(
        id: "BW-S17-003", section: .s17, severity: .high,
        title: "Nodes run kubelet versions with known Kubernetes CVEs fixed in a later patch release",
        remediation: "Upgrade the nodes' kubelet to the newest patch release of its minor version (replace or upgrade node pools on managed clusters); the kubelet may lag the control plane by up to three minor versions, never lead it.",
        reads: ["Node"]
    ) { context in
        nodeCVEs(context, path: kubeletVersionPath, component: .kubelet)
    }

    // MARK: BW-S17-004

    /// Reads: every Node's `kubeletVersion` and `kubeProxyVersion` against `SupportWindow` at
    /// `ScanSettings.now`.
    static let nodeSupport = Control(
        id: "BW-S17-004", section: .s17, severity: .high,
        title: "Nodes run kubelet or kube-proxy minor versions outside the supported window",
        remediation: "Upgrade the nodes to a supported minor version (one of the three newest; see https://kubernetes.io/releases/), no newer than the control plane.",
        reads: ["Node"]
    ) { context in
        let nodes = context.inventory.objects(ofKind: "Node")
        guard !nodes.isEmpty else { return .notAssessed(noNodes) }
        let now = context.settings.now
        var violations: [Violation] = []
        var judged = 0
        for node in nodes {
            for (path, component) in [(kubeletVersionPath, "kubelet"), (kubeProxyVersionPath, "kube-proxy")] {
                guard let text = node.value.value(at: path)?.string, let version = KubernetesVersion(parsing: text) else { continue }
                judged += 1
                if let problem = supportProblem(version.line, component: "node \(node.name)'s \(component)", at: now) {
                    violations.append(Violation(object: node, path: path, value: text, message: problem.message, severity: problem.severity))
                }
            }
        }
        guard judged > 0 else { return .notAssessed("no Node reports a readable status.nodeInfo.kubeletVersion") }
        return .from(violations, pass: "every node's kubelet and kube-proxy version is within the supported window at \(day(now))")
    }

    // MARK: BW-S17-005

    /// Reads: every Node's `status.nodeInfo.kubeProxyVersion` (deprecated and often empty: then
    /// not assessed rather than passed).
    static let kubeProxyCVEs = Control(
        id: "BW-S17-005", section: .s17, severity: .medium,
        title: "Nodes report kube-proxy versions with known Kubernetes CVEs fixed in a later patch release",
        remediation: "Upgrade kube-proxy (usually the kube-system DaemonSet, or the node image) to the newest patch release of its minor version.",
        reads: ["Node"]
    ) { context in
        nodeCVEs(context, path: kubeProxyVersionPath, component: .kubeProxy)
    }

    // MARK: BW-S17-006

    /// Reads: `ScanSettings.serverVersion` (a cluster must be known). Lists the CVEs that no
    /// release fixes, with their mitigations: configuration advice, so info.
    static let unfixedCVEs = Control(
        id: "BW-S17-006", section: .s17, severity: .info,
        title: "Kubernetes CVEs without a fix that need mitigations instead of an upgrade",
        remediation: "Apply each CVE's mitigation (see the message and the advisory); upgrading does not help. Except each finding once the mitigation is in place (bulwark.io/ignore or --exceptions).",
        reads: ["Node"]
    ) { context in
        guard let server = serverVersion(context) else { return .notAssessed(serverVersionProblem(context)) }
        let database = context.settings.cveDatabase ?? .bundled
        let hasWindows = context.inventory.objects(ofKind: "Node").contains {
            $0.value.value(at: operatingSystemPath)?.string?.lowercased() == "windows"
        }
        let assessment = database.assess(server, components: KubernetesComponent.allServerSide,
                                         operatingSystem: hasWindows ? "windows" : nil)
        let violations = assessment.unfixed.map { record in
            Violation(object: nil, location: record.id, value: server.description,
                      message: "\(record.id) (\(record.severity.rawValue)\(score(record))) has no fixed release: \(record.title). Mitigate: \(record.mitigation ?? "see the advisory"). \(record.link) [\(database.shortOriginDescription)]",
                      severity: .info)
        }
        return .from(violations, pass: "\(database.originDescription) lists no unfixed CVE")
    }

    // MARK: Shared

    static func serverVersion(_ context: ScanContext) -> KubernetesVersion? {
        context.settings.serverVersion.flatMap(KubernetesVersion.init(parsing:))
    }

    /// Why `serverVersion` is nil.
    static func serverVersionProblem(_ context: ScanContext) -> String {
        guard let text = context.settings.serverVersion else { return noServerVersion }
        return "the server version '\(text)' is not a Kubernetes version Bulwark can read (expected v1.N.P)"
    }

    static func nodeCVEs(_ context: ScanContext, path: FieldPath, component: KubernetesComponent) -> ControlOutcome {
        let nodes = context.inventory.objects(ofKind: "Node")
        guard !nodes.isEmpty else { return .notAssessed(noNodes) }
        let database = context.settings.cveDatabase ?? .bundled
        var violations: [Violation] = []
        var judged: [String] = []
        var unreadable: [String] = []
        var unassessed: Set<String> = []
        for node in nodes {
            guard let text = node.value.value(at: path)?.string, !text.isEmpty else { continue }
            guard let version = KubernetesVersion(parsing: text) else { unreadable.append("\(node.name) (\(text))"); continue }
            judged.append(node.name)
            let os = node.value.value(at: operatingSystemPath)?.string
            let assessment = database.assess(version, components: [component], operatingSystem: os)
            unassessed.formUnion(assessment.unassessed.map(\.id))
            for match in assessment.affected {
                violations.append(Violation(object: node, path: path, value: text,
                                            message: "node \(node.name): " + message(match, component: component.rawValue, version: version, database: database),
                                            severity: match.record.severity))
            }
        }
        guard !judged.isEmpty else {
            if !unreadable.isEmpty { return .unreadable("no readable \(path) (\(unreadable.joined(separator: ", ")))") }
            return .notAssessed(component == .kubeProxy
                ? "no Node reports \(path) (deprecated, empty on newer kubelets); kube-proxy usually runs at the control plane's version"
                : "no Node reports \(path)")
        }
        var reason = "the \(component.rawValue) of \(judged.count) node(s) is affected by no CVE in \(database.originDescription)"
        if !unassessed.isEmpty { reason += "; not assessed for lack of version data: \(unassessed.sorted().joined(separator: ", "))" }
        if !unreadable.isEmpty { reason += "; unreadable versions: \(unreadable.joined(separator: ", "))" }
        return .from(violations, pass: reason)
    }

    /// `kube-apiserver v1.24.0 is affected by CVE-2022-3162 (medium, CVSS 6.5): …; fixed in 1.24.8.`
    static func message(_ match: CVEMatch, component: String, version: KubernetesVersion, database: CVEDatabase) -> String {
        let record = match.record
        var text = "\(component) \(version) is affected by \(record.id) (\(record.severity.rawValue)\(score(record))): \(record.title); \(match.upgradeAdvice(for: version))."
        if record.windowsOnly { text += match.operatingSystemUnknown ? " Windows nodes only (this node's OS is not reported)." : " Windows nodes only." }
        if let condition = record.condition { text += " Exposed \(condition)." }
        if record.uncertain, let note = record.note { text += " Data uncertain: \(note)." }
        if let d = version.distribution { text += " Judged as upstream \(version.upstreamDescription); the \(d) build may carry backported fixes." }
        return text + " \(record.link) [\(database.shortOriginDescription)]"
    }

    static func score(_ record: CVERecord) -> String {
        record.cvssScore.map { ", CVSS \(String(format: "%.1f", $0))" } ?? ""
    }

    static func unassessedNote(_ a: CVEAssessment) -> String {
        a.unassessed.isEmpty ? "" : "; not assessed for lack of version data: \(a.unassessed.map(\.id).joined(separator: ", "))"
    }

    static func distributionNote(_ v: KubernetesVersion) -> String {
        v.distribution.map { "; judged as upstream \(v.upstreamDescription) (the \($0) build may carry backported fixes)" } ?? ""
    }

    /// A finding's message and severity when `line` is not fully supported at `date`.
    static func supportProblem(_ line: KubeVersion, component: String, at date: Date) -> (message: String, severity: Severity)? {
        let supported = SupportWindow.supportedLines(at: date).map { $0.id.description }
        let advice = supported.isEmpty ? "" : "; supported at \(day(date)): \(supported.joined(separator: ", "))"
        switch SupportWindow.status(of: line, at: date) {
        case .endOfLife(let since):
            return ("\(component) runs Kubernetes \(line), which reached end of life on \(day(since)) and gets no security fixes\(advice)", .high)
        case .olderThanKnown(let oldest):
            return ("\(component) runs Kubernetes \(line), older than \(oldest) and long out of support\(advice)", .high)
        case .maintenance(let eol):
            return ("\(component) runs Kubernetes \(line), in maintenance mode (critical fixes only) until its end of life on \(day(eol))\(advice)", .low)
        case .supported, .newerThanKnown:
            return nil
        }
    }

    static func supportedReason(_ line: KubeVersion, component: String, at date: Date) -> String {
        switch SupportWindow.status(of: line, at: date) {
        case .supported(let eol): return "\(component) runs Kubernetes \(line), supported until \(day(eol))"
        case .newerThanKnown(let newest): return "\(component) runs Kubernetes \(line), newer than every release line Bulwark's data knows (\(newest)): taken as supported"
        default: return "\(component) runs Kubernetes \(line)"
        }
    }

    static func day(_ date: Date) -> String { String(RFC3339.format(date).prefix(10)) }
}
