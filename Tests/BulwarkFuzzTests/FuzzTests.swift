import Foundation
import XCTest
import BulwarkModel
import BulwarkReports
@testable import BulwarkFuzzing

final class FuzzFixtureTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    static var bulwark: String? {
        ["debug", "release"].map { packageRoot.appendingPathComponent(".build/\($0)/bulwark").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func scratch() -> String {
        let dir = NSTemporaryDirectory() + "bulwark-fuzz-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Every minimised failure the fuzzer kept stays fixed: the engines and renderers in-process
    /// (a trap would kill this test), and every command of the matrix on the real binary.
    func testEveryFuzzFixtureReplaysCleanly() throws {
        let dirs = ((try? FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        let scratch = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for name in dirs {
            let mutant = try Mutant.read(directory: Self.fixtures.appendingPathComponent(name).path)
            XCTAssertNoThrow(try InProcessChecks.run(mutant, scratch: scratch), name)
            if let bulwark = Self.bulwark {
                let failures = try CLIMatrix(bulwark: bulwark).run(mutant, in: scratch + "/cli")
                XCTAssertEqual(failures.map(\.description), [], name)
            }
        }
    }
}

final class FuzzMachineryTests: XCTestCase {
    static let corpus = Corpus.load(projectDirectories: [FuzzFixtureTests.packageRoot.appendingPathComponent("examples/insecure").path,
                                                         FuzzFixtureTests.packageRoot.appendingPathComponent("examples/netpol").path],
                                    nodeTree: FuzzFixtureTests.packageRoot.appendingPathComponent("examples/node").path)

    /// A seed names a run: mutant i is the same whenever it is made, and mutants differ from their unit.
    func testMutantsAreDeterministicAndMutated() throws {
        let mutator = Mutator(corpus: Self.corpus)
        XCTAssertFalse(Self.corpus.units.isEmpty)
        XCTAssertFalse(Self.corpus.nodeTree.isEmpty)
        var changed = 0
        for i in UInt64(0)..<40 {
            let a = mutator.mutant(seed: 7, index: i), b = mutator.mutant(seed: 7, index: i)
            XCTAssertEqual(a, b)
            if a != mutator.mutant(seed: 8, index: i) { changed += 1 }
        }
        XCTAssertGreaterThan(changed, 30)
        XCTAssertNotNil(mutator.mutant(seed: 7, index: 3).node, "every 8th mutant (offset 3) is a node tree")
        XCTAssertNotNil(mutator.mutant(seed: 7, index: 7).snapshot, "every 8th mutant (offset 7) is a snapshot")
        let audit = try XCTUnwrap(mutator.mutant(seed: 7, index: 5).audit, "every 8th mutant (offset 5) is an audit log")
        XCTAssertFalse(audit.isEmpty)
    }

    /// The command matrix covers every report format and every command that reads a file:
    /// a format or command added later fails this until the fuzzer runs it.
    func testMatrixCoversEveryFormatAndCommand() throws {
        let mutator = Mutator(corpus: Self.corpus)
        var commands: [CLIMatrix.Command] = []
        for i in UInt64(0)..<8 { commands += CLIMatrix.commands(for: mutator.mutant(seed: 9, index: i), in: "/m") }
        let scanFormats = Set(commands.filter { $0.arguments.first == "scan" }.compactMap { c in
            c.arguments.firstIndex(of: "-o").map { c.arguments[$0 + 1] }
        })
        XCTAssertEqual(scanFormats, Set(ReportFormat.allCases.map(\.rawValue)))
        let verbs = Set(commands.map { $0.arguments.prefix(2).joined(separator: " ") })
        for expected in ["scan /m/manifests", "scan --snapshot", "pss /m/manifests", "netpol reach", "netpol can", "rbac who-can", "rbac paths",
                         "snapshot --from-dump", "node --root", "diff /m/snapshot-report.json", "audit-log /m/audit.log", "audit-log -"] {
            XCTAssertTrue(verbs.contains(expected), "no \(expected) in \(verbs.sorted())")
        }
        XCTAssertTrue(commands.contains { $0.arguments.contains("--baseline") })
        // A report diff reads is kept by the command before it.
        let diff = try XCTUnwrap(commands.firstIndex { $0.arguments.first == "diff" })
        XCTAssertTrue(commands[..<diff].contains { $0.keepStdoutAs == "/m/snapshot-report.json" })
        XCTAssertEqual(commands.first { $0.arguments.prefix(2) == ["audit-log", "-"] }?.stdin, "/m/audit.log")
    }

    /// The current-mutant file the driver reads after a trap holds the whole mutant.
    func testBundleRoundTrip() throws {
        let mutator = Mutator(corpus: Self.corpus)
        for i in UInt64(0)..<16 {
            let m = mutator.mutant(seed: 3, index: i)
            let back = try XCTUnwrap(Mutant.unbundle(m.bundle()))
            XCTAssertEqual(back.origin, m.origin)
            XCTAssertEqual(back.files.map(\.bytes), m.files.map(\.bytes))
            XCTAssertEqual(back.node, m.node)
            XCTAssertEqual(back.snapshot.map(FuzzJSON.text), m.snapshot.map(FuzzJSON.text))
            XCTAssertEqual(back.audit, m.audit)
            XCTAssertEqual(back.bundle(), m.bundle())
        }
    }

    /// The run limits are enforced: a signal, a wall-clock overrun and the exit code are reported.
    func testChildProcessReportsSignalTimeoutAndExitCode() {
        let scratch = FuzzFixtureTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let runner = ChildProcess(timeout: 1)
        let signalled = runner.run("/bin/sh", ["-c", "kill -SEGV $$"], stdoutPath: scratch + "/o", stderrPath: scratch + "/e")
        XCTAssertEqual(signalled.signal, SIGSEGV)
        let slow = runner.run("/bin/sh", ["-c", "sleep 30"], stdoutPath: scratch + "/o", stderrPath: scratch + "/e")
        XCTAssertTrue(slow.timedOut)
        XCTAssertLessThan(slow.seconds, 10)
        let exited = runner.run("/bin/sh", ["-c", "echo hi; exit 7"], stdoutPath: scratch + "/o", stderrPath: scratch + "/e")
        XCTAssertEqual(exited.exitCode, 7)
        XCTAssertEqual(String(decoding: exited.stdout, as: UTF8.self), "hi\n")
    }

    /// The matrix judge fails a run whose `-o json` output is not JSON, and an exit code over 2.
    func testMatrixJudgesJSONAndExitCodes() {
        let scratch = FuzzFixtureTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let matrix = CLIMatrix(bulwark: "/bin/sh")
        let notJSON = matrix.check(.init(arguments: ["-c", "echo oops; exit 2"], expectsJSON: true, writesJSONFile: nil), in: scratch)
        XCTAssertNotNil(notJSON)
        let json = matrix.check(.init(arguments: ["-c", "echo '{\"errors\":[]}'; exit 2"], expectsJSON: true, writesJSONFile: nil), in: scratch)
        XCTAssertNil(json)
        let badExit = matrix.check(.init(arguments: ["-c", "exit 3"], expectsJSON: false, writesJSONFile: nil), in: scratch)
        XCTAssertNotNil(badExit)
    }

    /// A typo never starts a run with defaults: unknown options and values that do not parse are
    /// refused (exit 2), `--help` prints the usage (exit 0).
    func testRunRefusesUnknownOptionsAndBadNumbers() {
        XCTAssertNil(FuzzDriver.parse(["--sed", "7"]))
        XCTAssertNil(FuzzDriver.parse(["--count", "many"]))
        XCTAssertNil(FuzzDriver.parse(["--mode", "all"]))
        XCTAssertNil(FuzzDriver.parse(["--seed"]))
        let options = FuzzDriver.parse(["--seed", "7", "--count", "10", "--mode", "cli"])
        XCTAssertEqual(options?.seed, 7)
        XCTAssertEqual(options?.count, 10)
        XCTAssertEqual(FuzzDriver.main(["run", "--bogus"]), 2)
        XCTAssertEqual(FuzzDriver.main(["run", "--help"]), 0)
    }

    /// Minimisation keeps only what the failure needs.
    func testMinimiserDropsWhatTheFailureDoesNotNeed() {
        let bad: Value = ["kind": "Role", "rules": [["resources": [""], "verbs": ["get"]]], "metadata": ["name": "x", "labels": ["a": "b"]]]
        let other: Value = ["kind": "ConfigMap", "metadata": ["name": "y"]]
        let m = Mutant(origin: "test", files: [.init(name: "a.yaml", documents: [other, bad, other]), .init(name: "b.yaml", documents: [other])])
        func hasEmptyResource(_ v: Value) -> Bool {
            switch v {
            case .mapping(let m): return m.entries.contains { ($0.key == "resources" && $0.value == [""]) || hasEmptyResource($0.value) }
            case .array(let a): return a.contains(where: hasEmptyResource)
            default: return false
            }
        }
        var minimiser = Minimiser { $0.files.flatMap(\.documents).contains(where: hasEmptyResource) }
        let small = minimiser.minimise(m)
        XCTAssertEqual(small.files.count, 1)
        XCTAssertEqual(small.files[0].documents, [["rules": [["resources": [""]]]]])

        // Node files: other files dropped, the bytes cut down around what fails.
        let cmdline = Array(String(repeating: "a", count: 1000).utf8) + Array("   ".utf8) + Array(String(repeating: "b", count: 1000).utf8)
        let tree = Mutant(origin: "test", files: [], node: [.init(path: "proc/1/cmdline", bytes: cmdline), .init(path: "etc/hostname", bytes: Array("n".utf8))])
        var nodeMinimiser = Minimiser { m in m.node?.contains { String(decoding: $0.bytes, as: UTF8.self).contains("   ") } ?? false }
        let smallTree = nodeMinimiser.minimise(tree)
        XCTAssertEqual(smallTree.node?.map(\.path), ["proc/1/cmdline"])
        XCTAssertLessThan(smallTree.node?.first?.bytes.count ?? .max, 100)
    }
}
