import BulwarkModel
import BulwarkComponentConfig

/// S16 Secrets encryption at rest: kube-apiserver's `--encryption-provider-config` and the
/// EncryptionConfiguration it names. Key material is decoded only to measure its length and is
/// never shown. The live check against etcd (`k8s:enc:` prefix) belongs to `bulwark probe`.
public enum S16EncryptionAtRest {
    public static let controls: [Control] = [providerConfigSet, coversSecrets, firstProviderNotIdentity, providerStrength, keyLengths]

    /// Runs `check` over the EncryptionConfigurations to judge, each with the flag that uses it.
    static func evaluateConfigs(_ context: ScanContext, pass: String, _ check: (EncryptionConfiguration, DocumentMatch) -> [Violation]) -> ControlOutcome {
        context.evaluateAPIServerDocuments(context.componentConfig.encryptionConfigurations, flag: "encryption-provider-config",
                                           noun: ("EncryptionConfiguration", "EncryptionConfigurations"), pass: pass) { check(EncryptionConfiguration($0.object), $0) }
    }

    // MARK: BW-S16-001

    /// Reads: kube-apiserver `--encryption-provider-config`. Allows: set.
    static let providerConfigSet = Control(
        id: "BW-S16-001", section: .s16, severity: .high,
        title: "kube-apiserver encrypts resources at rest",
        remediation: "Write an EncryptionConfiguration covering secrets (first provider kms v2, secretbox or aesgcm with rotation), set --encryption-provider-config on kube-apiserver, then rewrite existing Secrets (kubectl get secrets -A -o json | kubectl replace -f -).",
        references: ["cis": ["1.2.27"], "kubescape": ["C-0066"]],
        reads: ObjectKinds.controlPlanePods + ["EncryptionConfiguration"]
    ) { context in
        context.evaluateComponents(.apiServer, pass: "kube-apiserver has --encryption-provider-config") { api in
            api.flags.value("encryption-provider-config") != nil ? []
                : [api.violation(flag: "encryption-provider-config", value: ComponentInstance.unset, message: "\(api.name) has no --encryption-provider-config: Secrets are stored in etcd in clear, readable from any etcd backup or disk")]
        }
    }

    // MARK: BW-S16-002

    /// Reads: the `resources` blocks of every EncryptionConfiguration in input or named by the flag.
    /// Allows: a block naming `secrets` (or `*.`, `*.*`).
    static let coversSecrets = Control(
        id: "BW-S16-002", section: .s16, severity: .high,
        title: "EncryptionConfiguration covers Secrets",
        remediation: "Add secrets to the resources list of a block of the EncryptionConfiguration (or use *.* / *. for everything / every core resource).",
        reads: ObjectKinds.controlPlanePods + ["EncryptionConfiguration"]
    ) { context in
        evaluateConfigs(context, pass: "Secrets are covered") { config, match in
            config.secretsBlock != nil ? []
                : [Violation(object: config.object, path: "resources", value: config.blocks.flatMap(\.resources).joined(separator: ","),
                             message: "no resources block names secrets\(match.context): Secrets are written unencrypted")]
        }
    }

    // MARK: BW-S16-003

    /// Reads: the first provider of the block covering Secrets. Allows: any provider but `identity`
    /// (the first provider writes; the others only decrypt).
    static let firstProviderNotIdentity = Control(
        id: "BW-S16-003", section: .s16, severity: .critical,
        title: "Secrets are written with an encrypting provider, not identity",
        remediation: "Put the encrypting provider first in the secrets block; keep identity only after it, to read data written before encryption was turned on.",
        references: ["cis": ["1.2.28"]],
        reads: ObjectKinds.controlPlanePods + ["EncryptionConfiguration"]
    ) { context in
        evaluateConfigs(context, pass: "the first provider for Secrets encrypts") { config, match in
            guard let block = config.secretsBlock else { return [] }
            guard let first = block.providers.first else {
                return [Violation(object: config.object, path: block.path.appending("providers"), value: "[]", message: "the secrets block has no providers\(match.context); the API server rejects the configuration")]
            }
            return first.kind == .identity
                ? [Violation(object: config.object, path: first.path, value: "identity",
                             message: "identity is the first provider for Secrets\(match.context): new and updated Secrets are stored unencrypted; the providers after it only decrypt")]
                : []
        }
    }

    // MARK: BW-S16-004

    /// Reads: the first provider for Secrets. Allows: kms v2 and secretbox. aesgcm is medium (it
    /// needs a key rotation at least every 200k writes), aescbc low (padding-oracle prone; CIS
    /// still accepts it), kms v1 medium (deprecated since 1.28, off by default since 1.29).
    static let providerStrength = Control(
        id: "BW-S16-004", section: .s16, severity: .medium,
        title: "Secrets are encrypted with a strong provider (KMS v2 or secretbox)",
        remediation: "Prefer kms with apiVersion: v2 (keys held by an external KMS) or secretbox; with aesgcm, rotate the key automatically; move off aescbc and KMS v1.",
        reads: ObjectKinds.controlPlanePods + ["EncryptionConfiguration"]
    ) { context in
        evaluateConfigs(context, pass: "Secrets are written with KMS v2 or secretbox") { config, match in
            guard let first = config.secretsBlock?.providers.first else { return [] }
            switch (first.kind, first.kmsAPIVersion) {
            case (.aesgcm, _):
                return [Violation(object: config.object, path: first.path, value: "aesgcm", message: "Secrets are encrypted with aesgcm\(match.context): safe only if the key is rotated automatically (nonce reuse after about 200,000 writes breaks it), and the key sits on the control-plane disk")]
            case (.aescbc, _):
                return [Violation(object: config.object, path: first.path, value: "aescbc", message: "Secrets are encrypted with aescbc\(match.context): weaker (vulnerable to padding-oracle attacks) and the key sits on the control-plane disk; prefer KMS v2 or secretbox", severity: .low)]
            case (.kms, let v) where v != "v2":
                return [Violation(object: config.object, path: first.path, value: "kms \(v ?? "v1")", message: "Secrets use KMS v1\(match.context), deprecated since Kubernetes 1.28 and disabled by default since 1.29; migrate to apiVersion: v2")]
            default:
                return []
            }
        }
    }

    // MARK: BW-S16-005

    /// Reads: every aescbc, aesgcm and secretbox key of every block (base64-decoded length only).
    /// Allows: 16, 24 or 32 bytes for AES, exactly 32 for secretbox, and at least one key.
    static let keyLengths = Control(
        id: "BW-S16-005", section: .s16, severity: .high,
        title: "Encryption keys have a valid length for their provider",
        remediation: "Generate keys with head -c 32 /dev/urandom | base64 (32 bytes suits aescbc, aesgcm and secretbox) and replace invalid ones through a key rotation.",
        reads: ObjectKinds.controlPlanePods + ["EncryptionConfiguration"]
    ) { context in
        evaluateConfigs(context, pass: "every encryption key has a valid length") { config, match in
            var violations: [Violation] = []
            for block in config.blocks {
                for provider in block.providers {
                    guard let valid = provider.validKeyLengths else { continue }
                    if provider.keys.isEmpty {
                        violations.append(Violation(object: config.object, path: provider.path.appending("keys"), value: "0 keys", message: "\(provider.displayName) has no keys\(match.context); the API server rejects the configuration"))
                    }
                    for key in provider.keys {
                        let allowed = valid.sorted().map(String.init).joinedForMessage
                        if let length = key.length {
                            if !valid.contains(length) {
                                violations.append(Violation(object: config.object, path: key.path.appending("secret"), value: "\(length) bytes (value not shown)",
                                                            message: "\(provider.displayName) key \"\(key.name)\" is \(length) bytes\(match.context); \(provider.displayName) needs \(allowed) bytes"))
                            }
                        } else {
                            violations.append(Violation(object: config.object, path: key.path.appending("secret"), value: "(missing or not base64; value not shown)",
                                                        message: "\(provider.displayName) key \"\(key.name)\" is missing or not valid base64\(match.context)"))
                        }
                    }
                }
            }
            return violations
        }
    }
}
