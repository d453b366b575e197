import Foundation
import BulwarkInputs

/// Credentials of the pod Bulwark runs in: `KUBERNETES_SERVICE_HOST`/`_PORT` and the service
/// account's token, CA and namespace. The folder is configurable so tests need no real pod.
public struct InClusterConfig: Sendable {
    public static let defaultRoot = "/var/run/secrets/kubernetes.io/serviceaccount"
    public var root: String

    public init(root: String = InClusterConfig.defaultRoot) { self.root = root }

    public func isAvailable(environment: [String: String]) -> Bool {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else { return false }
        return FileManager.default.fileExists(atPath: root + "/token")
    }

    public func resolve(environment: [String: String]) throws(KubeconfigError) -> ConnectionSettings {
        let origin = "in-cluster service account (\(root))"
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw KubeconfigError(file: origin, field: "KUBERNETES_SERVICE_HOST", message: "not set")
        }
        let port = environment["KUBERNETES_SERVICE_PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "443"
        // An IPv6 service address needs brackets in a URL.
        let hostPart = host.contains(":") ? "[\(host)]" : host
        guard case .success(let token) = InputFile.read(root + "/token") else {
            throw KubeconfigError(file: origin, field: "token", message: "cannot read \(root)/token")
        }
        guard case .success(let ca) = InputFile.read(root + "/ca.crt") else {
            throw KubeconfigError(file: origin, field: "ca.crt", message: "cannot read \(root)/ca.crt")
        }
        let namespace = (try? InputFile.read(root + "/namespace").get())
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return ConnectionSettings(
            contextName: "in-cluster", origin: origin, server: "https://\(hostPart):\(port)",
            certificateAuthorityPEM: Array(ca),
            token: SecretBytes(String(decoding: token, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
    }
}
