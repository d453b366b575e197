/// A `users[].user.exec` credential plugin (client.authentication.k8s.io v1 / v1beta1).
public struct ExecConfig: Sendable, Equatable, Hashable {
    public enum InteractiveMode: String, Sendable, Hashable { case never = "Never", ifAvailable = "IfAvailable", always = "Always" }

    public var apiVersion: String
    /// Resolved: relative commands with a `/` are taken from the kubeconfig's folder, as kubectl does.
    public var command: String
    public var args: [String]
    public var env: [EnvVar]
    public var interactiveMode: InteractiveMode
    public var provideClusterInfo: Bool
    public var installHint: String?
    public var file: String

    public struct EnvVar: Sendable, Equatable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    public static let supportedAPIVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    public init(apiVersion: String, command: String, args: [String] = [], env: [EnvVar] = [],
                interactiveMode: InteractiveMode = .ifAvailable, provideClusterInfo: Bool = false,
                installHint: String? = nil, file: String) {
        self.apiVersion = apiVersion; self.command = command; self.args = args; self.env = env
        self.interactiveMode = interactiveMode; self.provideClusterInfo = provideClusterInfo
        self.installHint = installHint; self.file = file
    }
}
