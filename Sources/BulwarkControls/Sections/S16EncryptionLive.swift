import BulwarkModel

/// S16 live: what etcd actually stores. `bulwark probe --etcd-endpoint … --etcd-cert/key/ca`
/// samples keys under `/registry/secrets/` and records, per key, only whether the stored value
/// starts with `k8s:enc:` (values are never kept). Complements the EncryptionConfiguration
/// controls of `S16EncryptionAtRest`: a configuration added after Secrets were written leaves
/// them in clear until they are rewritten, which only this check sees.
public enum S16EncryptionLive {
    public static let controls: [Control] = [secretsEncryptedInEtcd]

    // MARK: BW-S16-101

    /// Reads: `status.secretsAtRest` of probed etcd endpoints. Allows: every sampled Secret value
    /// starts with `k8s:enc:`.
    static let secretsEncryptedInEtcd = Control(
        id: "BW-S16-101", section: .s16, severity: .high,
        title: "Secrets stored in etcd are encrypted (live check)",
        remediation: "Configure --encryption-provider-config on kube-apiserver with a first provider other than identity (kms v2, secretbox or aesgcm), then rewrite every Secret so it is stored encrypted: kubectl get secrets -A -o json | kubectl replace -f -.",
        references: ["cis": ["1.2.27", "1.2.28"], "kubescape": ["C-0066"]],
        reads: ["EndpointProbe"]
    ) { context in
        let checked = context.probedEndpoints.filter { $0.probe.secretsAtRest != nil }
        guard !checked.isEmpty else {
            return .notAssessed("no live etcd check in input (run bulwark probe --etcd-endpoint URL --etcd-cert F --etcd-key F --etcd-ca F)")
        }
        var violations: [Violation] = []
        var passes: [String] = []
        var errors: [String] = []
        for e in checked {
            guard let s = e.probe.secretsAtRest else { continue }
            if let error = s.error { errors.append("\(e.probe.endpoint): \(error)"); continue }
            let plain = s.sampled - s.encrypted
            if plain > 0 {
                violations.append(e.violation("secretsAtRest", value: "\(plain) of \(s.sampled) sampled in clear",
                                              message: "\(e.probe.endpoint): \(plain) of \(s.sampled) sampled Secrets are stored in etcd without the k8s:enc: prefix (in clear), e.g. \(s.plainKeys.joinedForMessage); anyone with the etcd data or a backup reads them"))
            } else {
                passes.append("\(e.probe.endpoint): all \(s.sampled) sampled Secrets start with k8s:enc:\(s.providers.isEmpty ? "" : " (\(s.providers.joined(separator: ", ")))")")
            }
        }
        if !violations.isEmpty { return .fail(violations) }
        if passes.isEmpty { return .unreadable(errors.joined(separator: "; ")) }
        return .pass((passes + errors.map { "not assessed: \($0)" }).joined(separator: "; "))
    }
}
