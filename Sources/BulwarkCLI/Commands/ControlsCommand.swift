import ArgumentParser

struct ControlsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "controls", abstract: "List every control.")
    func run() async throws {}
}
