/// One entry of a map flag (`--feature-gates=Name=true`, `--runtime-config=api/all=true`), with
/// the occurrence that set it.
public struct KeyValueSetting: Sendable, Equatable {
    public var key: String
    public var value: String
    public var flag: CommandLineFlag

    public init(key: String, value: String, flag: CommandLineFlag) {
        self.key = key; self.value = value; self.flag = flag
    }

    /// The value as a boolean; for `--runtime-config` an empty value means true.
    public var boolValue: Bool? { value.isEmpty ? true : FlagSet.parseBool(value) }
}
