import ArgumentParser

public struct BulwarkCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bulwark",
        abstract: "Audit a Kubernetes cluster against the guide \"Securing a Cluster\".",
        subcommands: [])

    public init() {}
}
