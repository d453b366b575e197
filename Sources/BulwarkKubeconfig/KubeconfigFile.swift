import Foundation
import BulwarkModel
import BulwarkInputs

/// One kubeconfig file as written: its named clusters, users and contexts in file order, and its
/// current-context. Relative paths inside it are resolved against the file's folder (as kubectl does).
public struct KubeconfigFile: Sendable {
    public var path: String
    public var clusters: [(name: String, entry: ClusterEntry)]
    public var users: [(name: String, entry: UserEntry)]
    public var contexts: [(name: String, entry: ContextEntry)]
    public var currentContext: String?

    /// Reads and parses `path`.
    public static func read(_ path: String) throws(KubeconfigError) -> KubeconfigFile {
        switch InputFile.read(path) {
        case .success(let bytes): return try parse(bytes, path: path)
        case .failure(let e): throw KubeconfigError(file: path, message: "cannot read the kubeconfig file: \(e.message)")
        }
    }

    public static func parse(_ bytes: [UInt8], path: String) throws(KubeconfigError) -> KubeconfigFile {
        let root: Value
        do { root = try TreeParser.parse(bytes) } catch {
            // The parser's message names a line and a problem, never the text around it.
            throw KubeconfigError(file: path, message: "not valid YAML or JSON: \(error.description)")
        }
        let fields = FieldReader(file: path, folder: (path as NSString).deletingLastPathComponent)
        if root.isNull { return KubeconfigFile(path: path, clusters: [], users: [], contexts: [], currentContext: nil) }
        guard root.mapping != nil else {
            throw KubeconfigError(file: path, message: "a kubeconfig is a mapping, not \(root.typeNameWithArticle)")
        }
        var file = KubeconfigFile(path: path, clusters: [], users: [], contexts: [],
                                  currentContext: try fields.string(root, "current-context", at: ""))
        if file.currentContext?.isEmpty == true { file.currentContext = nil }
        for (name, body, at) in try fields.namedList(root, list: "clusters", inner: "cluster") {
            guard let server = try fields.string(body, "server", at: at), !server.isEmpty else {
                throw KubeconfigError(file: path, field: at + ".server", message: "missing: every cluster needs a server URL")
            }
            let entry = ClusterEntry(
                server: server,
                certificateAuthorityData: try fields.base64(body, "certificate-authority-data", at: at),
                certificateAuthority: try fields.path(body, "certificate-authority", at: at),
                insecureSkipTLSVerify: try fields.bool(body, "insecure-skip-tls-verify", at: at) ?? false,
                tlsServerName: try fields.string(body, "tls-server-name", at: at),
                proxyURL: try fields.string(body, "proxy-url", at: at),
                file: path)
            file.clusters.append((name, entry))
        }
        for (name, body, at) in try fields.namedList(root, list: "users", inner: "user") {
            var entry = UserEntry(
                clientCertificateData: try fields.base64(body, "client-certificate-data", at: at),
                clientCertificate: try fields.path(body, "client-certificate", at: at),
                clientKeyData: try fields.base64(body, "client-key-data", at: at).map(SecretBytes.init),
                clientKey: try fields.path(body, "client-key", at: at),
                token: try fields.string(body, "token", at: at).map(SecretBytes.init),
                tokenFile: try fields.path(body, "tokenFile", at: at),
                file: path)
            if let exec = body["exec"], !exec.isNull {
                entry.exec = try fields.exec(exec, at: at + ".exec")
            }
            for unsupported in ["auth-provider", "username", "password"] where body[unsupported].map({ !$0.isNull }) ?? false {
                // kubectl removed the built-in auth providers; basic auth is gone from the API server.
                throw KubeconfigError(file: path, field: "\(at).\(unsupported)",
                                      message: "not supported; use an exec credential plugin, a token or a client certificate")
            }
            file.users.append((name, entry))
        }
        for (name, body, at) in try fields.namedList(root, list: "contexts", inner: "context") {
            let entry = ContextEntry(cluster: try fields.string(body, "cluster", at: at) ?? "",
                                     user: try fields.string(body, "user", at: at) ?? "",
                                     namespace: try fields.string(body, "namespace", at: at).flatMap { $0.isEmpty ? nil : $0 },
                                     file: path)
            file.contexts.append((name, entry))
        }
        return file
    }
}
