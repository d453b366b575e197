import Foundation
import BulwarkModel

/// Typed access to kubeconfig fields with errors that name the file and the field. Values are
/// never quoted in errors: a field may hold a token or a key.
struct FieldReader {
    var file: String
    var folder: String

    init(file: String, folder: String) { self.file = file; self.folder = folder }

    func fail(_ field: String, _ message: String) -> KubeconfigError {
        KubeconfigError(file: file, field: field, message: message)
    }

    func string(_ body: Value, _ key: String, at: String) throws(KubeconfigError) -> String? {
        guard let v = body[key], !v.isNull else { return nil }
        switch v {
        case .string(let s): return s
        // YAML may type an unquoted value; kubectl's decoder would reject those for string fields.
        default: throw fail(at.isEmpty ? key : "\(at).\(key)", "is \(v.typeNameWithArticle); expected a string")
        }
    }

    func bool(_ body: Value, _ key: String, at: String) throws(KubeconfigError) -> Bool? {
        guard let v = body[key], !v.isNull else { return nil }
        guard let b = v.bool else { throw fail("\(at).\(key)", "is \(v.typeNameWithArticle); expected true or false") }
        return b
    }

    func base64(_ body: Value, _ key: String, at: String) throws(KubeconfigError) -> [UInt8]? {
        guard let text = try string(body, key, at: at), !text.isEmpty else { return nil }
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else { throw fail("\(at).\(key)", "is not valid base64") }
        return Array(data)
    }

    /// A file path, made absolute against the kubeconfig's folder.
    func path(_ body: Value, _ key: String, at: String) throws(KubeconfigError) -> String? {
        guard let p = try string(body, key, at: at), !p.isEmpty else { return nil }
        return Self.resolve(p, folder: folder)
    }

    static func resolve(_ p: String, folder: String) -> String {
        if p.hasPrefix("/") { return p }
        if p.hasPrefix("~/") { return NSHomeDirectory() + String(p.dropFirst(1)) }
        return folder.isEmpty ? p : (folder as NSString).appendingPathComponent(p)
    }

    /// `clusters: [{name, cluster: {...}}]` and the like, with a field path per entry.
    func namedList(_ root: Value, list: String, inner: String) throws(KubeconfigError) -> [(String, Value, String)] {
        guard let v = root[list], !v.isNull else { return [] }
        guard let items = v.array else { throw fail(list, "is \(v.typeNameWithArticle); expected a list") }
        var out: [(String, Value, String)] = []
        for (i, item) in items.enumerated() {
            guard let name = item["name"]?.string, !name.isEmpty else {
                throw fail("\(list)[\(i)].name", "missing: every entry needs a name")
            }
            let body = item[inner] ?? .null
            if !body.isNull && body.mapping == nil {
                throw fail("\(list)[\(name)].\(inner)", "is \(body.typeNameWithArticle); expected a mapping")
            }
            out.append((name, body, "\(list)[\(name)].\(inner)"))
        }
        return out
    }

    func exec(_ v: Value, at: String) throws(KubeconfigError) -> ExecConfig {
        guard v.mapping != nil else { throw fail(at, "is \(v.typeNameWithArticle); expected a mapping") }
        guard let apiVersion = try string(v, "apiVersion", at: at) else {
            throw fail(at + ".apiVersion", "missing: name the ExecCredential version, e.g. client.authentication.k8s.io/v1")
        }
        guard ExecConfig.supportedAPIVersions.contains(apiVersion) else {
            throw fail(at + ".apiVersion", "\(apiVersion) is not supported (use \(ExecConfig.supportedAPIVersions.joined(separator: " or ")))")
        }
        guard let command = try string(v, "command", at: at), !command.isEmpty else {
            throw fail(at + ".command", "missing")
        }
        var args: [String] = []
        if let a = v["args"], !a.isNull {
            guard let list = a.array else { throw fail(at + ".args", "is \(a.typeNameWithArticle); expected a list of strings") }
            for (i, item) in list.enumerated() {
                guard let s = item.string else { throw fail("\(at).args[\(i)]", "is \(item.typeNameWithArticle); expected a string") }
                args.append(s)
            }
        }
        var env: [ExecConfig.EnvVar] = []
        if let e = v["env"], !e.isNull {
            guard let list = e.array else { throw fail(at + ".env", "is \(e.typeNameWithArticle); expected a list of {name, value}") }
            for (i, item) in list.enumerated() {
                guard let name = item["name"]?.string, let value = item["value"]?.string else {
                    throw fail("\(at).env[\(i)]", "needs a string name and value")
                }
                env.append(.init(name: name, value: value))
            }
        }
        var mode = ExecConfig.InteractiveMode.ifAvailable
        if let text = try string(v, "interactiveMode", at: at) {
            guard let m = ExecConfig.InteractiveMode(rawValue: text) else {
                throw fail(at + ".interactiveMode", "'\(text)' is not Never, IfAvailable or Always")
            }
            mode = m
        } else if apiVersion.hasSuffix("/v1") {
            // client-go requires it from v1 on.
            throw fail(at + ".interactiveMode", "missing: required by \(apiVersion) (Never, IfAvailable or Always)")
        }
        // kubectl: a relative command containing a path separator is relative to the kubeconfig.
        let resolved = command.contains("/") ? Self.resolve(command, folder: folder) : command
        return ExecConfig(apiVersion: apiVersion, command: resolved, args: args, env: env, interactiveMode: mode,
                          provideClusterInfo: try bool(v, "provideClusterInfo", at: at) ?? false,
                          installHint: try string(v, "installHint", at: at), file: file)
    }
}
