import BulwarkModel

// Helpers for the controls over what `bulwark node` read (NODEFILES.md objects): the NodeHost of
// each node scanned and the NodeFiles found on it.

enum NodeFacts {
    static let apiVersion = "node.bulwark.io/v1"
    static let noNode = "no node scanned: these facts are read on the node by `bulwark node` (or `bulwark node --root DIR` on its mounted filesystem)"

    /// Paths the node scan tried for one purpose, for not-assessed reasons.
    static func searched(_ host: KubeObject, _ purposes: [String]) -> String {
        let paths = purposes.flatMap { host.value["searchedFor"]?[$0]?.array?.compactMap(\.string) ?? [] }
        guard !paths.isEmpty else { return "" }
        let shown = paths.prefix(12).joined(separator: ", ")
        return " (searched: \(shown)\(paths.count > 12 ? ", and \(paths.count - 12) more" : ""))"
    }

    /// The permission bits of a NodeFile's `mode` ("0640" → 0o640).
    static func mode(_ file: KubeObject) -> UInt32? { file.value["mode"]?.string.flatMap { UInt32($0, radix: 8) } }

    static func octal(_ mode: UInt32) -> String {
        let text = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}

extension ScanContext {
    /// Every NodeHost in the input (one per node scanned).
    var nodeHosts: [KubeObject] { inventory.objects(ofKind: "NodeHost").filter { $0.apiVersion == NodeFacts.apiVersion } }

    /// NodeFiles of the given roles on the node named `node`.
    func nodeFiles(on node: String, roles: Set<String>) -> [KubeObject] {
        inventory.objects(ofKind: "NodeFile").filter {
            $0.apiVersion == NodeFacts.apiVersion && ($0.value["node"]?.string ?? "node") == node && roles.contains($0.value["role"]?.string ?? "")
        }
    }
}
