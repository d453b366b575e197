import BulwarkModel
import BulwarkInputs

/// Files: documents named by flags, kubeconfigs, certificates and keys, CNI config, the etcd data directory.
extension NodeCollection {
    // MARK: documents named by flags

    /// Flags of kube-apiserver naming documents the existing controls evaluate (S12, S16, S2, S3).
    static let documentFlags: [(flag: String, role: NodeFileRole)] = [
        ("encryption-provider-config", .encryptionConfig), ("audit-policy-file", .auditPolicy),
        ("admission-control-config-file", .admissionConfig), ("authentication-config", .other), ("authorization-config", .other),
    ]

    mutating func readReferencedDocuments() {
        var done: Set<String> = []
        for (component, arguments) in componentArguments where component == "kube-apiserver" {
            for (flag, role) in Self.documentFlags {
                guard let path = NodeValues.flag(flag, in: arguments), path.hasPrefix("/"), done.insert(path).inserted else { continue }
                search(path, for: "referencedDocuments")
                guard let bytes = recordFile(path, role: role, content: true) else {
                    if !root.exists(path) { issue(path, "kube-apiserver --\(flag) names this file, but it does not exist under \(root.description)") }
                    continue
                }
                for object in parseDocuments(bytes, path: path) { inventory.add(object) }
            }
        }
    }

    // MARK: kubeconfigs

    mutating func readKubeconfigs() {
        var paths: [String] = []
        for entry in NodeCandidates.kubeconfigs {
            search(entry.path, for: "kubeconfigs")
            if root.exists(entry.path) { paths.append(entry.path) }
        }
        for entry in NodeCandidates.kubeconfigFolders {
            search(entry.path, for: "kubeconfigs")
            for name in root.list(entry.path) ?? [] where name.hasSuffix(".kubeconfig") || name.hasSuffix(".conf") {
                paths.append(entry.path + "/" + name)
            }
        }
        let kubeconfigFlags: Set<String> = ["kubeconfig", "bootstrap-kubeconfig", "authentication-kubeconfig", "authorization-kubeconfig",
                                            "audit-webhook-config-file", "authentication-token-webhook-config-file", "authorization-webhook-config-file"]
        for (_, arguments) in componentArguments {
            for (flag, path) in NodeValues.pathFlags(in: arguments) where kubeconfigFlags.contains(flag) {
                search(path, for: "kubeconfigs")
                if root.exists(path) { paths.append(path) }
            }
        }
        var seen: Set<String> = []
        for path in paths where seen.insert(path).inserted {
            guard let bytes = recordFile(path, role: .kubeconfig, content: true, limit: 1 << 20) else { continue }
            for object in parseDocuments(bytes, path: path) where object.kind == "Config" {
                var redacted = object
                redacted.value = NodeValues.redact(object.value)
                inventory.add(redacted)
            }
        }
    }

    // MARK: certificates and keys

    mutating func readPKI() {
        for entry in NodeCandidates.pkiFolders {
            search(entry.path, for: "pki")
            let top = root.resolve(entry.path) ?? entry.path
            walk(entry.path, depth: 0) { collection, path in
                // A link to a file in the same folder (kubelet-client-current.pem) is that file: judged once.
                if let target = collection.root.resolve(path),
                   target != path && target.hasPrefix(top + "/") && NodeValues.basename(target) != NodeValues.basename(path) { return }
                let name = NodeValues.basename(path)
                let lower = name.lowercased()
                guard [".crt", ".key", ".pem", ".cert", ".pub"].contains(where: lower.hasSuffix) else { return }
                collection.recordCredentialFile(path)
            }
        }
        // Certificates and keys named by component flags (and the kubelet config's file fields).
        for (_, arguments) in componentArguments {
            for (flag, path) in NodeValues.pathFlags(in: arguments) {
                let lower = path.lowercased()
                let isCredentialFlag = flag.hasSuffix("-file") || flag.hasSuffix("File") || flag.hasSuffix("cafile") || flag.hasSuffix("certfile") || flag.hasSuffix("keyfile")
                    || flag.hasSuffix("-certificate") || flag.hasSuffix("-key") || flag.hasSuffix("-authority")
                guard isCredentialFlag, [".crt", ".key", ".pem", ".cert"].contains(where: lower.hasSuffix) else { continue }
                search(path, for: "pki")
                if root.exists(path) { recordCredentialFile(path) }
            }
        }
    }

    /// A certificate, key or both: classified by content (PEM block types), else by name. Only the
    /// certificate blocks are kept; a key's content never leaves this function.
    mutating func recordCredentialFile(_ path: String) {
        if files[path]?["role"]?.string == NodeFileRole.certificate.rawValue || files[path]?["role"]?.string == NodeFileRole.privateKey.rawValue { return }
        let lower = path.lowercased()
        let guess: NodeFileRole = lower.hasSuffix(".key") ? .privateKey : lower.hasSuffix(".pub") ? .other : .certificate
        let bytes = recordFile(path, role: guess, content: true, limit: 1 << 20)
        guard let bytes else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        let pem = PEMBlocks(text)
        var role = guess
        if pem.hasPrivateKey { role = .privateKey } else if !pem.certificates.isEmpty { role = .certificate }
        setFileField(path, "role", .string(role.rawValue))
        if !pem.certificates.isEmpty { setFileField(path, "certificatesPEM", .string(pem.certificates.joined(separator: "\n") + "\n")) }
        if role == .privateKey { setFileField(path, "containsPrivateKey", true) }
        if pem.certificates.isEmpty && !pem.hasPrivateKey && !pem.hasPublicKey && role != .other {
            setFileField(path, "error", "not PEM")
        }
    }

    // MARK: CNI

    mutating func readCNI() {
        for entry in NodeCandidates.cniFolders {
            search(entry.path, for: "cni")
            for name in root.list(entry.path) ?? [] where name.hasSuffix(".conf") || name.hasSuffix(".conflist") || name.hasSuffix(".json") {
                recordFile(entry.path + "/" + name, role: .cniConfig)
            }
        }
    }

    // MARK: etcd data

    /// The etcd data directory (`--data-dir`, default /var/lib/etcd) when etcd runs here; recorded
    /// as a NodeFile with `purpose: etcdDataDir` for the mode check (CIS 1.1.11/1.1.12).
    mutating func readEtcdDataDirectory() {
        guard let arguments = componentArguments.first(where: { $0.component == "etcd" })?.arguments else { return }
        let path = NodeValues.flag("data-dir", in: arguments) ?? etcdDataDirFromEnvironment ?? "/var/lib/etcd"
        search(path, for: "etcdData")
        guard root.isDirectory(path) else { return }
        recordFile(path, role: .other)
        setFileField(path, "purpose", "etcdDataDir")
        setFileField(path, "directory", true)
    }

    /// Visits regular files under a folder, at most four levels deep.
    mutating func walk(_ folder: String, depth: Int, _ visit: (inout NodeCollection, String) -> Void) {
        guard depth < 4, root.isDirectory(folder), let names = root.list(folder) else { return }
        for name in names {
            let path = folder + "/" + name
            let status: NodeRoot.FileStatus
            switch root.statusResult(path) {
            case .success(let s): status = s
            case .failure(let e):
                // A link loop or chain that cannot be resolved: visited, so the file is named with its error.
                if !e.isMissing { visit(&self, path) }
                continue
            }
            if status.isDirectory { walk(path, depth: depth + 1, visit) } else if status.isRegular { visit(&self, path) }
        }
    }
}
