import ArgumentParser

struct PSSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pss", abstract: "Pod Security Standards verdicts (not yet wired).")
    func run() async throws {}
}
