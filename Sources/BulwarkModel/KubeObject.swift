/// Where an object came from: file as given, 0-based document index (counting every document in
/// the file), and the 1-based line where the document starts.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String
    public var document: Int
    public var line: Int
    public init(file: String, document: Int, line: Int) {
        self.file = file; self.document = document; self.line = line
    }
}

/// One Kubernetes object of any kind and version, unstructured.
public struct KubeObject: Sendable, Equatable {
    public var value: Value
    public var source: SourceLocation?

    public init(_ value: Value, source: SourceLocation? = nil) {
        self.value = value
        self.source = source
    }

    public var apiVersion: String { value["apiVersion"]?.string ?? "" }
    public var kind: String { value["kind"]?.string ?? "" }
    public var metadata: Value? { value["metadata"] }
    public var name: String { metadata?["name"]?.string ?? metadata?["generateName"]?.string ?? "" }
    /// The namespace as written; empty for cluster-scoped objects or when absent.
    public var namespace: String { metadata?["namespace"]?.string ?? "" }
    public var labels: [String: String] { metadata?["labels"]?.stringMap ?? [:] }
    public var annotations: [String: String] { metadata?["annotations"]?.stringMap ?? [:] }

    /// API group of `apiVersion` ("" for the core group).
    public var group: String {
        let parts = apiVersion.split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? String(parts[0]) : ""
    }

    public var reference: ObjectReference {
        ObjectReference(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name,
                        file: source?.file, document: source?.document, line: source?.line)
    }
}

/// How a finding names an object (SPEC §4).
public struct ObjectReference: Sendable, Hashable, Codable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String
    public var name: String
    public var file: String?
    public var document: Int?
    public var line: Int?

    public init(apiVersion: String, kind: String, namespace: String, name: String,
                file: String? = nil, document: Int? = nil, line: Int? = nil) {
        self.apiVersion = apiVersion; self.kind = kind; self.namespace = namespace; self.name = name
        self.file = file; self.document = document; self.line = line
    }

    /// `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects.
    public var displayName: String {
        namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)"
    }
}
