import BulwarkModel

/// What a snapshot never keeps: Secret values (their key names and types stay, so controls can
/// still tell what a Secret is), the `last-applied-configuration` annotation (it repeats the
/// whole object, a Secret's values included), and `managedFields` (bulky, and no control reads it).
public enum SnapshotRedaction {
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

    public static func redact(_ object: Value) -> Value {
        guard case .mapping(var root) = object else { return object }
        if case .mapping(var metadata)? = root["metadata"] {
            metadata.entries.removeAll { $0.key == "managedFields" }
            if case .mapping(var annotations)? = metadata["annotations"] {
                annotations.entries.removeAll { $0.key == lastApplied }
                metadata.set("annotations", .mapping(annotations))
            }
            root.set("metadata", .mapping(metadata))
        }
        if root["kind"]?.string == "Secret" {
            for field in ["data", "stringData"] {
                guard case .mapping(var values)? = root[field] else {
                    root.entries.removeAll { $0.key == field }
                    continue
                }
                for i in values.entries.indices { values.entries[i].value = .null }
                root.set(field, .mapping(values))
            }
        }
        return .mapping(root)
    }
}
