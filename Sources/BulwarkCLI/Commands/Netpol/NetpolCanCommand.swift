import ArgumentParser
import Foundation
import BulwarkNetworkPolicy

/// `bulwark netpol can SRC DST PORT/PROTO PATH...`: one connection, with the rules responsible.
struct NetpolCanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can",
        abstract: "Answer whether SRC may open a connection to DST on PORT/PROTO, naming the policies and rules on each side.",
        discussion: """
        SRC and DST are NAMESPACE/KIND/NAME (e.g. shop/Deployment/api) or an IP address (IPv4 or IPv6); \
        at least one must be a workload. PORT is a number or a port name declared by DST's containers; \
        PROTO is TCP (default), UDP or SCTP.

        From manifest paths only the documents that can concern SRC's and DST's namespaces are \
        parsed (objects in them, their Namespace objects, and any document whose text is not plain \
        enough to tell); the answer is the same as from reading everything (--read-all), faster. \
        Input errors are then reported only for the documents parsed.

        Exit codes: 0 yes, 1 no, 2 usage error (unknown workload or port name, unreadable input).
        """)

    @Argument(help: "Source: NAMESPACE/KIND/NAME or an IP address.") var source: String
    @Argument(help: "Destination: NAMESPACE/KIND/NAME or an IP address.") var destination: String
    @Argument(help: "PORT/PROTO, e.g. 8080/TCP, 53/UDP or http/TCP.") var portProtocol: String

    @OptionGroup var input: InputOptions

    @Option(name: [.customShort("o"), .customLong("format")], help: "table or json.")
    var format: Format = .table

    @Flag(help: "Parse the whole input, not only what concerns SRC's and DST's namespaces (same answer, slower).")
    var readAll = false

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() async throws {
        let parts = portProtocol.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else {
            throw ValidationError("PORT/PROTO must look like 8080/TCP, 53/UDP or http/TCP, not '\(portProtocol)'.")
        }
        guard let proto = parts.count == 2 ? NetworkProtocol(caseInsensitive: parts[1]) : .tcp else {
            throw ValidationError("Protocol must be TCP, UDP or SCTP, not '\(parts[1])'.")
        }
        let namespaces = Set([source, destination].compactMap(Self.workloadNamespace))
        let analysis = readAll || namespaces.isEmpty
            ? try await NetpolInput.analysis(input, quiet: true)
            : try await NetpolInput.analysis(input, concerning: namespaces)
        let src = try endpoint(source, in: analysis)
        let dst = try endpoint(destination, in: analysis)
        if case .address = src, case .address = dst {
            throw ValidationError("At least one of SRC and DST must be a workload (NAMESPACE/KIND/NAME).")
        }
        let port: Int
        if let number = Int(parts[0]) {
            guard (1...65535).contains(number) else { throw ValidationError("Port \(number) is outside 1-65535.") }
            port = number
        } else {
            // A named port means the destination container's port of that name and protocol.
            guard case .workload(let d) = dst else {
                throw ValidationError("A named port needs a workload destination; an IP address has no port names.")
            }
            guard let number = analysis.workloads[d].namedPorts[NamedPort(name: parts[0], proto: proto)] else {
                throw ValidationError("\(analysis.workloads[d].endpoint) declares no \(proto.rawValue) port named '\(parts[0])'.")
            }
            port = number
        }
        let clock = ContinuousClock()
        let started = clock.now
        let decision = analysis.decide(from: src, to: dst, proto: proto, port: port)
        Diagnostics.timing("decide \(String(format: "%.1f", Double((clock.now - started).components.attoseconds) / 1e12)) µs")
        let srcName = name(src, analysis), dstName = name(dst, analysis)
        switch format {
        case .table:
            var lines = ["\(decision.allowed ? "yes" : "no"): \(srcName) -> \(dstName) on \(proto.rawValue) \(port)"]
            for side in [decision.egress, decision.ingress].compactMap({ $0 }) { lines.append("  " + Self.explain(side, proto: proto, port: port)) }
            NetpolInput.write(lines.joined(separator: "\n") + "\n")
        case .json:
            struct Side: Encodable {
                var direction, subject, reason: String
                var allowed: Bool
                var isolatingPolicies: [String]
                var allowingRules: [String]
            }
            struct Output: Encodable {
                var allowed: Bool
                var src, dst, `protocol`: String
                var port: Int
                var egress, ingress: Side?
            }
            func side(_ s: SideDecision?) -> Side? {
                s.map { Side(direction: $0.direction.rawValue, subject: $0.subject, reason: $0.reason.rawValue, allowed: $0.allowed,
                             isolatingPolicies: $0.isolatingPolicies, allowingRules: $0.allowingRules.map(\.description)) }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let output = Output(allowed: decision.allowed, src: srcName, dst: dstName, protocol: proto.rawValue, port: port,
                                egress: side(decision.egress), ingress: side(decision.ingress))
            NetpolInput.write(String(decoding: try encoder.encode(output), as: UTF8.self) + "\n")
        }
        if !decision.allowed { throw ExitCode(1) }
    }

    static func explain(_ side: SideDecision, proto: NetworkProtocol, port: Int) -> String {
        let what = "\(side.direction.field) of \(side.subject)"
        switch side.reason {
        case .notIsolated: return "\(what): allowed — no NetworkPolicy selects it for \(side.direction.rawValue)"
        case .hostNetwork: return "\(what): allowed — it runs on the host network, where NetworkPolicy does not apply"
        case .allowedByRule:
            return "\(what): allowed by \(side.allowingRules.map { "NetworkPolicy \($0)" }.joined(separator: ", "))"
        case .noRuleAllows:
            return "\(what): denied — isolated by \(side.isolatingPolicies.map { "NetworkPolicy \($0)" }.joined(separator: ", ")), and no \(side.direction.field) rule of them allows \(proto.rawValue) \(port) with this peer"
        }
    }

    /// The namespace of a `NAMESPACE/KIND/NAME` argument (nil for an IP address or a malformed one).
    static func workloadNamespace(_ text: String) -> String? {
        if IPAddress(text) != nil { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return String(parts[0])
    }

    func endpoint(_ text: String, in analysis: NetworkAnalysis) throws -> TrafficEndpoint {
        if let address = IPAddress(text) { return .address(address) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("'\(text)' is neither NAMESPACE/KIND/NAME nor an IP address.")
        }
        guard let i = analysis.workloadIndex(namespace: parts[0], kind: parts[1], name: parts[2]) else {
            throw ValidationError("No workload \(text) in the input.")
        }
        return .workload(i)
    }

    func name(_ e: TrafficEndpoint, _ analysis: NetworkAnalysis) -> String {
        switch e {
        case .workload(let i): return analysis.workloads[i].endpoint.description
        case .address(let a): return a.description
        }
    }
}
