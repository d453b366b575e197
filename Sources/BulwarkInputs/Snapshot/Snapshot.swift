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

    /// A resource the collector could not read: listing was forbidden (or needs an opt-in not
    /// given), or, with `failed`, the list failed. The controls that read its kind are not assessed.
    public struct Forbidden: Sendable, Equatable {
        public var group: String
        public var resource: String
        /// The kind of its objects (`Secret`); looked up from the resource name when not recorded.
        public var kind: String
        public var namespace: String
        public var reason: String
        /// True when the list failed (an error, not a refusal).
        public var failed: Bool
        public init(group: String, resource: String, kind: String? = nil, namespace: String = "", reason: String, failed: Bool = false) {
            self.group = group; self.resource = resource; self.namespace = namespace; self.reason = reason; self.failed = failed
            self.kind = kind ?? ResourceKinds.kind(group: group, resource: resource) ?? ""
        }

        /// `roles.rbac.authorization.k8s.io`, as kubectl names it.
        public var qualifiedName: String { group.isEmpty ? resource : "\(resource).\(group)" }

        /// What the scan's controls are told.
        public var uncollected: UncollectedResource {
            UncollectedResource(kind: kind, resource: qualifiedName, namespace: namespace, forbidden: !failed, detail: reason)
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
