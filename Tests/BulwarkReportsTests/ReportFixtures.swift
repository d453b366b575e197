import Foundation
import BulwarkModel
import BulwarkReports

/// Hand-built scan results covering what renderers must cope with: several sections given out of
/// order, all three statuses, findings with and without file and line, a finding about no object,
/// input errors and warnings, and text that needs escaping in every format.
enum ReportFixtures {
    /// Text no renderer may pass through raw: markup characters, a line break, a pipe, non-ASCII,
    /// and control characters (ESC starts a terminal sequence; BEL and U+0001 are illegal in XML 1.0).
    static let nastyMessage = "Container \"web\" <runs> privileged & unsafe | see\nnext line: Ünïcödé ☸ 日本 \u{1B}[31mred\u{07}\u{01}"
    static let nastyValue = "a|b\nc <d> & \"e\""

    static let controls: [ControlInfo] = [
        ControlInfo(id: "BW-S2-001", section: .s2, severity: .high, title: "Anonymous auth disabled on the API server",
                    remediation: "Set --anonymous-auth=false.", references: ["cis": ["1.2.1"]]),
        ControlInfo(id: "BW-S2-002", section: .s2, severity: .high, title: "Kubelet anonymous auth disabled",
                    remediation: "Set authentication.anonymous.enabled: false in the KubeletConfiguration.",
                    references: ["cis": ["4.2.1"], "kubescape": []]),
        ControlInfo(id: "BW-S6-001", section: .s6, severity: .critical, title: "No privileged containers",
                    remediation: "Remove securityContext.privileged or set it to false.",
                    references: ["pss": ["baseline/privileged"], "checkov": ["CKV_K8S_16"]]),
        ControlInfo(id: "BW-S6-002", section: .s6, severity: .medium, title: "Read-only root filesystem",
                    remediation: "Set readOnlyRootFilesystem: true."),
        ControlInfo(id: "BW-S6-003", section: .s6, severity: .high, title: "No host path <volumes> & \"mounts\"",
                    remediation: "Use an emptyDir or a PersistentVolumeClaim instead of hostPath."),
        ControlInfo(id: "BW-S6-010", section: .s6, severity: .low, title: "TLS Secrets not expiring soon",
                    remediation: "Rotate the certificate."),
        ControlInfo(id: "BW-S9-001", section: .s9, severity: .high, title: "Metadata API blocked by egress policy",
                    remediation: "Add a NetworkPolicy denying egress to 169.254.169.254/32."),
        ControlInfo(id: "BW-S10-001", section: .s10, severity: .info, title: "Sensitive pods pinned to dedicated nodes",
                    remediation: "Use node affinity and taints."),
        // BW-S17-001 is left out on purpose: renderers must cope with a result missing from the catalogue.
    ]

    static let webDeployment = ObjectReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web",
                                               file: "./manifests/web app.yaml", document: 0, line: 1)
    static let etcdPod = ObjectReference(apiVersion: "v1", kind: "Pod", namespace: "kube-system", name: "etcd-node1",
                                         file: "/etc/kubernetes/manifests/etcd.yaml", document: 0, line: 3)
    static let liveDaemonSet = ObjectReference(apiVersion: "apps/v1", kind: "DaemonSet", namespace: "monitoring",
                                               name: "node-exporter")

    static let findings: [Finding] = [
        Finding(control: "BW-S6-001", section: .s6, severity: .critical, object: webDeployment,
                path: "spec.template.spec.containers[0].securityContext.privileged", line: 14, value: "true",
                message: nastyMessage, remediation: "Remove securityContext.privileged or set it to false."),
        Finding(control: "BW-S6-001", section: .s6, severity: .critical, object: etcdPod,
                path: "spec.containers[0].securityContext.privileged", value: "123",
                message: "Container etcd runs privileged.", remediation: "Remove securityContext.privileged or set it to false."),
        Finding(control: "BW-S6-003", section: .s6, severity: .high, object: liveDaemonSet,
                path: "spec.template.spec.volumes[0].hostPath.path", value: nastyValue,
                message: "Mounts the host path /proc.", remediation: "Use an emptyDir or a PersistentVolumeClaim instead of hostPath."),
        Finding(control: "BW-S2-002", section: .s2, severity: .high, object: nil,
                path: "--anonymous-auth", value: nil,
                message: "Kubelet accepts anonymous requests.", remediation: "Set authentication.anonymous.enabled: false."),
    ]

    static let results: [ControlResult] = [
        ControlResult(control: "BW-S10-001", section: .s10, severity: .info, title: "Sensitive pods pinned to dedicated nodes",
                      status: .notAssessed, reason: "Node labels unavailable: \"nodes\" <forbidden> & more | see RBAC", findings: 0),
        ControlResult(control: "BW-S6-010", section: .s6, severity: .low, title: "TLS Secrets not expiring soon",
                      status: .notAssessed, reason: "Needs --read-secrets.", findings: 0),
        ControlResult(control: "BW-S6-003", section: .s6, severity: .high, title: "No host path <volumes> & \"mounts\"",
                      status: .fail, reason: "1 workload mounts host paths.", findings: 1),
        ControlResult(control: "BW-S6-002", section: .s6, severity: .medium, title: "Read-only root filesystem",
                      status: .pass, reason: "All containers are read-only.", findings: 0),
        ControlResult(control: "BW-S6-001", section: .s6, severity: .critical, title: "No privileged containers",
                      status: .fail, reason: "2 containers run privileged.", findings: 2),
        ControlResult(control: "BW-S2-002", section: .s2, severity: .high, title: "Kubelet anonymous auth disabled",
                      status: .fail, reason: "Anonymous auth is on.", findings: 1),
        ControlResult(control: "BW-S2-001", section: .s2, severity: .high, title: "Anonymous auth disabled on the API server",
                      status: .pass, reason: "Flag set to false.", findings: 0),
        ControlResult(control: "BW-S17-001", section: .s17, severity: .medium, title: "Supported Kubernetes version",
                      status: .pass, reason: "1.30 is supported.", findings: 0),
    ]

    static let errors: [InputIssue] = [
        InputIssue(file: "manifests/bad.yaml", document: 2, line: 7, level: .error,
                   message: "mapping values are not allowed in this context <here> & \"there\""),
        InputIssue(file: "manifests/dup.yaml", document: 0, line: 3, level: .warning, message: "duplicate key \"image\""),
    ]

    static let exceptions: [ScanReport.ExceptionUse] = [
        ScanReport.ExceptionUse(control: "BW-S6-002", object: webDeployment, path: "spec.template.spec.containers[1]",
                                source: "exceptions.yaml", reason: "Legacy sidecar", expires: "2027-01-31", status: .applied),
    ]

    static let generatedAt = Date(timeIntervalSince1970: 1_780_000_000)

    /// The full report: 3 pass, 3 fail, 2 not assessed over S2, S6, S10 and S17.
    static func report() -> ScanReport {
        ScanReport(toolVersion: "1.2.3", generatedAt: generatedAt,
                   settings: .init(pssLevel: "restricted", pssVersion: "1.30", kubeVersion: "1.30", failOn: .high),
                   objects: 7, findings: findings, results: results, exceptions: exceptions, errors: errors, exitCode: 1)
    }

    /// A clean scan: nothing failed, no input issues.
    static func cleanReport() -> ScanReport {
        ScanReport(toolVersion: "1.2.3", generatedAt: generatedAt,
                   settings: .init(pssLevel: "baseline", pssVersion: "latest", kubeVersion: "1.31", failOn: .high),
                   objects: 1, findings: [], results: results.filter { $0.status == .pass }, exceptions: [], errors: [],
                   exitCode: 0)
    }

    static func render(_ format: ReportFormat, _ report: ScanReport = report(), colour: Bool = false,
                       style: RenderStyle? = nil) throws -> String {
        try format.render(report, controls: controls, style: style ?? .init(colour: colour, showNotAssessed: true))
    }

    /// The full report as `--strict` makes it: the input error decided exit code 2.
    static func strictReport() -> ScanReport {
        var r = report()
        r.summary.exitCode = 2
        return r
    }
}
