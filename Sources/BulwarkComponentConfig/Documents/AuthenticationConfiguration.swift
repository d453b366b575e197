import BulwarkModel

/// A typed view of `apiserver.config.k8s.io AuthenticationConfiguration` (`--authentication-config`,
/// 1.30+). Its `anonymous` block (1.31+) replaces `--anonymous-auth`; `jwt` issuers configure OIDC.
public struct AuthenticationConfiguration: Sendable {
    public var object: KubeObject
    /// nil when the file has no `anonymous` block.
    public var anonymousEnabled: Bool?
    /// Paths anonymous requests are limited to (`anonymous.conditions[*].path`); empty: unlimited.
    public var anonymousPaths: [String]
    public var jwtIssuers: [String]

    public init(_ object: KubeObject) {
        self.object = object
        let anonymous = object.value["anonymous"]
        anonymousEnabled = anonymous?["enabled"]?.bool
        anonymousPaths = (anonymous?["conditions"]?.array ?? []).compactMap { $0["path"]?.string }
        jwtIssuers = (object.value["jwt"]?.array ?? []).compactMap { $0["issuer"]?["url"]?.string }
    }

    /// Health endpoints an anonymous caller may reasonably reach (the documented example).
    public static let healthPaths: Set<String> = ["/livez", "/readyz", "/healthz"]
}
