import BulwarkModel

/// Facts the rules read off one event, each written once.
enum AuditFacts {
    static let systemNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]

    /// Liveness and readiness endpoints load balancers and probes hit anonymously (falco #1794).
    static func isHealthEndpoint(_ path: String) -> Bool {
        for p in ["/healthz", "/livez", "/readyz"] where path == p || path.hasPrefix(p + "/") { return true }
        return false
    }

    static let privilegedClusterRoles: Set<String> = [
        "cluster-admin", "admin", "system:masters", "system:kube-controller-manager",
        "system:controller:clusterrole-aggregation-controller",
    ]

    static let defaultAdminUsers: Set<String> = [
        "admin", "kubernetes-admin", "kubernetes-admin@kubernetes", "kubernetes-admin@cluster.local", "minikube-user",
    ]

    /// Add-on accounts clusters create in kube-system at install (Falco's known_sa_list beyond the bootstrap policy).
    static let knownAddonAccounts: Set<String> = ["coredns", "coredns-autoscaler", "kube-proxy"]

    static let dangerousCapabilities: Set<String> = [
        "ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "BPF", "PERFMON", "SYS_RAWIO", "DAC_READ_SEARCH", "SYS_BOOT",
    ]

    /// Offensive tools by a part of their user agent (lowercase), the first listed that matches wins.
    static let attackTools = ["kube-hunter", "peirates", "kubiscan", "kubesploit", "kubeletctl", "kdigger", "kubestriker",
                              "botb", "cdk/", "nmap", "masscan", "zgrab", "sqlmap", "nikto", "nuclei", "gobuster"]

    static func attackTool(_ userAgent: String) -> String? {
        guard !userAgent.isEmpty else { return nil }
        var text = userAgent
        let found = text.withUTF8(asciiAttackTool) ?? {
            let ua = userAgent.lowercased()
            return attackTools.firstIndex { ua.contains($0) } ?? attackTools.count
        }()
        guard found < attackTools.count else { return nil }
        let tool = attackTools[found]
        return tool.hasSuffix("/") ? String(tool.dropLast()) : tool
    }

    /// `attackTool`'s search when the user agent is ASCII, in one pass over its bytes (lowercasing
    /// and Foundation's `contains` are byte operations on ASCII, and Foundation's costs
    /// microseconds a call, paid for every event): the index of the first tool listed that occurs,
    /// `attackTools.count` for none, nil when the text is not ASCII.
    private static func asciiAttackTool(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var found = attackTools.count
        for start in bytes.indices {
            let first = bytes[start]
            guard first < 0x80 else { return nil }
            var candidates = attackToolsByFirstByte[Int(asciiLowercase(first))]
            while candidates != 0 {
                let tool = candidates.trailingZeroBitCount
                candidates &= candidates - 1
                guard tool < found else { break }
                let name = attackToolBytes[tool]
                if start + name.count <= bytes.count,
                   name.indices.allSatisfy({ asciiLowercase(bytes[start + $0]) == name[$0] }) { found = tool }
            }
        }
        return found
    }

    private static let attackToolBytes = attackTools.map { Array($0.utf8) }

    /// For each ASCII byte, the tools whose name starts with it (bit i: `attackTools[i]`).
    private static let attackToolsByFirstByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 128)
        for (i, name) in attackToolBytes.enumerated() {
            if let first = name.first, first < 0x80 { table[Int(first)] |= 1 << i }
        }
        return table
    }()

    private static func asciiLowercase(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    static func namespacedName(_ e: AuditEvent) -> String {
        let name = e.objectRef.name.isEmpty ? (e.requestObject?["metadata"]?["name"]?.string
            ?? e.requestObject?["metadata"]?["generateName"]?.string.map { $0 + "…" } ?? "(unnamed)") : e.objectRef.name
        return e.objectRef.namespace.isEmpty ? name : "\(e.objectRef.namespace)/\(name)"
    }

    static func target(_ e: AuditEvent) -> String {
        if e.objectRef.resource.isEmpty { return e.path.isEmpty ? "(no path)" : e.path }
        let resource = e.objectRef.subresource.isEmpty ? e.objectRef.resource : "\(e.objectRef.resource)/\(e.objectRef.subresource)"
        return e.objectRef.name.isEmpty && e.objectRef.namespace.isEmpty ? resource : "\(resource) \(namespacedName(e))"
    }

    static func isPodCreate(_ e: AuditEvent) -> Bool {
        e.objectRef.resource == "pods" && e.objectRef.subresource.isEmpty && e.isCreate && e.succeeded
    }

    static func podSpec(_ e: AuditEvent) -> Value? { e.requestObject?["spec"] }

    static func containers(_ e: AuditEvent) -> [Value] {
        guard let spec = podSpec(e) else { return [] }
        return ["containers", "initContainers", "ephemeralContainers"].flatMap { spec[$0]?.array ?? [] }
    }

    static func images(_ e: AuditEvent) -> [String] { containers(e).compactMap { $0["image"]?.string } }

    static func isSensitiveHostPath(_ raw: String) -> Bool {
        var path = raw
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if path == "/" { return true }
        let sockets = ["/var/run/docker.sock", "/run/docker.sock", "/var/run/crio/crio.sock", "/run/crio/crio.sock",
                       "/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/var/run/cri-dockerd.sock"]
        if sockets.contains(path) { return true }
        for dir in ["/etc", "/root", "/proc", "/sys", "/boot", "/home", "/var/lib/kubelet", "/var/lib/docker",
                    "/var/lib/containerd", "/var/lib/etcd", "/var/run/containerd", "/run/containerd", "/var/run/crio", "/run/crio"]
        where path == dir || path.hasPrefix(dir + "/") {
            return true
        }
        return false
    }

    struct RoleRule { var apiGroups: [String]; var resources: [String]; var verbs: [String] }

    /// The rules of a Role or ClusterRole written (created, updated, patched) successfully.
    static func roleRules(_ e: AuditEvent) -> [RoleRule]? {
        guard e.objectRef.resource == "clusterroles" || e.objectRef.resource == "roles", e.objectRef.subresource.isEmpty,
              e.isModify, e.succeeded, let rules = e.requestObject?["rules"]?.array else { return nil }
        return rules.map { r in
            RoleRule(apiGroups: (r["apiGroups"]?.array ?? []).compactMap(\.string),
                     resources: (r["resources"]?.array ?? []).compactMap(\.string),
                     verbs: (r["verbs"]?.array ?? []).compactMap(\.string))
        }
    }

    static func roleName(_ e: AuditEvent) -> String {
        "\(e.objectRef.resource == "roles" ? "Role" : "ClusterRole") \(namespacedName(e))"
    }

    /// The values of one query parameter, percent-decoded.
    static func queryValues(_ uri: String, _ name: String) -> [String] {
        guard let q = uri.firstIndex(of: "?") else { return [] }
        return uri[uri.index(after: q)...].split(separator: "&").compactMap { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, kv[0] == name else { return nil }
            let plus = kv[1].replacingOccurrences(of: "+", with: " ")
            return plus.removingPercentEncoding ?? plus
        }
    }

    /// A credential-looking entry: a key naming a password/key and a value that is not empty,
    /// a number or a boolean (`password_min_length: "12"` is a setting, not a password), or a
    /// value that is itself an AWS access key ID or a PEM private key.
    static func looksLikeCredential(key: String, value: String) -> Bool {
        if value.contains("PRIVATE KEY-----") { return true }
        if hasAWSAccessKeyID(value) { return true }
        let k = key.lowercased()
        let named = ["password", "passwd", "passphrase", "aws_access_key_id", "aws-access-key-id", "aws_secret_access_key",
                     "aws-secret-access-key", "aws_s3_access_key_id", "aws-s3-access-key-id", "secret_key", "secret-key",
                     "api_key", "api-key", "apikey", "private_key", "private-key"].contains { k.contains($0) }
        guard named else { return false }
        let v = value.trimmingCharacters(in: .whitespaces)
        if v.isEmpty || Int(v) != nil || ["true", "false", "yes", "no"].contains(v.lowercased()) { return false }
        // References to a value kept elsewhere.
        if v.hasPrefix("${") || v.hasPrefix("$(") || v.hasPrefix("vault:") || v.hasPrefix("ref+") { return false }
        return true
    }

    private static func hasAWSAccessKeyID(_ value: String) -> Bool {
        let u = Array(value.utf8)
        guard u.count >= 20 else { return false }
        var i = 0
        while i + 20 <= u.count {
            if u[i] == 0x41, u[i + 1] == 0x4B || u[i + 1] == 0x53, u[i + 2] == 0x49, u[i + 3] == 0x41 { // AKIA / ASIA
                var ok = true
                for j in (i + 4)..<(i + 20) where !((u[j] >= 0x41 && u[j] <= 0x5A) || (u[j] >= 0x30 && u[j] <= 0x39)) { ok = false; break }
                let after = i + 20 < u.count ? u[i + 20] : 0
                if ok && !((after >= 0x41 && after <= 0x5A) || (after >= 0x30 && after <= 0x39)) { return true }
            }
            i += 1
        }
        return false
    }

    /// An address outside private, loopback, link-local, carrier-grade NAT and unique-local ranges.
    static func isPublicIP(_ text: String) -> Bool {
        // Foundation's `contains` answers as a byte search does on ASCII, at many times the cost.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        if ascii ? text.utf8.contains(UInt8(ascii: ":")) : text.contains(":") {
            let t = text.lowercased()
            guard t.contains(where: { $0.isHexDigit }) else { return false }
            if t == "::1" || t.hasPrefix("fe8") || t.hasPrefix("fe9") || t.hasPrefix("fea") || t.hasPrefix("feb")
                || t.hasPrefix("fc") || t.hasPrefix("fd") || t == "::" { return false }
            if t.hasPrefix("::ffff:") { return isPublicIP(String(t.dropFirst(7))) }
            return t.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        guard let o = ipv4Prefix(text, ascii: ascii) else { return false }
        switch o {
        case (10, _), (127, _), (0, _): return false
        case (172, 16...31), (192, 168), (169, 254): return false
        case (100, 64...127): return false
        default: return o.0 < 224
        }
    }

    /// The first two numbers of a dotted-quad IPv4 address (four parts of one to three characters,
    /// each an optional sign and digits, 0…255); nil when `text` is no such address.
    private static func ipv4Prefix(_ text: String, ascii: Bool) -> (Int, Int)? {
        // Numbers are ASCII digits (`Int` reads no others): a text that is not ASCII is no address.
        guard ascii else { return nil }
        // On bytes: String's `split` and `Int` cost more than judging the rest of an event.
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var o: [Int] = []
        for p in parts {
            guard (1...3).contains(p.count), let v = asciiInt(p), v >= 0, v <= 255 else { return nil }
            o.append(v)
        }
        return (o[0], o[1])
    }

    /// `Int(text)` for a few ASCII bytes: an optional sign, then at least one digit.
    private static func asciiInt(_ bytes: Substring.UTF8View) -> Int? {
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for b in digits {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return negative ? -value : value
    }
}

import Foundation
