import Foundation

/// The one place that decides which values are credentials and removes them. Every path that
/// keeps or prints something taken from input calls it: snapshots (`--from-dump`, live
/// collection, snapshots read back), the node reader, findings (every report format renders
/// `Finding.value` and `.message`), input issues and the messages on standard error.
///
/// What goes: Secret `data`/`stringData` values; EncryptionConfiguration key secrets; kubeconfig
/// tokens, passwords, `client-key-data`, auth-provider secrets and exec `env` values;
/// `KubeletConfiguration.staticPodURLHeader` values; kubeadm bootstrap tokens and certificate
/// keys; `user:password@` in any URL and credential query parameters (`?token=`, `access_token=`,
/// `password=` …); credential flags (`--token=`, `--password`, `--initial-cluster-token` …) in
/// commands, arguments and text; container environment variables named like credentials
/// (`ETCD_INITIAL_CLUSTER_TOKEN`, `*_PASSWORD`, `*_SECRET` …).
///
/// What stays, because controls judge it: every key (a token is *set*), a URL's scheme, host,
/// port and path, flag names, file paths, and an encryption key's decoded length (the key is
/// replaced by as many zero bytes, so BW-S16-005 judges the same length). Redaction is
/// idempotent: a redacted object redacted again is unchanged.
public enum CredentialRedaction {
    /// What replaces a credential value.
    public static let placeholder = "(redacted)"

    /// Mapping keys whose scalar value is a credential wherever they appear: kubeconfig users and
    /// auth providers, k3s config, kubeadm bootstrap tokens and certificate keys.
    public static let credentialKeys: Set<String> = [
        "token", "client-key-data", "password", "id-token", "refresh-token", "access-token", "client-secret",
        "agent-token", "etcd-s3-secret-key", "etcd-s3-access-key", "tlsBootstrapToken", "certificateKey",
    ]

    /// Command-line flags (without dashes) whose value is a credential. Flags naming a file that
    /// holds a credential (`--token-auth-file`, `--etcd-keyfile`) are paths and stay.
    public static let credentialFlags: Set<String> = [
        "token", "agent-token", "etcd-s3-secret-key", "etcd-s3-access-key", "password", "bootstrap-token",
        "initial-cluster-token", "client-secret", "oidc-client-secret", "access-token", "id-token", "refresh-token",
    ]

    /// URL query parameters whose value is a credential (compared lowercased).
    public static let credentialQueryParameters: Set<String> = [
        "token", "access_token", "accesstoken", "id_token", "refresh_token", "password", "passwd", "pwd", "secret",
        "client_secret", "api_key", "apikey", "key", "sig", "signature", "x-amz-signature", "x-amz-credential",
        "x-amz-security-token", "auth", "authorization",
    ]

    // MARK: objects

    /// An object (any kind) with every credential value replaced; see the type's documentation.
    public static func redact(object: Value) -> Value {
        guard case .mapping(var root) = object else { return walk(object, key: nil) }
        let kind = root["kind"]?.string
        if kind == "Secret" {
            for field in ["data", "stringData"] {
                guard case .mapping(var values)? = root[field] else {
                    root.entries.removeAll { $0.key == field }
                    continue
                }
                for i in values.entries.indices { values.entries[i].value = .null }
                root.set(field, .mapping(values))
            }
        }
        if kind == "EncryptionConfiguration" { root = redactEncryptionKeys(root) }
        return walk(.mapping(root), key: nil)
    }

    /// Is this environment variable's value a credential, judged by its name?
    public static func isCredentialVariable(_ name: String) -> Bool {
        let upper = name.uppercased()
        // A variable naming a file or folder holds a path, which controls read (ETCD_PEER_KEY_FILE).
        for suffix in ["_FILE", "_PATH", "_DIR", "_FILENAME"] where upper.hasSuffix(suffix) { return false }
        for word in ["TOKEN", "PASSWORD", "PASSWD", "SECRET", "CREDENTIAL", "PRIVATE_KEY", "API_KEY", "ACCESS_KEY"] where upper.contains(word) {
            return true
        }
        return false
    }

    private static func walk(_ value: Value, key: String?) -> Value {
        switch value {
        case .string(let s): return .string(redact(text: s))
        case .array(let items):
            if key == "command" || key == "args", items.allSatisfy({ $0.string != nil }) {
                return .array(redact(arguments: items.compactMap(\.string)).map(Value.string))
            }
            if key == "env" { return .array(items.map { redactVariable($0, all: false) }) }
            return .array(items.map { walk($0, key: nil) })
        case .mapping(var m):
            for i in m.entries.indices {
                let entryKey = m.entries[i].key
                let entryValue = m.entries[i].value
                if credentialKeys.contains(entryKey), isScalar(entryValue) {
                    m.entries[i].value = .string(placeholder)
                } else if entryKey == "staticPodURLHeader", case .mapping(var headers) = entryValue {
                    // Header names stay (controls may name them); values often carry a bearer token.
                    for h in headers.entries.indices { headers.entries[h].value = .null }
                    m.entries[i].value = .mapping(headers)
                } else if entryKey == "exec", case .mapping(var exec) = entryValue {
                    // A kubeconfig exec plugin's environment is there to hand it credentials: every value goes.
                    for e in exec.entries.indices {
                        if exec.entries[e].key == "env", case .array(let items) = exec.entries[e].value {
                            exec.entries[e].value = .array(items.map { redactVariable($0, all: true) })
                        } else {
                            exec.entries[e].value = walk(exec.entries[e].value, key: exec.entries[e].key)
                        }
                    }
                    m.entries[i].value = .mapping(exec)
                } else {
                    m.entries[i].value = walk(entryValue, key: entryKey)
                }
            }
            return .mapping(m)
        default: return value
        }
    }

    private static func isScalar(_ value: Value) -> Bool {
        switch value {
        case .string(let s): return s != placeholder
        case .int, .double, .bool: return true
        default: return false
        }
    }

    /// `{name, value}` of a container or exec environment.
    private static func redactVariable(_ item: Value, all: Bool) -> Value {
        guard case .mapping(var m) = item else { return walk(item, key: nil) }
        let name = m["name"]?.string ?? ""
        for i in m.entries.indices {
            if m.entries[i].key == "value", !m.entries[i].value.isNull, all || isCredentialVariable(name) {
                m.entries[i].value = .string(placeholder)
            } else {
                m.entries[i].value = walk(m.entries[i].value, key: m.entries[i].key)
            }
        }
        return .mapping(m)
    }

    /// `resources[].providers[].{aescbc,aesgcm,secretbox}.keys[].secret`: replaced by as many zero
    /// bytes as the key had (base64), so key-length findings stay; a value that is not base64 is
    /// replaced by the placeholder, which is not base64 either.
    private static func redactEncryptionKeys(_ root: Mapping) -> Mapping {
        guard case .array(var resources)? = root["resources"] else { return root }
        for r in resources.indices {
            guard case .mapping(var resource) = resources[r], case .array(var providers)? = resource["providers"] else { continue }
            for p in providers.indices {
                guard case .mapping(var provider) = providers[p] else { continue }
                for e in provider.entries.indices {
                    guard case .mapping(var body) = provider.entries[e].value, case .array(var keys)? = body["keys"] else { continue }
                    for k in keys.indices {
                        guard case .mapping(var key) = keys[k], let entry = key.entry("secret") else { continue }
                        if let secret = entry.value.string, let bytes = Data(base64Encoded: secret) {
                            key.set("secret", .string(Data(count: bytes.count).base64EncodedString()), line: entry.line)
                        } else if !entry.value.isNull {
                            key.set("secret", .string(placeholder), line: entry.line)
                        }
                        keys[k] = .mapping(key)
                    }
                    body.set("keys", .array(keys), line: body.entry("keys")?.line ?? 0)
                    provider.entries[e].value = .mapping(body)
                }
                providers[p] = .mapping(provider)
            }
            resource.set("providers", .array(providers), line: resource.entry("providers")?.line ?? 0)
            resources[r] = .mapping(resource)
        }
        var out = root
        out.set("resources", .array(resources), line: root.entry("resources")?.line ?? 0)
        return out
    }

    // MARK: command lines

    /// An argument list with the values of credential flags replaced (`--token=x`, `--token x`),
    /// and every argument's text redacted (URLs with logins, credential query parameters).
    public static func redact(arguments: [String]) -> [String] {
        var out = arguments.map { redact(text: $0) }
        var i = 0
        while i < out.count {
            let arg = out[i]
            if arg.hasPrefix("-"), !arg.contains("="), credentialFlags.contains(String(arg.drop { $0 == "-" })),
               i + 1 < out.count, !out[i + 1].hasPrefix("-") {
                out[i + 1] = placeholder
                i += 1
            }
            i += 1
        }
        return out
    }

    // MARK: URLs and text

    /// A URL (or any text) without logins (`user:password@` becomes `(redacted)@`) and without the
    /// values of credential query parameters; scheme, host, port and path stay.
    public static func redact(url: String) -> String { redact(text: url) }

    /// Free text (a message, an argument, a field value) with every credential it carries removed:
    /// URL logins, credential query parameters, and `--credential-flag=value` / `--flag value`.
    public static func redact(text: String) -> String {
        let bytes = Array(text.utf8)
        // Fast path: every rule needs one of these characters.
        guard bytes.contains(where: { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: " ") }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let placeholderBytes = Array(placeholder.utf8)
        var i = 0
        while i < bytes.count {
            // `scheme://` → the authority up to the next delimiter; a login before its last `@` goes.
            if bytes[i] == UInt8(ascii: ":"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/") {
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "/")])
                i += 3
                var end = i
                while end < bytes.count, !isAuthorityEnd(bytes[end]) { end += 1 }
                if let at = bytes[i..<end].lastIndex(of: UInt8(ascii: "@")) {
                    out.append(contentsOf: placeholderBytes)
                    i = at
                }
                continue
            }
            // `?name=`, `&name=`, `;name=` with a credential name: the value goes.
            if bytes[i] == UInt8(ascii: "?") || bytes[i] == UInt8(ascii: "&") || bytes[i] == UInt8(ascii: ";") {
                var j = i + 1
                while j < bytes.count, isParameterNameByte(bytes[j]) { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "="), j > i + 1,
                   credentialQueryParameters.contains(String(decoding: bytes[(i + 1)..<j], as: UTF8.self).lowercased()) {
                    out.append(contentsOf: bytes[i...j])
                    i = appendRedactedValue(bytes, from: j + 1, to: &out, end: isParameterValueEnd)
                    continue
                }
            }
            // `-flag=value` / `--flag=value` at the start of a word. (`--flag value` is two
            // arguments: `redact(arguments:)` handles it; in prose it would eat the next word.)
            if bytes[i] == UInt8(ascii: "-"), isWordStart(bytes, at: i) {
                var nameStart = i
                while nameStart < bytes.count, bytes[nameStart] == UInt8(ascii: "-"), nameStart - i < 2 { nameStart += 1 }
                var j = nameStart
                while j < bytes.count, isFlagNameByte(bytes[j]) { j += 1 }
                if j > nameStart, j < bytes.count, bytes[j] == UInt8(ascii: "="),
                   credentialFlags.contains(String(decoding: bytes[nameStart..<j], as: UTF8.self)) {
                    out.append(contentsOf: bytes[i...j])
                    i = appendRedactedValue(bytes, from: j + 1, to: &out, end: isValueEnd)
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the placeholder in place of the value starting at `start` (nothing for an empty
    /// value) and returns the index after the value.
    private static func appendRedactedValue(_ bytes: [UInt8], from start: Int, to out: inout [UInt8], end isEnd: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count, !isEnd(bytes[end]) { end += 1 }
        guard end > start else { return end }
        out.append(contentsOf: placeholder.utf8)
        return end
    }

    private static func isAuthorityEnd(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"),
             UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ")"):
            return true
        default: return false
        }
    }

    private static func isParameterNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private static func isParameterValueEnd(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "#") || b == UInt8(ascii: ";") || isValueEnd(b)
    }

    /// A value ends at a word separator, and also at `\`, `<` and `>`: a rendered document (JSON,
    /// YAML, XML, HTML) is redacted once more as text, and a value running into `\"` or `</td>`
    /// would take the escape or the tag with it and break the document. Credentials hold none of
    /// the three.
    private static func isValueEnd(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "\\") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || isWordSeparator(b)
    }

    private static func isFlagNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    /// Whether a word starts at `i`: at the start, after a separator, and — in a rendered document
    /// — after a tag (`<td>--token=…`), an entity (`&quot;--token=…`) or an escape (`\n--token=…`,
    /// `\\--token=…` in JSON).
    private static func isWordStart(_ bytes: [UInt8], at i: Int) -> Bool {
        guard i > 0 else { return true }
        let previous = bytes[i - 1]
        if isWordSeparator(previous) || previous == UInt8(ascii: ">") || previous == UInt8(ascii: ";") || previous == UInt8(ascii: "\\") { return true }
        return i > 1 && bytes[i - 2] == UInt8(ascii: "\\")
            && (previous == UInt8(ascii: "n") || previous == UInt8(ascii: "t") || previous == UInt8(ascii: "r"))
    }

    private static func isWordSeparator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""), UInt8(ascii: "'"),
             UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default: return false
        }
    }
}
