import ArgumentParser

/// Where the facts come from. Every command that reads a cluster's objects takes these the same way.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Manifest files or folders (searched recursively for .yaml, .yml, .json); '-' reads standard input.",
        valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty {
            throw ValidationError("Give at least one manifest file or folder, or '-' for standard input.")
        }
    }
}
