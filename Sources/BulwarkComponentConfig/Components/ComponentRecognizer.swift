import Foundation
import BulwarkModel

/// Finds components in workloads: static pods (kubeadm, minikube, RKE2), mirror pods read from a
/// cluster, and the kube-proxy DaemonSet. A container counts when its command names the binary
/// (`kube-apiserver`, `/usr/local/bin/etcd`, `hyperkube apiserver`, `sh -c "kube-scheduler …"`), or
/// when its command is empty (the image's entrypoint) and the pod's `component` label or the
/// container's name is the component's.
public enum ComponentRecognizer {
    public static func components(in inventory: Inventory) -> [ComponentInstance] {
        var found: [ComponentInstance] = []
        for (object, pod) in inventory.workloads {
            let labels = (pod.metadata["labels"]?.stringMap ?? [:]).merging(object.labels) { a, _ in a }
            for entry in pod.containers {
                if let instance = recognize(container: entry.container, path: pod.path(entry.path), object: object, podLabels: labels) {
                    found.append(instance)
                }
            }
        }
        return found
    }

    static let shells: Set<String> = ["sh", "bash", "ash", "dash"]

    static func recognize(container: Value, path: FieldPath, object: KubeObject, podLabels: [String: String]) -> ComponentInstance? {
        var tokens: [CommandLineToken] = []
        let commandPath = path.appending("command"), argsPath = path.appending("args")
        for (i, v) in (container["command"]?.array ?? []).enumerated() {
            if let s = scalarText(v) { tokens.append(CommandLineToken(s, location: "\(commandPath)[\(i)]", fieldPath: commandPath.appending(index: i))) }
        }
        let commandCount = tokens.count
        for (i, v) in (container["args"]?.array ?? []).enumerated() {
            if let s = scalarText(v) { tokens.append(CommandLineToken(s, location: "\(argsPath)[\(i)]", fieldPath: argsPath.appending(index: i))) }
        }
        tokens = unwrapShell(tokens)
        let name = container["name"]?.string ?? ""
        var kind: ComponentKind?
        var flagTokens = tokens
        if commandCount > 0, let first = tokens.first {
            let binary = basename(first.text)
            if binary == "hyperkube", tokens.count > 1 {
                kind = ComponentKind.allCases.first { $0.hyperkubeNames.contains(tokens[1].text) }
                flagTokens = Array(tokens.dropFirst(2))
            } else {
                kind = ComponentKind.allCases.first { $0.binary == binary }
                flagTokens = Array(tokens.dropFirst())
            }
        } else {
            // No command: the image's entrypoint runs, so only labels and names identify it.
            let label = podLabels["component"] ?? podLabels["k8s-app"] ?? ""
            // A sidecar in the same pod must not count: the label alone is enough only for a
            // container named like the component.
            kind = ComponentKind.allCases.first { $0.binary == name }
                ?? ComponentKind.allCases.first { $0.binary == label && name.hasPrefix(label) }
        }
        guard let kind else { return nil }
        // Applications run etcd for themselves too (APISIX, Patroni, operators); only the
        // cluster's own etcd is judged: a static or mirror pod in kube-system, or one labelled as
        // part of the control plane.
        if kind == .etcd {
            let controlPlane = ["kube-system", ""].contains(object.namespace) || podLabels["tier"] == "control-plane"
                || podLabels["component"] == "etcd"
            guard controlPlane else { return nil }
        }
        var flags = FlagSet.parse(flagTokens, booleanFlags: kind.booleanFlags)
        if kind == .etcd { flags = environmentFlags(container: container, path: path).overridden(by: flags) }
        let image = container["image"]?.string ?? ""
        let where_ = object.namespace.isEmpty ? "\(object.kind) \(object.name)" : "\(object.kind) \(object.namespace)/\(object.name)"
        return ComponentInstance(kind: kind, object: object, flags: flags, version: KubeVersion.fromImage(image),
                                 commandPath: commandCount > 0 ? commandPath : (container["args"] != nil ? argsPath : path),
                                 origin: "container \"\(name)\" of \(where_)")
    }

    /// etcd reads `ETCD_<FLAG>` environment variables for flags not given on the command line.
    static func environmentFlags(container: Value, path: FieldPath) -> FlagSet {
        var flags = FlagSet()
        for (i, entry) in (container["env"]?.array ?? []).enumerated() {
            guard let name = entry["name"]?.string, name.hasPrefix("ETCD_"), let value = entry["value"].flatMap(scalarText) else { continue }
            let flag = String(name.dropFirst(5)).lowercased().replacingOccurrences(of: "_", with: "-")
            let fieldPath = path.appending("env").appending(index: i)
            flags.append(CommandLineFlag(name: flag, value: value, location: "\(fieldPath) (\(name))", fieldPath: fieldPath))
        }
        return flags
    }

    /// `["/bin/sh", "-c", "exec kube-apiserver --a=b"]` → the words of the script.
    static func unwrapShell(_ tokens: [CommandLineToken]) -> [CommandLineToken] {
        guard tokens.count >= 3, shells.contains(basename(tokens[0].text)), tokens[1].text == "-c" else { return tokens }
        let script = tokens[2]
        var words = ShellWords.split(script.text)
        if words.first == "exec" { words.removeFirst() }
        return words.map { CommandLineToken($0, location: script.location, fieldPath: script.fieldPath) } + tokens.dropFirst(3)
    }

    static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func scalarText(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return String(d)
        default: return nil
        }
    }
}
