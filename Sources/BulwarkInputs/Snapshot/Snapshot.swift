import Foundation
import BulwarkModel

/// What a scan collected from a cluster, kept so that it can be scanned later, offline, on
/// another machine (`bulwark snapshot`, then `bulwark scan --snapshot FILE`). Its JSON form is
/// versioned (`schemaVersion`) and documented in the README. Secret values are never in it.
public struct Snapshot: Sendable {
    public static let currentSchemaVersion = "bulwark.io/snapshot/v1"

    /// Where the facts came from: `dump` (kubectl output files) or `live` (a cluster's API).
    public struct Source: Sendable, Equatable {
        public var kind: String
        /// The files of a dump, or the context and server of a live cluster.
        public var description: String
        public init(kind: String, description: String) { self.kind = kind; self.description = description }
    }

    /// A resource the collector was not allowed to read; its controls are not assessed.
    public struct Forbidden: Sendable, Equatable {
        public var group: String
        public var resource: String
        public var namespace: String
        public var reason: String
        public init(group: String, resource: String, namespace: String = "", reason: String) {
            self.group = group; self.resource = resource; self.namespace = namespace; self.reason = reason
        }
    }

    public var createdAt: String
    public var source: Source
    /// The API server's `gitVersion` (e.g. `v1.31.4`), when known.
    public var serverVersion: String?
    /// The discovery documents as the API served them (`/api`, `/apis/...`), when collected.
    public var discovery: Value
    public var forbidden: [Forbidden]
    /// Each node's kubelet configuration from `nodes/NAME/proxy/configz`, by node name.
    public var kubeletConfigz: [(node: String, config: Value)]
    /// The objects, redacted (see `SnapshotRedaction`).
    public var objects: [Value]

    public init(createdAt: Date, source: Source, serverVersion: String? = nil, discovery: Value = .null,
                forbidden: [Forbidden] = [], kubeletConfigz: [(node: String, config: Value)] = [], objects: [Value]) {
        self.createdAt = RFC3339.format(createdAt)
        self.source = source
        self.serverVersion = serverVersion
        self.discovery = discovery
        self.forbidden = forbidden
        self.kubeletConfigz = kubeletConfigz
        self.objects = objects.map(SnapshotRedaction.redact)
    }
}
