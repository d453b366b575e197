import BulwarkModel

// Source: ../shared/reference/k8s-cves.md (section 2, "Core-component CVEs, 2018 → newest found"),
// which gathers the official Kubernetes CVE issues (label official-cve-feed), the
// kubernetes-sigs/cve-feed-osv records and stackrox/k8s-cves, through 2026-09. Where that file
// marks a value `(?)` or says the sources disagree, the record is `uncertain` and `note` says why.
// Where sources disagree the official advisory wins (CVE-2021-25741, CVE-2020-10749, CVE-2021-25749).
// Links: the official GitHub issue where one was confirmed, else the CVE record on cve.org.
// Severities and scores are the Kubernetes SRC's CVSS v3 ratings unless the note says otherwise.
// Non-core sub-project CVEs (ingress-nginx, CSI drivers) are left out, as in the reference.

/// The CVE table compiled into Bulwark.
public enum BundledCVEs {
    /// How recent the bundled data is (the newest source read).
    public static let asOf = "2026-09"

    public static let records: [CVERecord] = [
        // MARK: 2017 IDs, disclosed 2018
        cve("CVE-2017-1002101", [.kubelet], "subPath volume mounts can reach files outside the volume (host filesystem)", .high, 8.8,
            ranges(older: .from(v(1, 3)), "1.7.14", "1.8.9", "1.9.4", "1.10.0-beta.3"),
            note: "NVD rates it 9.6"),
        cve("CVE-2017-1002102", [.kubelet], "secret/configMap/projected/downwardAPI volumes can trigger deletion of arbitrary host files", .medium, 6.1,
            ranges(older: .from(v(1, 3)), "1.7.14", "1.8.9", "1.9.4", "1.10.0-beta.1")),

        // MARK: 2018–2019
        cve("CVE-2018-1002100", [.kubectl], "kubectl cp path traversal from a malicious container tar", .medium, 4.2,
            ranges(older: .from(v(1, 5)), "1.9.6")),
        cve("CVE-2018-1002101", [.kubelet], "command-line argument injection when setting up volume mounts on Windows", .medium, 5.9,
            ranges(older: .notAffected, "1.9.10", "1.10.6", "1.11.2"), windows: true, note: "NVD rates it 9.8"),
        cve("CVE-2018-1002105", [.kubeAPIServer], "mishandled proxied upgrade requests let a request ride an authenticated backend connection (aggregated APIs, kubelet exec)", .critical, 9.8,
            ranges(older: .all, "1.10.11", "1.11.5", "1.12.3")),
        cve("CVE-2018-1002102", [.kubeAPIServer], "attacker-controlled kubelet redirects streaming requests; the API server follows with its client certificate", .low, 2.6,
            .ranges([AffectedLine(line: v(1, 13), fixed: nil)], olderLines: .all),
            condition: "with the default settings before 1.14 (StreamingProxyRedirects on, ValidateProxyRedirects off); from 1.10 the flag --feature-gates=ValidateProxyRedirects=true mitigates it",
            uncertain: "the OSV record says fixed in 1.12.2, the advisory says default-safe only from 1.14 (used here)"),
        cve("CVE-2019-1002100", [.kubeAPIServer], "JSON-patch requests exhaust API server resources (users with patch rights)", .medium, 6.5,
            ranges(older: .all, "1.11.8", "1.12.6", "1.13.4")),
        cve("CVE-2019-1002101", [.kubectl], "kubectl cp symlink traversal (incomplete fix of CVE-2018-1002100)", .medium, 6.4,
            ranges(older: .all, "1.11.9", "1.12.7", "1.13.5")),
        cve("CVE-2019-9946", [.kubelet], "kubelet-bundled CNI portmap plugin inserts HostPort rules ahead of KUBE-SERVICES", .high, 7.5,
            ranges(older: .all, "1.11.9", "1.12.7", "1.13.5"),
            uncertain: "the SRC score is not recorded; 7.5 is NVD's"),
        cve("CVE-2019-11243", [.clientGo], "rest.AnonymousClientConfig() keeps the service-account credentials of an in-cluster config", .low, 3.1,
            ranges(older: .notAffected, "1.12.5", "1.13.1")),
        cve("CVE-2019-11244", [.kubectl], "kubectl --cache-dir files created world-writable", .low, 2.8,
            ranges(older: .from(v(1, 8)), "1.12.9", "1.13.7", "1.14.3"),
            uncertain: "1.12.9 is the fix per the CVE record; stackrox lists no 1.12 fix"),
        cve("CVE-2019-11245", [.kubelet], "a container without runAsUser runs as uid 0 after a restart when the image sets USER", .medium, 4.9,
            ranges(older: .notAffected, only("1.13.6", fixed: "1.13.7"), only("1.14.2", fixed: "1.14.3"))),
        cve("CVE-2019-11246", [.kubectl], "kubectl cp tar symlink traversal (incomplete fix of CVE-2019-1002101)", .medium, 6.4,
            ranges(older: .all, "1.12.9", "1.13.6", "1.14.2")),
        cve("CVE-2019-11247", [.kubeAPIServer], "cluster-scoped custom resources reachable through namespaced paths, authorized by namespace RBAC", .medium, 5.0,
            ranges(older: .from(v(1, 7)), "1.13.9", "1.14.5", "1.15.2"), note: "NVD rates it 8.1"),
        cve("CVE-2019-11248", [.kubelet], "/debug/pprof served on the unauthenticated healthz port", .medium, 6.5,
            ranges(older: .all, "1.12.10", "1.13.8", "1.14.4")),
        cve("CVE-2019-11249", [.kubectl], "kubectl cp traversal (incomplete fixes of CVE-2019-1002101 and CVE-2019-11246)", .medium, 4.8,
            ranges(older: .all, "1.13.9", "1.14.5", "1.15.2")),
        cve("CVE-2019-11250", KubernetesComponent.allServerSide.union([.kubectl, .clientGo]), "client-go writes bearer tokens to logs at verbosity 7 and above", .medium, 4.7,
            .ranges([AffectedLine(line: v(1, 15), fixed: nil)], olderLines: .all),
            condition: "only when a component runs with log verbosity -v=7 or higher"),
        cve("CVE-2019-11251", [.kubectl], "kubectl cp symlink lets a container write files outside the target directory (regression in those patches)", .medium, 4.8,
            ranges(older: .notAffected, only("1.13.10", fixed: "1.13.11"), only("1.14.6", fixed: "1.14.7"), only("1.15.3", fixed: "1.15.4"))),
        cve("CVE-2019-11252", [.kubeControllerManager], "AzureFile/CephFS credentials leaked in mount-failure logs and events", .medium, 5.9,
            .ranges([AffectedLine(line: v(1, 17), fixed: nil)], olderLines: .all)),
        cve("CVE-2019-11253", [.kubeAPIServer], "YAML/JSON \"billion laughs\" parsing denial of service", .high, 7.5,
            ranges(older: .all, "1.13.12", "1.14.8", "1.15.5", "1.16.2")),
        cve("CVE-2019-11254", [.kubeAPIServer], "crafted YAML burns API server CPU (authorized users)", .medium, 6.5,
            ranges(older: .all, "1.15.10", "1.16.7", "1.17.3"),
            uncertain: "1.16.7 per OSV and NVD; stackrox says 1.16.8"),
        cve("CVE-2019-9512", KubernetesComponent.allServerSide, "Go HTTP/2 ping flood", .high, 7.5,
            ranges(older: .all, "1.13.10", "1.14.6", "1.15.3"),
            uncertain: "a Go standard-library CVE; membership of the official Kubernetes feed is not confirmed; NVD score",
            link: "https://www.cve.org/CVERecord?id=CVE-2019-9512"),
        cve("CVE-2019-9514", KubernetesComponent.allServerSide, "Go HTTP/2 reset flood", .high, 7.5,
            ranges(older: .all, "1.13.10", "1.14.6", "1.15.3"),
            uncertain: "a Go standard-library CVE; membership of the official Kubernetes feed is not confirmed; NVD score",
            link: "https://www.cve.org/CVERecord?id=CVE-2019-9514"),
        cve("CVE-2019-16276", KubernetesComponent.allServerSide, "Go net/http header handling allows request smuggling", .high, 7.5,
            ranges(older: .all, "1.14.8", "1.15.5", "1.16.1"),
            uncertain: "a Go standard-library CVE; membership of the official Kubernetes feed is not confirmed; NVD score",
            link: "https://www.cve.org/CVERecord?id=CVE-2019-16276"),

        // MARK: 2020
        cve("CVE-2020-8551", [.kubelet], "denial of service through the kubelet API (read-only port 10255 included)", .medium, 4.3,
            ranges(older: .notAffected, "1.15.10", "1.16.7", "1.17.3")),
        cve("CVE-2020-8552", [.kubeAPIServer], "denial of service through authorized API requests", .medium, 5.3,
            ranges(older: .all, "1.15.10", "1.16.7", "1.17.3")),
        cve("CVE-2020-8554", [.kubeAPIServer, .kubeProxy], "man-in-the-middle by setting spec.externalIPs or status.loadBalancer.ingress[].ip of a Service", .medium, 6.3,
            .allVersions,
            mitigation: "restrict externalIPs with the DenyServiceExternalIPs admission plugin (1.21+) or a policy engine, and grant services/status only to controllers"),
        cve("CVE-2020-8555", [.kubeControllerManager], "half-blind SSRF through in-tree volume plugins (GlusterFS, Quobyte, StorageOS, ScaleIO)", .medium, 6.3,
            ranges(older: .all, "1.15.12", "1.16.9", "1.17.5", "1.18.1"),
            condition: "only where users may create pods or StorageClasses with those in-tree volume types"),
        cve("CVE-2020-8557", [.kubelet], "writes to /etc/hosts are not counted by eviction, so a pod can fill the node's disk", .medium, 5.5,
            ranges(older: .all, "1.16.13", "1.17.9", "1.18.6")),
        cve("CVE-2020-8558", [.kubeProxy, .kubelet], "route_localnet=1 lets adjacent hosts reach services bound to localhost", .medium, 5.4,
            ranges(older: .all, "1.16.11", "1.17.7", "1.18.4"),
            note: "8.8 High when the API server's insecure port is enabled"),
        cve("CVE-2020-8559", [.kubeAPIServer], "unvalidated redirect on proxied upgrade requests: a compromised node can compromise the cluster", .medium, 6.4,
            ranges(older: .from(v(1, 6)), "1.16.13", "1.17.9", "1.18.6")),
        cve("CVE-2020-8561", [.kubeAPIServer], "the API server follows redirects from admission webhooks into private networks (visible at log level 10 and above)", .medium, 4.1,
            .allVersions,
            mitigation: "do not let untrusted users create admission webhooks, keep API server log verbosity below 10, and restrict the API server's egress to the networks webhooks need",
            note: "unfixed; the CVE record's former fixed-version fields were corrected by the SRC in 2026"),
        cve("CVE-2020-8562", [.kubeAPIServer], "TOCTOU in the proxy's destination filtering reaches private and link-local addresses", .low, 2.2,
            .allVersions,
            mitigation: "restrict who may use the node, service and pod proxy subresources, and block the control plane's egress to link-local and private ranges it does not need",
            note: "unfixed; the CVE record's former fixed-version fields were corrected by the SRC in 2026"),
        cve("CVE-2020-8563", [.kubeControllerManager], "vSphere credentials logged at verbosity 4 and above", .medium, 5.6,
            ranges(older: .notAffected, "1.19.3"), condition: "only with the vSphere cloud provider and log verbosity -v=4 or higher"),
        cve("CVE-2020-8564", [.kubelet], "malformed docker config contents logged at verbosity 4 and above", .medium, 4.7,
            ranges(older: .notAffected, "1.17.13", "1.18.10", "1.19.3"),
            condition: "only with log verbosity -v=4 or higher",
            uncertain: "the affected component (kubelet credential handling) is not confirmed"),
        cve("CVE-2020-8565", [.kubeAPIServer, .kubectl, .clientGo], "incomplete fix of CVE-2019-11250: tokens logged at verbosity 9 and above", .medium, 4.7,
            ranges(older: .notAffected, "1.17.16", "1.18.14", "1.19.6", "1.20.0-alpha.2"),
            condition: "only when a component runs with log verbosity -v=9 or higher",
            uncertain: "the advisory names only 1.20.0-alpha.2 as fixed; the CVE record's 1.17.16, 1.18.14 and 1.19.6 are used here"),
        cve("CVE-2020-8566", [.kubeControllerManager], "Ceph RBD admin secret logged at verbosity 4 and above", .medium, 4.7,
            ranges(older: .notAffected, "1.17.13", "1.18.10", "1.19.3"), condition: "only with Ceph RBD volumes and log verbosity -v=4 or higher"),
        cve("CVE-2020-10749", [.kubelet], "kubelet-bundled CNI plugins accept IPv6 rogue router advertisements (MITM in IPv4-only clusters)", .medium, 6.0,
            ranges(older: .all, "1.16.11", "1.17.7", "1.18.4"),
            uncertain: "1.17.7 per most sources; the OSV record says 1.17.17 (taken for a typo)"),

        // MARK: 2021–2022
        cve("CVE-2021-25735", [.kubeAPIServer], "node updates bypass validating admission webhooks that rely on old object values", .medium, 6.5,
            ranges(older: .all, "1.18.18", "1.19.10", "1.20.6")),
        cve("CVE-2021-25736", [.kubeProxy], "on Windows, LoadBalancer traffic can reach a local node process on the same port when status.loadBalancer.ingress[].ip is unset", .medium, 5.8,
            ranges(older: .all, "1.18.18", "1.19.10", "1.20.6"), windows: true,
            uncertain: "affected and fixed versions are believed, not confirmed (fix PR #99958); score computed from the announced vector",
            link: "https://www.cve.org/CVERecord?id=CVE-2021-25736"),
        cve("CVE-2021-25737", [.kubeAPIServer], "EndpointSlice validation allowed loopback and link-local addresses (incomplete fix of CVE-2020-8554)", .low, 2.7,
            ranges(older: .from(v(1, 16)), "1.18.19", "1.19.11", "1.20.7", "1.21.1")),
        cve("CVE-2021-25740", [.kubeAPIServer], "confused deputy: Endpoints pointing at other namespaces' pods (e.g. through ingress controllers)", .low, 3.1,
            .allVersions,
            mitigation: "do not grant Endpoints and EndpointSlices write access to users who should not redirect traffic; review aggregated edit/admin roles",
            uncertain: "that default edit/admin roles stopped granting Endpoints writes for new clusters from 1.22 is not confirmed"),
        cve("CVE-2021-25741", [.kubelet], "subPath symlink exchange gives access outside the volume", .high, 8.8,
            ranges(older: .all, "1.19.15", "1.20.11", "1.21.5", "1.22.2"),
            note: "the OSV record's 1.19.16 and 1.22.1 contradict the advisory, which is used"),
        cve("CVE-2021-25743", [.kubectl], "terminal escape and control sequences in object fields are not neutralised", .low, 3.0,
            ranges(older: .all, "1.26.0-alpha.3"),
            uncertain: "score (3.0) and fix (the 1.26 line) come from third-party scanner data"),
        cve("CVE-2021-25749", [.kubelet], "runAsNonRoot bypass for Windows containers (user-name spelling)", .low, 3.4,
            ranges(older: .from(v(1, 20)), "1.22.14", "1.23.11", "1.24.5"), windows: true,
            note: "the announcement rates it Low 3.4; the CVE record's vector scores 7.8"),
        cve("CVE-2022-3162", [.kubeAPIServer], "cluster-wide list/watch of one namespaced custom resource type reads other types of the same group", .medium, 6.5,
            ranges(older: .all, "1.22.16", "1.23.14", "1.24.8", "1.25.4")),
        cve("CVE-2022-3172", [.kubeAPIServer], "an aggregated API server can redirect clients (SSRF, credential forwarding)", .medium, 5.1,
            .ranges([AffectedLine(line: v(1, 21), fixed: nil)] + lines("1.22.14", "1.23.11", "1.24.5", "1.25.1"), olderLines: .all),
            note: "no 1.21 release fixes it"),
        cve("CVE-2022-3294", [.kubeAPIServer], "node address not always validated when proxying, reaching the control-plane network", .medium, 6.6,
            ranges(older: .all, "1.22.16", "1.23.14", "1.24.8", "1.25.4")),

        // MARK: 2023–2025
        cve("CVE-2023-2431", [.kubelet], "seccompProfile Localhost with an empty localhostProfile runs unconfined", .low, 3.4,
            ranges(older: .all, "1.24.14", "1.25.10", "1.26.5", "1.27.2"),
            condition: "only for pods with seccompProfile type Localhost and an empty localhostProfile"),
        cve("CVE-2023-2727", [.kubeAPIServer], "ephemeral containers bypass ImagePolicyWebhook", .medium, 6.5,
            ranges(older: .all, "1.24.15", "1.25.11", "1.26.6", "1.27.3"),
            condition: "only with the ImagePolicyWebhook admission plugin and users who may add ephemeral containers"),
        cve("CVE-2023-2728", [.kubeAPIServer], "ephemeral containers bypass the ServiceAccount admission plugin's mountable-secrets policy", .medium, 6.5,
            ranges(older: .all, "1.24.15", "1.25.11", "1.26.6", "1.27.3"),
            condition: "only with the kubernetes.io/enforce-mountable-secrets annotation and users who may add ephemeral containers"),
        cve("CVE-2023-3676", [.kubelet], "insufficient input sanitisation: a pod creator becomes admin on a Windows node", .high, 8.8,
            ranges(older: .all, "1.24.17", "1.25.13", "1.26.8", "1.27.5", "1.28.1"), windows: true),
        cve("CVE-2023-3955", [.kubelet], "insufficient input sanitisation (another code path): a pod creator becomes admin on a Windows node", .high, 8.8,
            ranges(older: .all, "1.24.17", "1.25.13", "1.26.8", "1.27.5", "1.28.1"), windows: true, issue: 119595),
        cve("CVE-2023-5528", [.kubelet], "a pod and PersistentVolume creator becomes admin on a Windows node (in-tree storage plugins)", .high, 7.2,
            ranges(older: .from(v(1, 8)), "1.25.16", "1.26.11", "1.27.8", "1.28.4"), windows: true,
            condition: "only with in-tree storage plugins for Windows nodes"),
        cve("CVE-2024-3177", [.kubeAPIServer], "the ServiceAccount admission plugin's mountable-secrets policy is bypassed through envFrom", .low, 2.7,
            ranges(older: .all, "1.27.13", "1.28.9", "1.29.4"),
            condition: "only with the kubernetes.io/enforce-mountable-secrets annotation"),
        cve("CVE-2024-5321", [.kubelet], "Windows container log files readable by BUILTIN\\Users and writable by Authenticated Users", .medium, 6.1,
            ranges(older: .all, "1.27.16", "1.28.12", "1.29.7", "1.30.3"), windows: true, issue: 126161),
        cve("CVE-2024-7598", [.kubeAPIServer], "during namespace deletion, NetworkPolicies may be deleted before the pods they protect", .low, 3.1,
            .allVersions,
            mitigation: "delete a namespace's workloads before the namespace, or put a finalizer on its NetworkPolicies"),
        cve("CVE-2024-9042", [.kubelet], "command injection on Windows nodes through nodes/*/logs/query", .medium, 5.9,
            ranges(older: .all, "1.29.13", "1.30.9", "1.31.5", "1.32.1"), windows: true,
            condition: "only with the NodeLogQuery feature gate and enableSystemLogQuery on Windows nodes", issue: 129654),
        cve("CVE-2024-10220", [.kubelet], "arbitrary command execution through hooks of a repository cloned into a gitRepo volume", .high, 8.1,
            ranges(older: .all, "1.28.12", "1.29.7", "1.30.3"),
            condition: "only where users may create pods with gitRepo volumes"),
        cve("CVE-2025-0426", [.kubelet], "node denial of service by filling the disk through the kubelet checkpoint API", .medium, 6.2,
            ranges(older: .all, "1.29.14", "1.30.10", "1.31.6", "1.32.2"),
            condition: "only with the ContainerCheckpoint feature and access to the kubelet API"),
        cve("CVE-2025-1767", [.kubelet], "a pod creator can clone other pods' local git repositories on the same node through a gitRepo volume", .medium, 6.5,
            .allVersions,
            mitigation: "block gitRepo volumes by policy (ValidatingAdmissionPolicy, Kyverno, Gatekeeper) and clone repositories with an init container instead"),
        cve("CVE-2025-4563", [.kubeAPIServer], "nodes can create mirror pods referencing dynamic resources they are not authorised for", .low, 2.7,
            ranges(older: .notAffected, "1.32.6", "1.33.2"),
            condition: "only with DynamicResourceAllocation enabled and static pods in use"),
        cve("CVE-2025-5187", [.kubeAPIServer], "a node can get itself garbage-collected through an OwnerReference and re-register with altered labels and taints", .medium, 6.7,
            ranges(older: .all, "1.31.12", "1.32.8", "1.33.4"),
            condition: "only if the OwnerReferencesPermissionEnforcement admission plugin is off",
            note: "affected versions are derived from the fixed versions; 1.34.0 ships the fix"),
        cve("CVE-2025-13281", [.kubeControllerManager], "half-blind SSRF into the control-plane host network through the in-tree Portworx StorageClass", .medium, nil,
            ranges(older: .all, "1.32.10", "1.33.6", "1.34.2"),
            condition: "only where users may create StorageClasses or PVCs using the in-tree Portworx provisioner",
            uncertain: "the score is not confirmed by an official statement; affected versions are derived from the fixed versions",
            link: "https://www.cve.org/CVERecord?id=CVE-2025-13281"),

        // MARK: 2026 placeholders (no details published)
        placeholder("CVE-2026-2270", issue: 142097),
        placeholder("CVE-2026-76654", issue: 142098),
    ]

    // MARK: Table helpers

    private static func v(_ major: Int, _ minor: Int) -> KubeVersion { KubeVersion(major, minor) }

    /// A version written in this table; the table is tested to parse, so a typo fails the tests.
    private static func version(_ text: String) -> KubernetesVersion {
        KubernetesVersion(parsing: text) ?? KubernetesVersion(0, 0, 0)
    }

    /// A line affected from its first build up to `fixed`.
    private static func lines(_ fixed: String...) -> [AffectedLine] { lines(fixed) }
    private static func lines(_ fixed: [String]) -> [AffectedLine] {
        fixed.map { let f = version($0); return AffectedLine(line: f.line, fixed: f) }
    }

    /// A line where only the patches from `first` up to `fixed` are affected (a regression).
    private static func only(_ first: String, fixed: String) -> AffectedLine {
        let f = version(fixed)
        return AffectedLine(line: f.line, firstAffected: version(first), fixed: f)
    }

    private static func ranges(older: AffectedVersions.OlderLines, _ fixed: String...) -> AffectedVersions {
        .ranges(lines(fixed), olderLines: older)
    }

    private static func ranges(older: AffectedVersions.OlderLines, _ lines: AffectedLine...) -> AffectedVersions {
        .ranges(lines, olderLines: older)
    }

    private static func cve(_ id: String, _ components: Set<KubernetesComponent>, _ title: String, _ severity: Severity,
                            _ score: Double?, _ affected: AffectedVersions, windows: Bool = false,
                            condition: String? = nil, mitigation: String? = nil, uncertain: String? = nil,
                            note: String? = nil, issue: Int? = nil, link: String? = nil) -> CVERecord {
        CVERecord(id: id, title: title, components: components, severity: severity, cvssScore: score,
                  affected: affected, windowsOnly: windows, condition: condition, mitigation: mitigation,
                  uncertain: uncertain != nil, note: [uncertain, note].compactMap { $0 }.joined(separator: "; ").nilIfEmpty,
                  link: link ?? issue.map { "https://github.com/kubernetes/kubernetes/issues/\($0)" }
                      ?? "https://www.cve.org/CVERecord?id=\(id)")
    }

    private static func placeholder(_ id: String, issue: Int) -> CVERecord {
        CVERecord(id: id, title: "details will be published after the public release", components: [],
                  severity: .info, affected: .unknown(reason: "the advisory has no details yet"), uncertain: true,
                  note: "placeholder advisory opened 2026-09-14 without details",
                  link: "https://github.com/kubernetes/kubernetes/issues/\(issue)")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
