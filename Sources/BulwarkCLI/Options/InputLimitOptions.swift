import ArgumentParser
import BulwarkInputs

/// `--max-input-bytes`: the most bytes read from any one input (a manifest file, standard input,
/// a snapshot or dump, and a snapshot's decompressed JSON). Checked while reading, so a stream
/// that never ends (`scan - < /dev/zero`) stops with an input error naming it.
struct InputLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-input-bytes"), help: ArgumentHelp(
        "The most bytes read from any one input file, standard input or snapshot (decompressed): a number with an optional suffix KiB, MiB, GiB, TiB (or K, M, G, T; KB, MB, GB, TB are powers of 1000). Larger inputs are input errors naming the input.",
        valueName: "size"))
    var maxInputBytes: String = "2GiB"

    var limit: Int { InputFile.byteCount(maxInputBytes) ?? InputFile.defaultLimit }

    func validate() throws {
        guard InputFile.byteCount(maxInputBytes) != nil else {
            throw ValidationError("--max-input-bytes must be a positive size such as 2GiB, 512MiB or 1000000, not '\(maxInputBytes)'.")
        }
    }
}
