import BulwarkModel

/// One kubelet setting as the kubelet resolves it, with where the value came from.
public struct KubeletSetting: Sendable {
    public var value: Value?
    public var source: Source

    public enum Source: Sendable {
        /// A flag, which overrides the config file.
        case flag(CommandLineFlag)
        /// A field of the KubeletConfiguration.
        case file(FieldPath)
        /// Not set: the default for a config file (KubeletConfiguration v1beta1 defaulting).
        case fileDefault
        /// Not set and no config file: the flag's legacy default.
        case flagDefault
        /// Not set: the distribution's own default argument (k3s).
        case distributionDefault(String)
    }

    public var string: String? {
        switch value {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .bool(let b)?: return b ? "true" : "false"
        default: return nil
        }
    }

    public var bool: Bool? {
        switch value {
        case .bool(let b)?: return b
        case .string(let s)?: return FlagSet.parseBool(s)
        default: return nil
        }
    }

    public var int: Int? {
        switch value {
        case .int(let i)?: return i
        case .string(let s)?: return Int(s)
        default: return nil
        }
    }

    /// How a finding says where the value came from.
    public var sourceDescription: String {
        switch source {
        case .flag(let f): return "flag --\(f.name) at \(f.location)"
        case .file(let p): return "config field \(p)"
        case .fileDefault: return "not set; the config-file default"
        case .flagDefault: return "not set; the command-line default (no config file)"
        case .distributionDefault(let d): return "not set; \(d)'s default"
        }
    }

    public var isExplicit: Bool {
        switch source {
        case .flag, .file: return true
        default: return false
        }
    }
}
