import BulwarkModel

/// A typed view of `apiserver.config.k8s.io/v1 EncryptionConfiguration`. For each resource list
/// the first provider encrypts new writes; every provider is tried on reads.
public struct EncryptionConfiguration: Sendable {
    public var object: KubeObject
    public var blocks: [ResourceBlock]

    public struct ResourceBlock: Sendable {
        public var resources: [String]
        public var providers: [EncryptionProvider]
        /// `resources[i]`.
        public var path: FieldPath
    }

    public init(_ object: KubeObject) {
        self.object = object
        blocks = (object.value["resources"]?.array ?? []).enumerated().map { i, block in
            let path = FieldPath("resources").appending(index: i)
            let resources = (block["resources"]?.array ?? []).compactMap(\.string)
            let providers = (block["providers"]?.array ?? []).enumerated().compactMap { j, p in
                EncryptionProvider(p, path: path.appending("providers").appending(index: j))
            }
            return ResourceBlock(resources: resources, providers: providers, path: path)
        }
    }

    /// The block that governs Secrets: the first whose list names `secrets`, `*.` (every core
    /// resource) or `*.*` (everything). The API server rejects overlapping entries, but if several
    /// match, the first wins.
    public var secretsBlock: ResourceBlock? {
        blocks.first { $0.resources.contains { ["secrets", "*.", "*.*"].contains($0) } }
    }
}
