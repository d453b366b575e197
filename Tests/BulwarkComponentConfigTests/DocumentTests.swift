import Testing
import BulwarkModel
@testable import BulwarkComponentConfig

@Suite struct AuditPolicyTests {
    func policy(_ rules: Value) -> AuditPolicy {
        AuditPolicy(KubeObject(["apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": rules]))
    }

    @Test func firstMatchDecides() {
        let p = policy([
            ["level": "None", "users": ["system:kube-proxy"]],
            ["level": "Metadata", "resources": [["group": "", "resources": ["secrets"]]]],
            ["level": "RequestResponse"],
        ])
        #expect(p.level(for: AuditRequest(verb: "get", resource: "secrets")).level == .metadata)
        #expect(p.level(for: AuditRequest(user: "system:kube-proxy", verb: "get", resource: "secrets")).level == AuditLevel.none)
        #expect(p.level(for: AuditRequest(verb: "get", resource: "pods")).level == .requestResponse)
        // Reachable for Secrets: the kube-proxy rule (conditional) and the Metadata rule, not the catch-all.
        #expect(p.reachableRules(for: AuditRequest(verb: "get", resource: "secrets")).map(\.index) == [0, 1])
    }

    @Test func resourcePatterns() {
        let p = policy([
            ["level": "Metadata", "resources": [["group": "", "resources": ["pods"]]]],
            ["level": "Request", "resources": [["group": "", "resources": ["*/exec"]]]],
            ["level": "RequestResponse", "resources": [["group": "", "resources": ["pods/*"]]]],
        ])
        #expect(p.level(for: AuditRequest(verb: "create", resource: "pods/exec")).level == .request)
        #expect(p.level(for: AuditRequest(verb: "create", resource: "pods/attach")).level == .requestResponse)
        #expect(p.level(for: AuditRequest(verb: "create", resource: "pods")).level == .metadata)
        #expect(p.level(for: AuditRequest(verb: "create", resource: "services")).level == AuditLevel.none)  // no match: not logged
    }

    @Test func namespaceAndNameRestrictedRulesDoNotShadow() {
        let p = policy([
            ["level": "Metadata", "namespaces": ["kube-system"], "resources": [["group": "", "resources": ["secrets"]]]],
            ["level": "Metadata", "resources": [["group": "", "resources": ["secrets"], "resourceNames": ["a"]]]],
            ["level": "Request", "resources": [["group": ""]]],
        ])
        #expect(p.reachableRules(for: AuditRequest(verb: "get", resource: "secrets")).map(\.index) == [0, 1, 2])
    }
}

@Suite struct EncryptionConfigurationTests {
    @Test func keyLengthsAreMeasuredAndWildcardsCoverSecrets() {
        let config = EncryptionConfiguration(KubeObject([
            "apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration",
            "resources": [["resources": ["*.*"], "providers": [
                ["aesgcm": ["keys": [["name": "k", "secret": "c2hvcnQta2V5MQ=="], ["name": "bad", "secret": "!!notbase64"]]]],
                ["kms": ["apiVersion": "v2", "name": "vault"]],
            ]]],
        ]))
        #expect(config.secretsBlock != nil)
        let aes = config.secretsBlock?.providers.first
        #expect(aes?.kind == .aesgcm)
        #expect(aes?.keys.map(\.length) == [10, nil])
        #expect(config.secretsBlock?.providers.last?.displayName == "kms v2")
    }
}

@Suite struct FeatureGateTableTests {
    @Test func stagesByVersion() {
        #expect(FeatureGateTable.stage(of: "UserNamespacesSupport", at: KubeVersion(1, 24)) == nil)
        #expect(FeatureGateTable.stage(of: "UserNamespacesSupport", at: KubeVersion(1, 25)) == .alpha)
        #expect(FeatureGateTable.stage(of: "UserNamespacesSupport", at: KubeVersion(1, 29)) == .alpha)
        #expect(FeatureGateTable.stage(of: "UserNamespacesSupport", at: KubeVersion(1, 30)) == .beta)
        #expect(FeatureGateTable.stage(of: "StructuredAuthorizationConfiguration", at: KubeVersion(1, 37)) == .stable)
        #expect(FeatureGateTable.stage(of: "NoSuchGate", at: KubeVersion(1, 31)) == nil)
    }
}

@Suite struct KubeconfigTests {
    @Test func credentialsByPresenceOnly() {
        let k = Kubeconfig(KubeObject(["apiVersion": "v1", "kind": "Config",
            "users": [["name": "a", "user": ["client-certificate-data": "Q0VSVA==", "client-key-data": "S0VZ"]],
                      ["name": "b", "user": ["client-certificate": "/x.crt"]],
                      ["name": "c", "user": ["exec": ["command": "aws"]]],
                      ["name": "d", "user": ["token": ""]]]]))
        #expect(k.users.map(\.hasCredentials) == [true, false, true, false])
    }
}
