import BulwarkModel

/// Every audit-log rule, in one place. IDs read `BW-S<section>-4NN` (SPEC §4) with the section of
/// the risk each detects; `falco` names Falco k8saudit rules and `panther` Panther RuleIDs that
/// judge the same thing.
public enum AuditRules {
    public static let all: [AuditRule] = [
        // MARK: S2 authentication
        AuditRule(
            id: "BW-S2-401", title: "Request allowed for system:anonymous", severity: .high, section: .s2,
            remediation: "Set --anonymous-auth=false on kube-apiserver (or limit the anonymous authenticator to health endpoints), and remove RBAC bindings to system:anonymous and system:unauthenticated.",
            falco: ["Anonymous Request Allowed"], panther: ["Kubernetes.API.AnonymousAccess", "Amazon.EKS.AnonymousAPIAccess"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.username == "system:anonymous", e.decision == "allow" || e.succeeded,
                      !AuditFacts.isHealthEndpoint(e.path) else { return nil }
                return "system:anonymous was allowed to \(e.verb.isEmpty ? "request" : e.verb) \(AuditFacts.target(e))"
            }),
        AuditRule(
            id: "BW-S2-402", title: "Burst of 401/403 responses from one source", severity: .medium, section: .s2,
            remediation: "Find who owns the source address; a credential being tried against many APIs is reconnaissance or a stolen, under-privileged token. Block the source or revoke the credential.",
            falco: [], panther: ["Kubernetes.API.Multiple403.PublicIP", "Amazon.EKS.Audit.Multiple403"],
            excludesKubernetesIdentities: true,
            judgement: .burst(AuditRule.Burst(window: 1800, threshold: 10, key: { e in
                guard let code = e.responseCode, code == 401 || code == 403 else { return nil }
                return e.sourceIPs.first ?? (e.username.isEmpty ? nil : "user \(e.username)")
            }, distinct: nil, message: { key, count in "\(count) requests answered 401/403 from \(key) within 30 minutes" }))),
        AuditRule(
            id: "BW-S2-403", title: "Client certificate requested for API authentication", severity: .medium, section: .s2,
            remediation: "Check who created the CertificateSigningRequest and deny it unless expected; client certificates cannot be revoked and outlive token rotation.",
            falco: [], panther: ["Kubernetes.ClientCertificate.Created"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "certificatesigningrequests", e.objectRef.subresource.isEmpty,
                      e.isCreate, e.succeeded, let spec = e.requestObject?["spec"],
                      spec["signerName"]?.string == "kubernetes.io/kube-apiserver-client" else { return nil }
                let usages = (spec["usages"]?.array ?? []).compactMap(\.string)
                guard usages.isEmpty || usages.contains("client auth") else { return nil }
                return "\(e.username) requested a client certificate (\(e.objectRef.name.isEmpty ? "CSR" : e.objectRef.name))"
            }),
        AuditRule(
            id: "BW-S2-404", title: "System identity or system namespace used from a public address", severity: .high, section: .s2,
            remediation: "Kubernetes' own identities and the system namespaces are used from inside the cluster; a public source suggests a stolen service-account or node credential. Rotate it and restrict API server access by network.",
            falco: [], panther: ["Kubernetes.System.Principal.PublicIP", "Amazon.EKS.Audit.SystemNamespaceFromPublicIP"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.succeeded, !e.sourceIPs.isEmpty, e.sourceIPs.allSatisfy(AuditFacts.isPublicIP) else { return nil }
                let systemUser = (e.username.hasPrefix("system:") || e.username.hasPrefix("eks:"))
                    && e.username != "system:anonymous" && e.username != "system:unauthenticated"
                let systemNamespace = AuditFacts.systemNamespaces.contains(e.objectRef.namespace)
                guard systemUser || systemNamespace else { return nil }
                let source = e.sourceIPs.joined(separator: ", ")
                return systemUser ? "\(e.username) made a request from public address \(source)"
                    : "\(e.username) used namespace \(e.objectRef.namespace) from public address \(source)"
            }),
        AuditRule(
            id: "BW-S2-405", title: "Request from a known attack tool", severity: .high, section: .s2,
            remediation: "The user agent names an offensive Kubernetes tool; find who holds the credential and revoke it.",
            falco: [], panther: [],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard let tool = AuditFacts.attackTool(e.userAgent) else { return nil }
                return "\(e.username.isEmpty ? "a client" : e.username) used \(tool) (user agent \"\(e.userAgent.prefix(80))\")"
            }),
        AuditRule(
            id: "BW-S2-406", title: "Activity by a break-glass administrator (system:masters or a default admin user)", severity: .medium, section: .s2,
            remediation: "Members of system:masters bypass RBAC and cannot be revoked; give people individual identities bound to narrower roles and keep the admin kubeconfig offline.",
            falco: ["Full K8s Administrative Access"], panther: [],
            excludesKubernetesIdentities: true,
            judgement: .burst(AuditRule.Burst(window: 3600, threshold: 1, key: { e in
                guard e.groups.contains("system:masters") || AuditFacts.defaultAdminUsers.contains(e.username) else { return nil }
                return e.username
            }, distinct: nil, message: { key, count in "\(key) (full administrator) made \(count) request(s) within one hour" }))),

        // MARK: S3 authorization
        AuditRule(
            id: "BW-S3-401", title: "Exec or attach into a pod", severity: .medium, section: .s3,
            remediation: "Limit pods/exec and pods/attach to the few people who need them; investigate unexpected sessions.",
            falco: ["Attach/Exec Pod"], panther: ["Kubernetes.Pod.Exec", "Amazon.EKS.Audit.Exec"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "pods", e.objectRef.subresource == "exec" || e.objectRef.subresource == "attach",
                      e.verb == "create" || e.verb == "get", e.allowed else { return nil }
                let command = AuditFacts.queryValues(e.requestURI, "command").joined(separator: " ")
                return "\(e.username) ran \(e.objectRef.subresource) in pod \(AuditFacts.namespacedName(e))\(command.isEmpty ? "" : ": \(command.prefix(120))")"
            }),
        AuditRule(
            id: "BW-S3-402", title: "Files copied out of a pod (kubectl cp)", severity: .high, section: .s3,
            remediation: "kubectl cp from a pod streams its files out through the API server; confirm the copy was authorised and what it took.",
            falco: [], panther: ["Kubernetes.Kubectl.CP.Operation"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "pods", e.objectRef.subresource == "exec", e.allowed else { return nil }
                var command = AuditFacts.queryValues(e.requestURI, "command")
                if command.isEmpty { command = (e.requestObject?["command"]?.array ?? []).compactMap(\.string) }
                guard command.first == "tar", command.count >= 3, command[1].contains("c"), command[1].contains("f"),
                      command[2] == "-" else { return nil }
                return "\(e.username) copied \(command.dropFirst(3).joined(separator: " ").prefix(120)) out of pod \(AuditFacts.namespacedName(e))"
            }),
        AuditRule(
            id: "BW-S3-403", title: "Port-forward to a pod", severity: .medium, section: .s3,
            remediation: "Port-forwarding bypasses NetworkPolicies and Services; limit pods/portforward to those who need it.",
            falco: ["port-forward"], panther: [],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "pods", e.objectRef.subresource == "portforward", e.allowed else { return nil }
                return "\(e.username) port-forwarded to pod \(AuditFacts.namespacedName(e))"
            }),
        AuditRule(
            id: "BW-S3-404", title: "Ephemeral container added to a pod", severity: .medium, section: .s3,
            remediation: "An ephemeral (debug) container runs any image inside a running pod's namespaces; limit pods/ephemeralcontainers.",
            falco: ["EphemeralContainers Created"], panther: [],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "pods", e.objectRef.subresource == "ephemeralcontainers", e.isModify, e.succeeded else { return nil }
                let images = (e.requestObject?["spec"]?["ephemeralContainers"]?.array ?? e.requestObject?["ephemeralContainers"]?.array ?? [])
                    .compactMap { $0["image"]?.string }
                return "\(e.username) added an ephemeral container to pod \(AuditFacts.namespacedName(e))\(images.isEmpty ? "" : " (image \(images.joined(separator: ", ")))")"
            }),
        AuditRule(
            id: "BW-S3-405", title: "System ClusterRole or Role modified or deleted", severity: .high, section: .s3,
            remediation: "Built-in system: roles are reconciled by the API server; a change by a person is tampering or a backdoor. Review and revert it.",
            falco: ["System ClusterRole Modified/Deleted"], panther: ["Kubernetes.SystemRole.Modified"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "clusterroles" || e.objectRef.resource == "roles",
                      ["update", "patch", "delete"].contains(e.verb), e.succeeded,
                      e.objectRef.name.hasPrefix("system:"),
                      !["system:coredns", "system:managed-certificate-controller"].contains(e.objectRef.name) else { return nil }
                return "\(e.username) \(e.verb)d \(e.objectRef.resource == "roles" ? "Role" : "ClusterRole") \(e.objectRef.name)"
            }),
        AuditRule(
            id: "BW-S3-406", title: "Binding to cluster-admin or another privileged ClusterRole", severity: .high, section: .s3,
            remediation: "Bind people and workloads to narrow roles; remove the binding unless it is a documented administrator grant.",
            falco: ["Attach to cluster-admin Role"], panther: ["Kubernetes.ClusterRoleBinding.Privileged"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "clusterrolebindings" || e.objectRef.resource == "rolebindings",
                      e.isModify, e.succeeded, let binding = e.requestObject,
                      let role = binding["roleRef"]?["name"]?.string else { return nil }
                let privileged = role == "cluster-admin"
                    || (e.objectRef.resource == "clusterrolebindings" && AuditFacts.privilegedClusterRoles.contains(role))
                guard privileged else { return nil }
                let subjects = (binding["subjects"]?.array ?? []).map { s -> String in
                    let kind = s["kind"]?.string ?? "?"
                    let ns = s["namespace"]?.string.map { "\($0)/" } ?? ""
                    return "\(kind) \(ns)\(s["name"]?.string ?? "?")"
                }
                return "\(e.username) bound \(role) to \(subjects.isEmpty ? "no subjects" : subjects.joined(separator: ", "))"
            }),
        AuditRule(
            id: "BW-S3-407", title: "Role or ClusterRole with wildcard resources or verbs", severity: .high, section: .s3,
            remediation: "List the resources and verbs a role needs; a wildcard also grants every resource added later (including custom resources).",
            falco: ["ClusterRole With Wildcard Created"], panther: ["Kubernetes.Role.Wildcard"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard let rules = AuditFacts.roleRules(e) else { return nil }
                guard rules.contains(where: { $0.resources.contains("*") || $0.verbs.contains("*") }) else { return nil }
                return "\(e.username) \(e.verb)d \(AuditFacts.roleName(e)) with wildcard resources or verbs"
            }),
        AuditRule(
            id: "BW-S3-408", title: "Role or ClusterRole with write verbs", severity: .low, section: .s3,
            remediation: "Review the role: write access (create, update, patch, delete) should cover only the resources the subject manages.",
            falco: ["ClusterRole With Write Privileges Created"], panther: ["Kubernetes.Role.WritePermissions"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard let rules = AuditFacts.roleRules(e) else { return nil }
                let write: Set<String> = ["create", "update", "patch", "delete", "deletecollection"]
                let written = Set(rules.flatMap { $0.verbs.filter(write.contains) })
                guard !written.isEmpty else { return nil }
                return "\(e.username) \(e.verb)d \(AuditFacts.roleName(e)) granting \(written.sorted().joined(separator: ", "))"
            }),
        AuditRule(
            id: "BW-S3-409", title: "Role or ClusterRole granting pods/exec", severity: .high, section: .s3,
            remediation: "pods/exec runs commands in any matching pod with its service account's credentials; grant it to named people only.",
            falco: ["ClusterRole With Pod Exec Created"], panther: ["Kubernetes.Role.PodExec"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard let rules = AuditFacts.roleRules(e) else { return nil }
                guard rules.contains(where: { $0.resources.contains("pods/exec") }) else { return nil }
                return "\(e.username) \(e.verb)d \(AuditFacts.roleName(e)) granting pods/exec"
            }),
        AuditRule(
            id: "BW-S3-410", title: "Role or ClusterRole granting nodes/proxy", severity: .high, section: .s3,
            remediation: "nodes/proxy reaches the kubelet API (exec in any pod on the node, bypassing audit of pods/exec); grant it to monitoring agents only, read-only where possible.",
            falco: [], panther: ["Kubernetes.Role.NodeProxyPermissions"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard let rules = AuditFacts.roleRules(e) else { return nil }
                guard rules.contains(where: { r in
                    r.resources.contains { $0 == "nodes/proxy" || $0 == "nodes/*" || $0 == "*" }
                        && (r.apiGroups.isEmpty || r.apiGroups.contains("") || r.apiGroups.contains("*"))
                }) else { return nil }
                return "\(e.username) \(e.verb)d \(AuditFacts.roleName(e)) granting nodes/proxy"
            }),
        AuditRule(
            id: "BW-S3-411", title: "Secrets listed across all namespaces", severity: .critical, section: .s3,
            remediation: "A cluster-wide Secret list returns every credential in the cluster; find who did it, rotate what was exposed and remove cluster-wide Secret read from non-system subjects.",
            falco: ["K8s Secret Get Successfully"], panther: ["Kubernetes.Secrets.DumpAllNamespaces"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "secrets", e.verb == "list" || e.verb == "watch",
                      e.objectRef.namespace.isEmpty, e.succeeded else { return nil }
                return "\(e.username) \(e.verb)ed Secrets in all namespaces"
            }),
        AuditRule(
            id: "BW-S3-412", title: "Secret enumeration: many distinct Secrets read by one identity", severity: .high, section: .s3,
            remediation: "Find why this identity reads so many Secrets; narrow its Role to the Secrets it needs (resourceNames) and rotate what it read if unexpected.",
            falco: ["K8s Secret Get Successfully"], panther: ["Kubernetes.SecretEnumeration"],
            excludesKubernetesIdentities: true,
            judgement: .burst(AuditRule.Burst(window: 1800, threshold: 15, key: { e in
                guard e.objectRef.resource == "secrets", ["get", "list", "watch"].contains(e.verb), e.succeeded else { return nil }
                return e.username
            }, distinct: { e in
                e.objectRef.name.isEmpty ? "list:\(e.objectRef.namespace)" : "\(e.objectRef.namespace)/\(e.objectRef.name)"
            }, message: { key, count in "\(key) read \(count) distinct Secrets (or Secret lists) within 30 minutes" }))),
        AuditRule(
            id: "BW-S3-413", title: "Burst of denied Secret reads", severity: .medium, section: .s3,
            remediation: "Repeated denied Secret reads are enumeration by an under-privileged credential; find its owner and revoke it.",
            falco: ["K8s Secret Get Unsuccessfully Tried"], panther: ["Kubernetes.Secret.AccessDenied"],
            excludesKubernetesIdentities: true,
            judgement: .burst(AuditRule.Burst(window: 900, threshold: 20, key: { e in
                guard e.objectRef.resource == "secrets", ["get", "list", "watch"].contains(e.verb),
                      let code = e.responseCode, code == 401 || code == 403 else { return nil }
                return e.username
            }, distinct: nil, message: { key, count in "\(key) was denied \(count) Secret reads within 15 minutes" }))),
        AuditRule(
            id: "BW-S3-414", title: "Admission webhook created, changed or deleted", severity: .high, section: .s3,
            remediation: "A mutating webhook sees (and can change) every matching request, a deleted validating webhook disables policy; confirm the change was an expected deployment.",
            falco: [], panther: ["Kubernetes.AdmissionController.Created"],
            excludesKubernetesIdentities: true,
            judgement: .single { e in
                guard e.objectRef.resource == "mutatingwebhookconfigurations" || e.objectRef.resource == "validatingwebhookconfigurations",
                      e.isModify || e.verb == "delete", e.succeeded else { return nil }
                let kind = e.objectRef.resource == "mutatingwebhookconfigurations" ? "MutatingWebhookConfiguration" : "ValidatingWebhookConfiguration"
                return "\(e.username) \(e.verb)d \(kind) \(e.objectRef.name)"
            }),
        AuditRule(
            id: "BW-S3-415", title: "Pod created in kube-system or kube-public", severity: .medium, section: .s3,
            remediation: "System namespaces hold powerful service accounts; only cluster components should run there. Check the pod's image and owner.",
            falco: ["Pod Created in Kube Namespace"], panther: ["Kubernetes.Pod.SystemNamespace"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard AuditFacts.isPodCreate(e), AuditFacts.systemNamespaces.contains(e.objectRef.namespace) else { return nil }
                let images = AuditFacts.images(e)
                return "\(e.username) created pod \(AuditFacts.namespacedName(e))\(images.isEmpty ? "" : " (\(images.joined(separator: ", ")))")"
            }),
        AuditRule(
            id: "BW-S3-416", title: "Service account created in kube-system or kube-public", severity: .medium, section: .s3,
            remediation: "Service accounts in system namespaces are easy to bind to powerful roles unnoticed; create workload accounts in the workload's namespace.",
            falco: ["Service Account Created in Kube Namespace"], panther: [],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.objectRef.resource == "serviceaccounts", e.objectRef.subresource.isEmpty, e.isCreate, e.succeeded,
                      e.objectRef.namespace == "kube-system" || e.objectRef.namespace == "kube-public" else { return nil }
                let name = e.objectRef.name.isEmpty ? (e.requestObject?["metadata"]?["name"]?.string ?? "") : e.objectRef.name
                guard !KubernetesIdentity.kubeSystemServiceAccounts.contains(name), !AuditFacts.knownAddonAccounts.contains(name) else { return nil }
                return "\(e.username) created service account \(e.objectRef.namespace)/\(name)"
            }),

        // MARK: S6 container privileges
        AuditRule(
            id: "BW-S6-401", title: "Privileged pod created", severity: .critical, section: .s6,
            remediation: "Run containers unprivileged (securityContext.privileged: false) and enforce the baseline Pod Security Standard on the namespace.",
            falco: ["Create Privileged Pod"], panther: ["Kubernetes.Pod.Privileged.Created"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard AuditFacts.isPodCreate(e) else { return nil }
                let names = AuditFacts.containers(e).filter { $0["securityContext"]?["privileged"]?.bool == true }
                    .map { $0["name"]?.string ?? "?" }
                guard !names.isEmpty else { return nil }
                return "\(e.username) created pod \(AuditFacts.namespacedName(e)) with privileged container(s) \(names.joined(separator: ", "))"
            }),
        AuditRule(
            id: "BW-S6-402", title: "Pod created with hostNetwork", severity: .high, section: .s6,
            remediation: "Remove hostNetwork: true; a host-network pod sees every connection on the node and bypasses NetworkPolicy.",
            falco: ["Create HostNetwork Pod"], panther: ["Kubernetes.Pod.Host.Network"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard AuditFacts.isPodCreate(e), AuditFacts.podSpec(e)?["hostNetwork"]?.bool == true else { return nil }
                return "\(e.username) created pod \(AuditFacts.namespacedName(e)) on the host network"
            }),
        AuditRule(
            id: "BW-S6-403", title: "Pod created with hostPID", severity: .high, section: .s6,
            remediation: "Remove hostPID: true; it shows (and with privileges, enters) every process on the node.",
            falco: ["Create HostPid Pod"], panther: ["Kubernetes.Pod.Host.PID"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard AuditFacts.isPodCreate(e), AuditFacts.podSpec(e)?["hostPID"]?.bool == true else { return nil }
                return "\(e.username) created pod \(AuditFacts.namespacedName(e)) in the host PID namespace"
            }),
        AuditRule(
            id: "BW-S6-404", title: "Pod created with hostIPC", severity: .high, section: .s6,
            remediation: "Remove hostIPC: true; it shares the node's shared memory and message queues with the pod.",
            falco: ["Create HostIPC Pod"], panther: ["Kubernetes.Pod.Host.IPC"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard AuditFacts.isPodCreate(e), AuditFacts.podSpec(e)?["hostIPC"]?.bool == true else { return nil }
                return "\(e.username) created pod \(AuditFacts.namespacedName(e)) in the host IPC namespace"
            }),
        AuditRule(
            id: "BW-S6-405", title: "Pod created with a sensitive hostPath volume", severity: .high, section: .s6,
            remediation: "Do not mount host directories such as /, /etc, /proc, /var/lib/kubelet or container runtime sockets; use a CSI volume or a narrower path, read-only.",
            falco: ["Create Sensitive Mount Pod"], panther: ["Kubernetes.Pod.HostPath.Volume"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard AuditFacts.isPodCreate(e) else { return nil }
                let paths = (AuditFacts.podSpec(e)?["volumes"]?.array ?? []).compactMap { $0["hostPath"]?["path"]?.string }
                    .filter(AuditFacts.isSensitiveHostPath)
                guard !paths.isEmpty else { return nil }
                return "\(e.username) created pod \(AuditFacts.namespacedName(e)) mounting host path \(paths.joined(separator: ", "))"
            }),
        AuditRule(
            id: "BW-S6-406", title: "Pod created with dangerous capabilities", severity: .high, section: .s6,
            remediation: "Drop ALL capabilities and add back only what the container needs; SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE and BPF allow container escape.",
            falco: [], panther: ["Kubernetes.Pod.Dangerous.Capabilities"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard AuditFacts.isPodCreate(e) else { return nil }
                var found: Set<String> = []
                for c in AuditFacts.containers(e) {
                    for cap in (c["securityContext"]?["capabilities"]?["add"]?.array ?? []).compactMap(\.string) {
                        let name = cap.uppercased().hasPrefix("CAP_") ? String(cap.uppercased().dropFirst(4)) : cap.uppercased()
                        if AuditFacts.dangerousCapabilities.contains(name) { found.insert(name) }
                    }
                }
                guard !found.isEmpty else { return nil }
                return "\(e.username) created pod \(AuditFacts.namespacedName(e)) adding \(found.sorted().joined(separator: ", "))"
            }),
        AuditRule(
            id: "BW-S6-407", title: "DaemonSet created (runs on every node)", severity: .low, section: .s6,
            remediation: "A DaemonSet puts a pod on every node, a common persistence and credential-harvesting step; confirm it is an expected agent.",
            falco: [], panther: ["Kubernetes.DaemonSet.Created"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.objectRef.resource == "daemonsets", e.objectRef.subresource.isEmpty, e.isCreate, e.succeeded else { return nil }
                return "\(e.username) created DaemonSet \(AuditFacts.namespacedName(e))"
            }),
        AuditRule(
            id: "BW-S6-408", title: "CronJob created or modified", severity: .low, section: .s6,
            remediation: "CronJobs re-run code on a schedule and survive pod deletion (persistence); confirm the schedule, image and command are expected.",
            falco: [], panther: ["Kubernetes.CronJob.CreatedOrModified"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.objectRef.resource == "cronjobs", e.objectRef.subresource.isEmpty, e.isModify, e.succeeded else { return nil }
                return "\(e.username) \(e.verb)d CronJob \(AuditFacts.namespacedName(e))"
            }),

        // MARK: S8 network access
        AuditRule(
            id: "BW-S8-401", title: "NodePort Service created", severity: .medium, section: .s8,
            remediation: "A NodePort opens the port on every node's address; prefer ClusterIP behind an Ingress or LoadBalancer and cap services.nodeports with a ResourceQuota.",
            falco: ["Create NodePort Service"], panther: ["Kubernetes.Service.NodePort.Deployed"],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.objectRef.resource == "services", e.objectRef.subresource.isEmpty, e.isModify, e.succeeded,
                      e.requestObject?["spec"]?["type"]?.string == "NodePort" else { return nil }
                return "\(e.username) \(e.verb)d NodePort Service \(AuditFacts.namespacedName(e))"
            }),
        AuditRule(
            id: "BW-S8-402", title: "Ingress created without TLS", severity: .low, section: .s8,
            remediation: "Add spec.tls with a certificate so traffic to the Ingress is encrypted.",
            falco: ["Ingress Object without TLS Certificate Created"], panther: [],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.objectRef.resource == "ingresses", e.objectRef.subresource.isEmpty, e.isCreate, e.succeeded,
                      let spec = e.requestObject?["spec"] else { return nil }
                guard (spec["tls"]?.array ?? []).isEmpty else { return nil }
                return "\(e.username) created Ingress \(AuditFacts.namespacedName(e)) without TLS"
            }),

        // MARK: S10 where pods may run
        AuditRule(
            id: "BW-S10-401", title: "Node registered by an identity other than its own kubelet", severity: .high, section: .s10,
            remediation: "Kubelets register their own Node (system:node:NAME); a Node created by anyone else may be a rogue node that attracts workloads and their secrets. Delete it and check NodeRestriction is enabled.",
            falco: ["Untrusted Node Successfully Joined the Cluster", "Untrusted Node Unsuccessfully Tried to Join the Cluster"], panther: [],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.objectRef.resource == "nodes", e.objectRef.subresource.isEmpty, e.isCreate, e.responseCode != nil else { return nil }
                let name = e.objectRef.name.isEmpty ? (e.requestObject?["metadata"]?["name"]?.string ?? "") : e.objectRef.name
                guard e.username != "system:node:\(name)" || name.isEmpty else { return nil }
                return "\(e.username) \(e.succeeded ? "registered" : "tried to register") Node \(name.isEmpty ? "(unnamed)" : name)"
            }),

        // MARK: S16 secrets
        AuditRule(
            id: "BW-S16-401", title: "ConfigMap written with credential-looking values", severity: .medium, section: .s16,
            remediation: "Move passwords and keys into Secrets (encrypted at rest, readable only with Secret permissions) and rotate the exposed values.",
            falco: ["Create/Modify Configmap With Private Credentials"], panther: [],
            excludesKubernetesIdentities: false,
            judgement: .single { e in
                guard e.objectRef.resource == "configmaps", e.objectRef.subresource.isEmpty, e.isModify, e.succeeded,
                      let data = e.requestObject?["data"]?.mapping else { return nil }
                let keys = data.entries.filter { AuditFacts.looksLikeCredential(key: $0.key, value: $0.value.string ?? "") }.map(\.key)
                guard !keys.isEmpty else { return nil }
                // Keys only: the values are the credentials.
                return "\(e.username) \(e.verb)d ConfigMap \(AuditFacts.namespacedName(e)) with credential-looking key(s) \(keys.prefix(5).joined(separator: ", "))"
            }),
    ]

    public static let byID: [String: AuditRule] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
}
