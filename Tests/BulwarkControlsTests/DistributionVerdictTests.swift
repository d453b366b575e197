import Testing
import BulwarkModel
@testable import BulwarkControls
import BulwarkComponentConfig

/// Real distributions' documented defaults give the verdicts kube-bench (cis-1.12) or the
/// component's own documentation imply.
@Suite struct DistributionVerdictTests {
    func outcomes(_ context: ScanContext) -> [String: ControlOutcome] {
        Dictionary(uniqueKeysWithValues: ControlPlaneSweepTests.controls.map { ($0.id, $0.evaluate(context)) })
    }

    @Test func kubeadmDefaults() {
        let o = outcomes(ControlPlaneFixtures.context(ControlPlaneFixtures.kubeadm))
        // kube-bench on kubeadm: 1.2.1 anonymous (WARN), 1.2.5 kubelet CA, 1.2.16–19 audit, 1.2.27 encryption fail.
        for id in ["BW-S2-001", "BW-S4-011", "BW-S12-001", "BW-S12-002", "BW-S16-001"] { #expect(o[id]?.isFail == true, "\(id)") }
        for id in ["BW-S1-001", "BW-S1-002", "BW-S1-007", "BW-S1-008", "BW-S1-009", "BW-S1-010", "BW-S2-002", "BW-S2-004", "BW-S2-006",
                   "BW-S2-007", "BW-S2-008", "BW-S2-009", "BW-S2-010", "BW-S3-001", "BW-S3-002", "BW-S3-003", "BW-S3-005", "BW-S3-006",
                   "BW-S4-001", "BW-S4-002", "BW-S4-003", "BW-S4-004", "BW-S4-006", "BW-S4-010", "BW-S11-001", "BW-S11-002",
                   "BW-S11-003", "BW-S11-004", "BW-S11-005", "BW-S11-006", "BW-S11-007", "BW-S11-008", "BW-S11-009", "BW-S13-004", "BW-S13-006"] {
            #expect(o[id]?.isPass == true, "\(id): \(o[id]?.violations.map(\.message) ?? [])")
        }
        // kubeadm writes streamingConnectionIdleTimeout: 0s, which the kubelet defaults to 4h.
        #expect(o["BW-S4-008"]?.isPass == true)
        // kubeadm's metrics listener on http://127.0.0.1:2381 is not a client URL.
        #expect(o["BW-S11-005"]?.isPass == true)
        #expect(o["BW-S12-005"]?.notAssessedReason == "no audit Policy in input")
        #expect(o["BW-S16-003"]?.notAssessedReason == "no EncryptionConfiguration in input")
    }

    @Test func kubeadmFindingsPointAtTheFlagAndItsLine() {
        let context = ControlPlaneFixtures.context(ControlPlaneFixtures.kubeadm)
        let v = S2Authentication.anonymousAuth.evaluate(context).violations
        #expect(v.count == 1)
        #expect(v.first?.path == "--anonymous-auth")
        #expect(v.first?.value == "(unset)")
        #expect(v.first?.fieldPath == "spec.containers[0].command")
        #expect(v.first?.object?.source?.file == "/etc/kubernetes/manifests/kube-apiserver.yaml")
        let set = ControlPlaneFixtures.context([("a.yaml", ControlPlaneFixtures.kubeadmAPIServer.replacingOccurrences(of: "- --secure-port=6443", with: "- --anonymous-auth=true"))])
        let w = S2Authentication.anonymousAuth.evaluate(set).violations.first
        #expect(w?.fieldPath?.description.hasPrefix("spec.containers[0].command[") == true)
        #expect(w?.value == "true")
    }

    @Test func minikubeDefaults() {
        let context = ControlPlaneFixtures.context([("kube-apiserver.yaml", ControlPlaneFixtures.minikubeAPIServer)])
        #expect(S3AuthorizationFlags.nodeRestriction.evaluate(context).isPass)
        #expect(S2Authentication.anonymousAuth.evaluate(context).isFail)
        #expect(S4KubeletAccess.apiServerKubeletCA.evaluate(context).isFail)
        #expect(S1TLS.apiServerServingCertificate.evaluate(context).isPass)
        #expect(S11Etcd.apiServerEtcdServers.evaluate(context).isPass)
    }

    @Test func rke2CISProfileArgsAreRead() {
        let context = ControlPlaneFixtures.context([("/var/lib/rancher/rke2/agent/pod-manifests/kube-apiserver.yaml", ControlPlaneFixtures.rke2APIServer)])
        let api = context.componentConfig.instances(.apiServer)
        #expect(api.count == 1)
        #expect(api.first?.version == KubeVersion(1, 30))
        #expect(api.first?.flags.last("anonymous-auth")?.location == "spec.containers[0].args[2]")
        for control in [S2Authentication.anonymousAuth, S4KubeletAccess.apiServerKubeletCA, S12AuditLogging.policyFile, S12AuditLogging.sink,
                        S12AuditLogging.retention, S16EncryptionAtRest.providerConfigSet, S3AuthorizationFlags.nodeRestriction] {
            #expect(control.evaluate(context).isPass, "\(control.id)")
        }
        // The policy file it names is not in the input: content controls say so.
        #expect(S12AuditLogging.catchAllNone.evaluate(context).notAssessedReason == "kube-apiserver --audit-policy-file names /etc/rancher/rke2/audit-policy.yaml, which is not in input")
    }

    @Test func k3sDefaultSQLiteMakesEtcdNotApplicable() {
        let k3s = ControlPlaneVariants.k3sConfig(ControlPlaneFixtures.k3sConfigYAML)
        let context = ControlPlaneFixtures.context([], k3s: [k3s])
        #expect(k3s.datastore == .sqlite)
        for control in S11Etcd.controls + [S1TLS.etcdClientTLS, S1TLS.etcdPeerTLS, S1TLS.etcdAutoTLS] {
            let reason = control.evaluate(context).notAssessedReason
            #expect(reason?.hasPrefix("not applicable: k3s server (/etc/rancher/k3s/config.yaml) stores cluster data in SQLite") == true, "\(control.id): \(reason ?? "")")
        }
        // k3s's own defaults plus the config's extra args.
        for control in [S2Authentication.anonymousAuth, S3AuthorizationFlags.notAlwaysAllow, S3AuthorizationFlags.nodeRestriction, S12AuditLogging.retention,
                        S16EncryptionAtRest.providerConfigSet, S4KubeletAccess.anonymousAuth, S4KubeletAccess.protectKernelDefaults,
                        S4KubeletAccess.streamingIdleTimeout, S1TLS.kubeletReadOnlyPort, S2Authentication.controllerCredentials, S1TLS.controlPlaneBindAddress] {
            #expect(control.evaluate(context).isPass, "\(control.id): \(control.evaluate(context).violations.map(\.message))")
        }
        let audit = context.componentConfig.instances(.apiServer).first?.flags.last("audit-log-maxage")
        #expect(audit?.location == "kube-apiserver-arg[2]")
        #expect(S12AuditLogging.sensitiveResourcesAtMetadata.evaluate(context).notAssessedReason?.contains("/var/lib/rancher/k3s/server/audit.yaml") == true)
    }

    @Test func k3sUserArgsOverrideDefaultsAndEmbeddedEtcdIsAssessed() {
        let k3s = ControlPlaneVariants.k3sConfig("""
        cluster-init: true
        kube-apiserver-arg: ["anonymous-auth=true", "authorization-mode=AlwaysAllow"]
        kube-controller-manager-arg: "bind-address=0.0.0.0"
        etcd-arg: ["client-cert-auth=false"]
        kubelet-arg: ["read-only-port=10255", "anonymous-auth=true"]
        """)
        let context = ControlPlaneFixtures.context([], k3s: [k3s])
        #expect(k3s.datastore == .embeddedEtcd)
        let anonymous = S2Authentication.anonymousAuth.evaluate(context).violations
        #expect(anonymous.first?.value == "true")
        #expect(anonymous.first?.object?.kind == "K3sServerConfig")
        #expect(anonymous.first?.fieldPath == "kube-apiserver-arg[0]")
        #expect(S3AuthorizationFlags.notAlwaysAllow.evaluate(context).isFail)
        #expect(S1TLS.controlPlaneBindAddress.evaluate(context).isFail)
        #expect(S11Etcd.clientCertAuth.evaluate(context).isFail)
        #expect(S11Etcd.peerClientCertAuth.evaluate(context).isPass)
        #expect(S1TLS.kubeletReadOnlyPort.evaluate(context).violations.first?.message.contains("flag --read-only-port at kubelet-arg[0]") == true)
        #expect(S4KubeletAccess.anonymousAuth.evaluate(context).isFail)
    }

    @Test func k3sCommandLineEqualsConfigFile() {
        let k3s = K3sServerConfig(commandLine: ["/usr/local/bin/k3s", "server", "--datastore-endpoint", "postgres://k3s:hunter2@db:5432/k3s",
                                                "--kube-apiserver-arg", "anonymous-auth=true", "--secrets-encryption"])
        #expect(k3s.datastore == .external(endpoint: "postgres://k3s:hunter2@db:5432/k3s", isEtcd: false))
        let context = ControlPlaneFixtures.context([], k3s: [k3s])
        #expect(S2Authentication.anonymousAuth.evaluate(context).isFail)
        #expect(S16EncryptionAtRest.providerConfigSet.evaluate(context).isPass)
        let reason = S11Etcd.apiServerEtcdServers.evaluate(context).notAssessedReason ?? ""
        #expect(reason.contains("postgres") && !reason.contains("hunter2"))
    }
}
