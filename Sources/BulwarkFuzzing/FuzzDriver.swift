import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `bulwark-fuzz`: the driver (`run`), its in-process worker (`worker`) and `replay` of saved inputs.
///
/// In-process mutants run in a worker child process. Before each mutant the worker writes it to
/// `current.bundle`; when the worker dies (a trap), stalls for 60 s or grows over 2 GiB, the driver
/// takes that file as the failing input, minimises it, saves it as a fixture and starts a new
/// worker at the next index. Mutant i of seed S is the same in every run, so a failure is named by
/// (S, i) and reproduced with `bulwark-fuzz run --seed S --start i --count 1`.
public enum FuzzDriver {
    public struct Options {
        var mode = "both"
        var seed: UInt64 = 1
        var minutes: Double?
        var count: Int?
        var cliCount: Int?
        var cliShare = 0.3
        var start: UInt64 = 0
        var bulwark = ".build/debug/bulwark"
        var corpus = "../shared/corpus"
        var examples = "examples"
        var work = ".build/fuzz"
        var fixtures: String?
        var minimiseBudget = 300
    }

    public static func main(_ arguments: [String]) -> Int32 {
        guard let verb = arguments.first else { usage(); return 2 }
        let rest = Array(arguments.dropFirst())
        switch verb {
        case "run":
            if rest.contains("--help") || rest.contains("-h") { usage(); return 0 }
            guard let options = parse(rest) else { usage(); return 2 }
            return run(options)
        case "--help", "-h", "help": usage(); return 0
        case "worker": return worker(rest)
        case "replay": return replay(rest)
        default: usage(); return 2
        }
    }

    static func usage() {
        note("""
        usage: bulwark-fuzz run [--mode inproc|cli|both] [--minutes M | --count N [--cli-count K]] [--seed S] [--start I]
                                [--cli-share P] [--bulwark PATH] [--corpus DIR] [--examples DIR] [--work DIR] [--fixtures DIR]
               bulwark-fuzz replay [--bulwark PATH] [--inproc-only] FIXTURE_DIR|BUNDLE...
        """)
    }

    /// Writes `bytes` to `path`; false, with the path named on standard error, when it cannot.
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        if FileManager.default.createFile(atPath: path, contents: Data(bytes)) { return true }
        note("bulwark-fuzz: cannot write \(path)")
        return false
    }

    static func note(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
    static func say(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }

    /// The options of `run`; nil (with the reason on standard error) for an unknown option or a
    /// value that does not parse, so a typo never starts a run with defaults.
    static func parse(_ args: [String]) -> Options? {
        var o = Options()
        var i = 0
        var bad: String?
        func value() -> String {
            i += 1
            if i < args.count { return args[i] }
            bad = bad ?? "\(args[i - 1]) needs a value"
            return ""
        }
        func number<T: LosslessStringConvertible>(_ flag: String, _ text: String) -> T? {
            guard let n = T(text) else { bad = bad ?? "\(flag): not a number: '\(text)'"; return nil }
            return n
        }
        while i < args.count {
            let flag = args[i]
            switch flag {
            case "--mode":
                o.mode = value()
                if !["inproc", "cli", "both"].contains(o.mode) { bad = bad ?? "--mode: inproc, cli or both, not '\(o.mode)'" }
            case "--seed": o.seed = number(flag, value()) ?? 1
            case "--minutes": o.minutes = number(flag, value())
            case "--count": o.count = number(flag, value())
            case "--cli-count": o.cliCount = number(flag, value())
            case "--cli-share": o.cliShare = min(1, max(0, number(flag, value()) ?? 0.3))
            case "--start": o.start = number(flag, value()) ?? 0
            case "--bulwark": o.bulwark = value()
            case "--corpus": o.corpus = value()
            case "--examples": o.examples = value()
            case "--work": o.work = value()
            case "--fixtures": o.fixtures = value()
            case "--minimise-budget": o.minimiseBudget = number(flag, value()) ?? 300
            default: bad = bad ?? "unknown option \(flag)"
            }
            i += 1
        }
        if let bad { note("bulwark-fuzz: \(bad)"); return nil }
        return o
    }

    static var selfPath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    // MARK: run

    struct Tally {
        var mutants = 0
        var commands = 0
        var failures: [String] = []
        var seconds = 0.0
    }

    static func run(_ o: Options) -> Int32 {
        try? FileManager.default.createDirectory(atPath: o.work, withIntermediateDirectories: true)
        let fixtures = o.fixtures ?? o.work + "/failures"
        say("bulwark-fuzz: seed \(o.seed), start \(o.start), mode \(o.mode)"
            + (o.minutes.map { ", \($0) minutes" } ?? "") + (o.count.map { ", \($0) mutants" } ?? "") + ", failures saved under \(fixtures)")
        var inproc = Tally(), cli = Tally()
        let total = (o.minutes ?? 0) * 60
        let cliSeconds = o.mode == "cli" ? total : o.mode == "inproc" ? 0 : total * o.cliShare
        if o.mode != "cli" {
            inproc = runInProcess(o, seconds: total - cliSeconds, fixtures: fixtures)
        }
        if o.mode != "inproc" {
            cli = runCLI(o, seconds: cliSeconds, fixtures: fixtures)
        }
        say("bulwark-fuzz: seed \(o.seed)")
        if o.mode != "cli" {
            say(String(format: "in-process mutants: %d in %.0f s (%.1f/s), failures: %d", inproc.mutants, inproc.seconds,
                       Double(inproc.mutants) / max(inproc.seconds, 0.001), inproc.failures.count))
        }
        if o.mode != "inproc" {
            say(String(format: "CLI mutants: %d (%d commands) in %.0f s, failures: %d", cli.mutants, cli.commands, cli.seconds, cli.failures.count))
        }
        for f in inproc.failures + cli.failures { say("FAILURE: \(f)") }
        return inproc.failures.isEmpty && cli.failures.isEmpty ? 0 : 1
    }

    static func runInProcess(_ o: Options, seconds: Double, fixtures: String) -> Tally {
        var tally = Tally()
        let state = o.work + "/inproc"
        try? FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        let end: UInt64? = o.count.map { o.start + UInt64($0) }
        var next = o.start
        while (end.map { next < $0 } ?? true) && (o.count != nil || Date() < deadline) {
            let current = state + "/current.bundle"
            let progress = state + "/progress"
            try? FileManager.default.removeItem(atPath: current)
            try? FileManager.default.removeItem(atPath: progress)
            try? FileManager.default.removeItem(atPath: state + "/checks.log")
            var args = ["worker", "--seed", String(o.seed), "--from", String(next), "--state", state,
                        "--corpus", o.corpus, "--examples", o.examples]
            if let end { args += ["--to", String(end)] } else { args += ["--deadline", String(deadline.timeIntervalSince1970)] }
            let runner = ChildProcess(timeout: .infinity, memoryLimitBytes: 2 << 30)
            var lastReport = Date()
            let r = runner.run(selfPath, args, stdoutPath: state + "/worker.out", stderrPath: state + "/worker.err", stalled: {
                // Progress on long runs, once a minute, from the count the worker writes.
                if Date().timeIntervalSince(lastReport) >= 60 {
                    lastReport = Date()
                    if let text = try? String(contentsOfFile: progress, encoding: .utf8),
                       let done = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)), done >= o.start {
                        let elapsed = Date().timeIntervalSince(started)
                        // The worker's check failures are saved when it ends; counted here as they come.
                        let checked = (try? String(contentsOfFile: state + "/checks.log", encoding: .utf8))?.split(separator: "\n").count ?? 0
                        note(String(format: "bulwark-fuzz: %llu in-process mutants in %.0f s (%.1f/s), %d failures",
                                    done - o.start, elapsed, Double(done - o.start) / max(elapsed, 0.001), tally.failures.count + checked))
                    }
                }
                // One mutant for more than 60 s: a hang.
                guard let attrs = try? FileManager.default.attributesOfItem(atPath: current),
                      let modified = attrs[.modificationDate] as? Date else { return false }
                return Date().timeIntervalSince(modified) > 60
            })
            // Check failures (no trap) the worker recorded and went on from.
            if let log = try? String(contentsOfFile: state + "/checks.log", encoding: .utf8) {
                for line in log.split(separator: "\n") {
                    let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
                    guard parts.count == 3, let bytes = FileManager.default.contents(atPath: parts[1]),
                          let m = Mutant.unbundle(Array(bytes)) else { continue }
                    let name = save(m, kind: "inproc", what: parts[2], o: o, fixtures: fixtures, index: parts[0]) { candidate in
                        replayFails(candidate, state: state, matching: String(parts[2].prefix(while: { $0 != ":" })))
                    }
                    tally.failures.append("in-process mutant \(parts[0]): \(parts[2]) → \(name)")
                }
            }
            let done = (try? String(contentsOfFile: progress, encoding: .utf8)).flatMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if r.exitCode == 0, r.signal == nil, !r.timedOut, !r.overMemory {
                next = done ?? next
                break
            }
            // The worker died: the mutant it was on is the failure.
            let what = r.timedOut ? "hang (no progress for 60 s)" : r.overMemory ? "over 2 GiB resident"
                : r.signal.map { "killed by signal \($0)" } ?? "worker exit \(r.exitCode ?? -1): \(String(decoding: r.stderr.suffix(400), as: UTF8.self))"
            guard let bytes = FileManager.default.contents(atPath: current), let m = Mutant.unbundle(Array(bytes)),
                  let index = index(of: m) else {
                tally.failures.append("worker failed before its first mutant: \(what)")
                break
            }
            let name = save(m, kind: "inproc", what: what, o: o, fixtures: fixtures, index: String(index)) { candidate in
                replayFails(candidate, state: state, matching: nil)
            }
            tally.failures.append("in-process mutant \(index): \(what) → \(name)")
            next = index + 1
        }
        tally.mutants = Int(next - o.start)
        tally.seconds = Date().timeIntervalSince(started)
        return tally
    }

    static func index(of m: Mutant) -> UInt64? {
        guard let range = m.origin.range(of: " index ") else { return nil }
        return UInt64(m.origin[range.upperBound...].prefix(while: { $0.isNumber }))
    }

    /// Whether `candidate` still fails in a fresh replay process (a trap, a hang, memory, or with
    /// `matching`, a check failure naming the same check).
    static func replayFails(_ candidate: Mutant, state: String, matching check: String?) -> Bool {
        let path = state + "/candidate.bundle"
        guard write(candidate.bundle(), to: path) else { return false }
        let r = ChildProcess(timeout: 60).run(selfPath, ["replay", "--inproc-only", "--scratch", state + "/replay", path],
                                              stdoutPath: state + "/replay.out", stderrPath: state + "/replay.err")
        if let check { return r.exitCode == 3 && String(decoding: r.stdout, as: UTF8.self).contains(check) }
        return r.signal != nil || r.timedOut || r.overMemory
    }

    /// Minimises and saves a failing mutant; returns where.
    static func save(_ m: Mutant, kind: String, what: String, o: Options, fixtures: String, index: String,
                     stillFails: @escaping (Mutant) -> Bool) -> String {
        var minimiser = Minimiser(budget: o.minimiseBudget, stillFails: stillFails)
        let small = minimiser.minimise(m)
        let dir = fixtures + "/\(kind)-s\(o.seed)-i\(index)"
        do {
            try small.write(to: dir)
            try Data("\(what)\n\(m.origin)\nminimised from \(m.documentCount) to \(small.documentCount) documents\n".utf8)
                .write(to: URL(fileURLWithPath: dir + "/failure.txt"))
        } catch { note("bulwark-fuzz: cannot save \(dir): \(error)") }
        return dir
    }

    static func runCLI(_ o: Options, seconds: Double, fixtures: String) -> Tally {
        var tally = Tally()
        guard FileManager.default.isExecutableFile(atPath: o.bulwark) else {
            tally.failures.append("no bulwark binary at \(o.bulwark)")
            return tally
        }
        let corpus = loadCorpus(o.corpus, o.examples)
        let mutator = Mutator(corpus: corpus)
        let matrix = CLIMatrix(bulwark: o.bulwark)
        let dir = o.work + "/cli/mutant"
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        // CLI mutants are drawn from their own index range, so they differ from the in-process ones.
        var index = o.start + (1 << 32)
        let end: UInt64? = (o.cliCount ?? o.count).map { index + UInt64($0) }
        while end.map({ index < $0 }) ?? (Date() < deadline) {
            let m = mutator.mutant(seed: o.seed, index: index)
            let commands = CLIMatrix.commands(for: m, in: dir)
            do {
                for failure in try matrix.run(m, in: dir) {
                    let key = commandKey(failure.command, dir: dir)
                    let minDir = o.work + "/cli/min"
                    let name = save(m, kind: "cli", what: failure.description, o: o, fixtures: fixtures, index: String(index)) { candidate in
                        guard (try? candidate.write(to: minDir)) != nil else { return false }
                        // The commands before it run first: a later one reads what they wrote.
                        for command in CLIMatrix.commands(for: candidate, in: minDir) {
                            let failure = matrix.check(command, in: minDir)
                            if commandKey(command.arguments, dir: minDir) == key { return failure != nil }
                        }
                        return false
                    }
                    tally.failures.append("CLI mutant \(index): \(failure) → \(name)")
                }
            } catch {
                tally.failures.append("CLI mutant \(index): cannot write it: \(error)")
            }
            tally.commands += commands.count
            tally.mutants += 1
            index += 1
            if tally.mutants % 50 == 0 { note("bulwark-fuzz: \(tally.mutants) CLI mutants, \(tally.failures.count) failures") }
        }
        tally.seconds = Date().timeIntervalSince(started)
        return tally
    }

    static func commandKey(_ args: [String], dir: String) -> String {
        args.filter { !$0.hasPrefix(dir) }.joined(separator: " ")
    }

    static func loadCorpus(_ corpus: String, _ examples: String) -> Corpus {
        Corpus.load(projectDirectories: Corpus.defaultProjects(corpus: corpus, examples: examples), nodeTree: examples + "/node")
    }

    // MARK: worker

    static func worker(_ args: [String]) -> Int32 {
        var seed: UInt64 = 1, from: UInt64 = 0, to: UInt64 = .max, deadline = Double.infinity
        var state = ".build/fuzz/inproc", corpus = "../shared/corpus", examples = "examples"
        var i = 0
        func value() -> String { i += 1; return i < args.count ? args[i] : "" }
        while i < args.count {
            switch args[i] {
            case "--seed": seed = UInt64(value()) ?? 1
            case "--from": from = UInt64(value()) ?? 0
            case "--to": to = UInt64(value()) ?? .max
            case "--deadline": deadline = Double(value()) ?? .infinity
            case "--state": state = value()
            case "--corpus": corpus = value()
            case "--examples": examples = value()
            default: break
            }
            i += 1
        }
        let loadStart = Date()
        let mutator = Mutator(corpus: loadCorpus(corpus, examples))
        let profile = ProcessInfo.processInfo.environment["BULWARK_FUZZ_PROFILE"] != nil
        if profile { note(String(format: "corpus: %d units in %.1f s", mutator.corpus.units.count, Date().timeIntervalSince(loadStart))) }
        guard !mutator.corpus.units.isEmpty else { note("bulwark-fuzz: the corpus is empty"); return 4 }
        let scratch = state + "/scratch"
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let current = state + "/current.bundle"
        var index = from
        while index < to, Date().timeIntervalSince1970 < deadline {
            let m = mutator.mutant(seed: seed, index: index)
            // Without it a trap could not be told apart from the mutant before: stop, loudly.
            guard write(m.bundle(), to: current) else { return 4 }
            do { try InProcessChecks.run(m, scratch: scratch) } catch {
                let saved = state + "/check-\(index).bundle"
                _ = write(m.bundle(), to: saved)
                let line = "\(index)\t\(saved)\t\(error.description.replacingOccurrences(of: "\n", with: " "))\n"
                if let h = FileHandle(forWritingAtPath: state + "/checks.log") { h.seekToEndOfFile(); h.write(Data(line.utf8)); h.closeFile() }
                else { _ = write(Array(line.utf8), to: state + "/checks.log") }
            }
            index += 1
            if index % 64 == 0 { _ = write(Array(String(index).utf8), to: state + "/progress") }
        }
        _ = write(Array(String(index).utf8), to: state + "/progress")
        if profile {
            for (phase, seconds) in InProcessChecks.phaseSeconds.sorted(by: { $0.value > $1.value }) { note(String(format: "%@: %.1f s", phase, seconds)) }
        }
        return 0
    }

    // MARK: replay

    /// Replays fixture folders or bundles through the in-process checks (and the CLI matrix with
    /// --bulwark). Exit 3 and the failure on standard output when a check fails.
    static func replay(_ args: [String]) -> Int32 {
        var bulwark: String?
        var inprocOnly = false
        var scratch = NSTemporaryDirectory() + "/bulwark-fuzz-replay-\(getpid())"
        var paths: [String] = []
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--bulwark": i += 1; bulwark = i < args.count ? args[i] : nil
            case "--inproc-only": inprocOnly = true
            case "--scratch": i += 1; if i < args.count { scratch = args[i] }
            default: paths.append(args[i])
            }
            i += 1
        }
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var failed = false
        for path in paths {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            let mutant: Mutant?
            if !exists { mutant = nil } else if isDir.boolValue { mutant = try? Mutant.read(directory: path) }
            else { mutant = FileManager.default.contents(atPath: path).flatMap { Mutant.unbundle(Array($0)) } }
            guard let mutant else { say("\(path): cannot read"); failed = true; continue }
            do { try InProcessChecks.run(mutant, scratch: scratch) } catch {
                say("\(path): \(error)")
                failed = true
            }
            if !inprocOnly, let bulwark {
                do {
                    for f in try CLIMatrix(bulwark: bulwark).run(mutant, in: scratch + "/cli") { say("\(path): \(f)"); failed = true }
                } catch { say("\(path): \(error)"); failed = true }
            }
        }
        return failed ? 3 : 0
    }
}
