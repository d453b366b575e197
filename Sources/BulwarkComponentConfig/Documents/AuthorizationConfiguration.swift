import BulwarkModel

/// A typed view of `apiserver.config.k8s.io AuthorizationConfiguration` (`--authorization-config`,
/// 1.30+): the authorizer chain, replacing `--authorization-mode`.
public struct AuthorizationConfiguration: Sendable {
    public var object: KubeObject
    /// Authorizer types in order (`Node`, `RBAC`, `Webhook`, `AlwaysAllow`, …).
    public var authorizerTypes: [String]

    public init(_ object: KubeObject) {
        self.object = object
        authorizerTypes = (object.value["authorizers"]?.array ?? []).compactMap { $0["type"]?.string }
    }
}
