import ArgumentParser
import BulwarkNetworkPolicy

/// `bulwark netpol reach PATH...`: every allowed connection.
struct NetpolReachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "List every allowed connection between workloads, and between workloads and external address ranges.",
        discussion: """
        A workload's connections to itself are not listed; external ranges with the same allowed \
        connections are merged. JSON: {"connections": [{"src": ENDPOINT, "dst": ENDPOINT, "conn": CONN}]} \
        with ENDPOINT {"kind", "namespace", "name"} or {"ipRanges": ["first-last", …]} and CONN \
        {"all": true} or {"TCP": ["80", "8000-8080"], "UDP": ["53"]}. Sorted by source then destination.
        Warnings (invalid policies, named ports that resolve nowhere, host-network pods) go to standard error.
        """)

    @OptionGroup var input: InputOptions

    @Option(name: [.customShort("o"), .customLong("format")], help: "table, json, dot or csv.")
    var format: Format = .table

    @Flag(help: "Do not print warnings.")
    var quiet = false

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, dot, csv }

    func run() async throws {
        let analysis = try await NetpolInput.analysis(input, quiet: quiet)
        let clock = ContinuousClock()
        let started = clock.now
        let reachability = Reachability(analysis)
        let computed = clock.now
        let result = ReachResult(analysis: analysis, reachability: reachability)
        let listed = clock.now
        ReachFormat(rawValue: format.rawValue)?.render(result, write: NetpolInput.write)
        Diagnostics.timing("reach \(Diagnostics.seconds(computed - started)) (\(analysis.classes.count) classes), list \(Diagnostics.seconds(listed - computed)) (\(result.count) connections), render \(Diagnostics.seconds(clock.now - listed))")
    }
}
