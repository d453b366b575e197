import BulwarkModel

/// One running (or configured) component: what it is, the object it was read from, and its flags.
public struct ComponentInstance: Sendable {
    public var kind: ComponentKind
    /// The pod or workload holding it, or a stand-in naming the k3s config file.
    public var object: KubeObject
    public var flags: FlagSet
    /// The Kubernetes version from the image tag, when the image says.
    public var version: KubeVersion?
    /// Where an unset flag would be added: the container's `command` (or `args`) path.
    public var commandPath: FieldPath?
    /// How the component was found, for messages: `container "kube-apiserver" of Pod kube-system/kube-apiserver-cp1`.
    public var origin: String
    /// Set for k3s, whose defaults the flags start from (not the upstream ones).
    public var distribution: Distribution

    public enum Distribution: String, Sendable {
        case upstream, k3s
    }

    public init(kind: ComponentKind, object: KubeObject, flags: FlagSet, version: KubeVersion? = nil,
                commandPath: FieldPath? = nil, origin: String, distribution: Distribution = .upstream) {
        self.kind = kind; self.object = object; self.flags = flags; self.version = version
        self.commandPath = commandPath; self.origin = origin; self.distribution = distribution
    }
}
