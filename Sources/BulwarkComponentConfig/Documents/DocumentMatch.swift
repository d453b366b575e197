import BulwarkModel

/// A configuration document a flag refers to, and how it was found in the input.
public struct DocumentMatch: Sendable {
    public var object: KubeObject
    /// Which component and flag refer to it (nil: present in the input, referenced by none).
    public var referencedBy: String?
    /// `same path`, or `matched by file name: flag names /etc/…/x.yaml, input file ./x.yaml`.
    public var how: String

    /// For messages: ` (referenced by kube-apiserver --encryption-provider-config; matched by file name …)`.
    public var context: String {
        guard let referencedBy else { return " (not referenced by any component in the input; evaluated on its own)" }
        return " (used by \(referencedBy); \(how))"
    }
}
