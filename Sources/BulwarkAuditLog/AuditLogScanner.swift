import BulwarkModel
import Foundation

/// One suspicious event (or one window of a burst).
public struct AuditDetection: Sendable {
    public var rule: String
    public var severity: Severity
    public var section: GuideSection
    public var auditID: String?
    public var stageTimestamp: String
    public var user: String
    public var sourceIPs: [String]
    public var verb: String
    public var objectRef: AuditEvent.ObjectRef
    public var responseCode: Int?
    public var message: String
    /// For bursts: how many events the window held.
    public var count: Int?
    public var file: String
    public var line: Int
}

public struct AuditInputError: Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var message: String
}

public struct AuditReport: Sendable {
    public var detections: [AuditDetection] = []
    public var errors: [AuditInputError] = []
    /// Distinct events judged (an auditID logged at several stages counts once).
    public var eventsRead = 0
    /// Lines that were stages of an event already counted.
    public var duplicateStages = 0
    /// Events outside --since/--until.
    public var outsideTimeRange = 0
    /// Detections an exception hid: rule → count.
    public var excepted: [String: Int] = [:]
    /// Exceptions that had expired (and so hid nothing), by their source.
    public var expiredExceptions: [String] = []
    /// Inputs from which at least one line was read.
    public var inputsRead = 0
    public var inputs = 0
}

/// Reads audit logs as a stream and judges every event against the selected rules.
public final class AuditLogScanner {
    public struct Options {
        public var rules: [AuditRule] = AuditRules.all
        public var since: Double?
        public var until: Double?
        public var exceptions: [ExceptionRule] = []
        public var now = Date()
        public var maximumLineBytes = LineReader.defaultMaximumLineBytes
        /// How many recent auditIDs are remembered for stage de-duplication (bounded memory).
        public var dedupeCapacity = 1 << 18
        public init() {}
    }

    private let options: Options
    private var report = AuditReport()
    private var seen = BoundedSet(capacity: 1 << 18)
    /// RequestReceived stages waiting for a later stage of the same auditID.
    private var pending = BoundedPending(capacity: 1 << 16)
    private var bursts: [Int: BurstCounter] = [:]
    private let rules: RuleSet
    private let activeExceptions: [ExceptionRule]

    public init(options: Options) {
        self.options = options
        seen = BoundedSet(capacity: max(1, options.dedupeCapacity))
        rules = RuleSet(options.rules)
        activeExceptions = options.exceptions.filter { !$0.isExpired(at: options.now) }
        report.expiredExceptions = options.exceptions.filter { $0.isExpired(at: options.now) }.map(\.source)
    }

    /// Reads one input to its end (or, following, until told to stop). The documents of each read
    /// are decoded and judged by the single-event rules on every core, then taken in input order:
    /// stages, bursts, detections and errors come out as if read one by one.
    public func read(_ source: ByteSource, name: String) {
        report.inputs += 1
        var assembler = DocumentAssembler()
        var anyLine = false
        let reader = LineReader(source: source, maximumLineBytes: options.maximumLineBytes)
        do {
            try reader.forEachBatch { items in
                anyLine = true
                // A few thousand lines at a time: a read of short lines would otherwise hold
                // hundreds of thousands of decoded events at once.
                for start in stride(from: 0, to: items.count, by: 4096) {
                    let lines = items[start..<min(items.count, start + 4096)]
                    forEachOutcome(of: steps(of: lines, assembler: &assembler, file: name), file: name) { take($0, file: name) }
                }
            }
            assembler.finish { line, message in report.errors.append(AuditInputError(file: name, line: line, message: message)) }
        } catch {
            report.errors.append(AuditInputError(file: name, line: nil, message: "\(error)"))
        }
        if anyLine { report.inputsRead += 1 }
    }

    /// The pieces of one read, in input order.
    private func steps(of items: ArraySlice<LineReader.Item>, assembler: inout DocumentAssembler, file: String) -> [Step] {
        let limit = options.maximumLineBytes
        var steps: [Step] = []
        for item in items {
            switch item {
            case .overlong(let number, let bytes):
                steps.append(.decoded(.error(line: number, message: "line is \(bytes) bytes, longer than the \(limit)-byte limit; skipped")))
            case .line(let bytes, let number):
                assembler.feed(bytes, line: number) { document, startLine in
                    switch document {
                    case .line(let line): steps.append(.document(line, line: startLine))
                    // The joined bytes are reused after this call: decoded now.
                    case .joined(let joined): steps.append(.decoded(Self.decode(joined, file: file, line: startLine, rules: rules)))
                    }
                } failure: { line, message in
                    steps.append(.decoded(.error(line: line, message: message)))
                }
            }
        }
        return steps
    }

    /// Decodes the documents among `steps` on every core, then hands `body` each outcome in
    /// order, moved rather than copied (an event holds a few dozen references to count).
    private func forEachOutcome(of steps: [Step], file: String, _ body: (Outcome) -> Void) {
        let rules = self.rules
        let outcomes = Slots(base: .allocate(capacity: steps.count))
        defer { outcomes.base.deallocate() }
        // A few runs per core, so that a core another process holds delays less.
        let runs = min(steps.count, 2 * ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            for i in (run * steps.count / runs)..<((run + 1) * steps.count / runs) {
                let outcome: Outcome
                switch steps[i] {
                case .document(let bytes, let line): outcome = Self.decode(bytes, file: file, line: line, rules: rules)
                case .decoded(let decoded): outcome = decoded
                }
                (outcomes.base + i).initialize(to: outcome)
            }
        }
        for i in 0..<steps.count { body((outcomes.base + i).move()) }
    }

    /// Where one read's outcomes are decoded to: each run of the parallel loop initialises only
    /// its own slots, and they are read after the loop has ended.
    private struct Slots: @unchecked Sendable {
        let base: UnsafeMutablePointer<Outcome>
    }

    /// One piece of one read, in input order: a line that is a document, still to decode (its
    /// bytes are the reader's, only read while the read is decoded), or what a piece came to.
    private enum Step: @unchecked Sendable {
        case document(UnsafeBufferPointer<UInt8>, line: Int)
        case decoded(Outcome)
    }

    /// What one document holds: its events with their verdicts, or why it holds none.
    private enum Outcome: Sendable {
        case event(Verdict)
        case events([Verdict])
        case error(line: Int, message: String)
    }

    /// An input that could not be opened.
    public func noteUnreadable(_ name: String, _ message: String) {
        report.inputs += 1
        report.errors.append(AuditInputError(file: name, line: nil, message: message))
    }

    public func finish() -> AuditReport {
        for (_, verdict) in pending.drain() { judge(verdict) }
        for (index, counter) in bursts.sorted(by: { $0.key < $1.key }) {
            guard let b = rules.bursts.first(where: { $0.index == index }) else { continue }
            for window in counter.flushAll() { emitBurst(b.rule, b.burst, window) }
        }
        bursts = [:]
        report.detections.sort { ($0.stageTimestamp, $0.file, $0.line, $0.rule) < ($1.stageTimestamp, $1.file, $1.line, $1.rule) }
        return report
    }

    /// Decodes and judges one document; pure, so the documents of a read are decoded in parallel.
    private static func decode(_ document: UnsafeBufferPointer<UInt8>, file: String, line: Int, rules: RuleSet) -> Outcome {
        if let event = NativeEventReader.event(document, file: file, line: line) { return .event(rules.verdict(on: event)) }
        let value: Value
        do { value = try JSONLine.parse(document) } catch {
            return .error(line: line, message: "not valid JSON: \(error.message) at byte \(error.offset + 1)")
        }
        guard let events = EventDecoder.events(from: value, file: file, line: line) else {
            return .error(line: line,
                message: "not an audit Event (expected kind Event with apiVersion audit.k8s.io/v1 or v1beta1, an EventList, or an EKS/AKS/GKE record)")
        }
        return .events(events.map(rules.verdict))
    }

    private func take(_ outcome: Outcome, file: String) {
        switch outcome {
        case .event(let verdict): accept(verdict)
        case .events(let verdicts): for verdict in verdicts { accept(verdict) }
        case .error(let line, let message): report.errors.append(AuditInputError(file: file, line: line, message: message))
        }
    }

    private func accept(_ verdict: Verdict) {
        if let id = verdict.event.auditID, !id.isEmpty {
            if verdict.event.stage == "RequestReceived" {
                // Judged only if no later stage (with the response) arrives.
                if seen.contains(id) || pending.contains(id) { report.duplicateStages += 1; return }
                if let evicted = pending.insert(id, verdict) { judge(evicted) }
                return
            }
            if pending.remove(id) != nil { report.duplicateStages += 1 }
            if !seen.insert(id) { report.duplicateStages += 1; return }
        }
        judge(verdict)
    }

    /// Takes the verdict on an event that counts: its detections, and its place in bursts.
    private func judge(_ verdict: Verdict) {
        let event = verdict.event
        if options.since != nil || options.until != nil {
            guard let t = event.time else { report.outsideTimeRange += 1; return }
            if let since = options.since, t < since { report.outsideTimeRange += 1; return }
            if let until = options.until, t > until { report.outsideTimeRange += 1; return }
        }
        report.eventsRead += 1
        for (single, message) in verdict.detections { emit(rules.singles[single].rule, event, message: message, count: nil) }
        for counted in verdict.burstKeys {
            let b = rules.bursts[counted.burst]
            let counter = bursts[b.index] ?? BurstCounter(window: b.burst.window, threshold: b.burst.threshold)
            let closed = counter.add(key: counted.key, time: event.time, distinct: counted.distinct, event: event)
            bursts[b.index] = counter
            for window in closed { emitBurst(b.rule, b.burst, window) }
        }
    }

    private func emitBurst(_ rule: AuditRule, _ burst: AuditRule.Burst, _ window: BurstCounter.Window) {
        emit(rule, window.first, message: burst.message(window.key, window.count), count: window.count)
    }

    private func emit(_ rule: AuditRule, _ e: AuditEvent, message: String, count: Int?) {
        let reference = ObjectReference(apiVersion: e.objectRef.apiGroup.isEmpty ? e.objectRef.apiVersion : "\(e.objectRef.apiGroup)/\(e.objectRef.apiVersion)",
                                        kind: ResourceKinds.kind(e.objectRef.resource), namespace: e.objectRef.namespace, name: e.objectRef.name)
        if activeExceptions.contains(where: { $0.matches(control: rule.id, object: reference) }) {
            report.excepted[rule.id, default: 0] += 1
            return
        }
        report.detections.append(AuditDetection(
            rule: rule.id, severity: rule.severity, section: rule.section, auditID: e.auditID,
            stageTimestamp: e.stageTimestamp.isEmpty ? e.requestReceivedTimestamp : e.stageTimestamp,
            user: e.username, sourceIPs: e.sourceIPs, verb: e.verb, objectRef: e.objectRef,
            responseCode: e.responseCode, message: message, count: count, file: e.file, line: e.line))
    }
}

/// Resource (plural) → kind, for exceptions written with `kind:` as in `scan`.
enum ResourceKinds {
    static let table: [String: String] = [
        "pods": "Pod", "secrets": "Secret", "configmaps": "ConfigMap", "services": "Service", "serviceaccounts": "ServiceAccount",
        "namespaces": "Namespace", "nodes": "Node", "deployments": "Deployment", "daemonsets": "DaemonSet",
        "statefulsets": "StatefulSet", "replicasets": "ReplicaSet", "jobs": "Job", "cronjobs": "CronJob",
        "roles": "Role", "clusterroles": "ClusterRole", "rolebindings": "RoleBinding", "clusterrolebindings": "ClusterRoleBinding",
        "ingresses": "Ingress", "certificatesigningrequests": "CertificateSigningRequest",
        "mutatingwebhookconfigurations": "MutatingWebhookConfiguration",
        "validatingwebhookconfigurations": "ValidatingWebhookConfiguration",
    ]
    static func kind(_ resource: String) -> String { table[resource] ?? resource }
}

/// A set that forgets its oldest members beyond `capacity` (stages of one request arrive close together).
struct BoundedSet {
    private var members: Set<String> = []
    private var order: [String] = []
    private var head = 0
    let capacity: Int
    init(capacity: Int) { self.capacity = capacity }
    func contains(_ s: String) -> Bool { members.contains(s) }
    /// Whether `s` was not a member yet.
    mutating func insert(_ s: String) -> Bool {
        guard members.insert(s).inserted else { return false }
        order.append(s)
        if members.count > capacity, head < order.count {
            members.remove(order[head]); head += 1
            if head > capacity { order.removeFirst(head); head = 0 }
        }
        return true
    }
}

/// RequestReceived stages held until a later stage of the same auditID arrives; the oldest are
/// judged as they are when the capacity is passed.
struct BoundedPending {
    private var events: [String: Verdict] = [:]
    private var order: [String] = []
    private var head = 0
    let capacity: Int
    init(capacity: Int) { self.capacity = capacity }
    // Most logs hold no RequestReceived stage: the empty case skips hashing the ID.
    func contains(_ id: String) -> Bool { !events.isEmpty && events[id] != nil }
    mutating func insert(_ id: String, _ e: Verdict) -> Verdict? {
        events[id] = e
        order.append(id)
        var evicted: Verdict?
        while events.count > capacity, head < order.count {
            let old = order[head]; head += 1
            if let ev = events.removeValue(forKey: old) { evicted = ev; break }
        }
        if head > capacity { order.removeFirst(head); head = 0 }
        return evicted
    }
    mutating func remove(_ id: String) -> Verdict? { events.isEmpty ? nil : events.removeValue(forKey: id) }
    mutating func drain() -> [(String, Verdict)] {
        let out = order[head...].compactMap { id in events.removeValue(forKey: id).map { (id, $0) } }
        order = []; head = 0
        return out
    }
}

/// Tumbling windows per key: a window opens at its first event and closes `window` seconds later;
/// a closed window at or above the threshold is reported once, with its count.
final class BurstCounter {
    struct Window {
        var key: String
        var start: Double?
        var count: Int
        var distinct: Set<String>
        var first: AuditEvent
    }
    let window: Double
    let threshold: Int
    private var open: [String: Window] = [:]
    /// Bounds memory with many keys (e.g. scanners from many addresses).
    private let maximumKeys = 100_000

    init(window: Double, threshold: Int) { self.window = window; self.threshold = threshold }

    func add(key: String, time: Double?, distinct: String?, event: AuditEvent) -> [Window] {
        var closed: [Window] = []
        if var w = open[key] {
            if let t = time, let start = w.start, t >= start + window || t < start - window {
                closed.append(w)
                w = Window(key: key, start: t, count: 0, distinct: [], first: event)
            }
            if w.start == nil { w.start = time }
            count(&w, distinct)
            open[key] = w
        } else {
            var w = Window(key: key, start: time, count: 0, distinct: [], first: event)
            count(&w, distinct)
            open[key] = w
            if open.count > maximumKeys, let t = time {
                for (k, old) in open where (old.start ?? t) + window <= t {
                    closed.append(old); open.removeValue(forKey: k)
                }
            }
        }
        return closed.filter { $0.count >= threshold }
    }

    private func count(_ w: inout Window, _ distinct: String?) {
        if let distinct {
            if w.distinct.count <= threshold * 4 { w.distinct.insert(distinct) }
            w.count = max(w.count, w.distinct.count)
        } else {
            w.count += 1
        }
    }

    func flushAll() -> [Window] {
        let out = open.values.filter { $0.count >= threshold }.sorted { ($0.start ?? 0, $0.key) < ($1.start ?? 0, $1.key) }
        open = [:]
        return out
    }
}

/// Lines → JSON documents: one per line (JSON lines), or one spread over many lines when a line
/// opens an object or array it does not close (a pretty-printed EventList), bounded in size.
struct DocumentAssembler {
    static let maximumDocumentBytes = 256 << 20
    private var buffer: [UInt8] = []
    private var startLine = 0
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// A whole document: a line on its own (its bytes are the line's), or lines joined in the
    /// assembler's buffer (valid only during the call that hands it over).
    enum Document {
        case line(UnsafeBufferPointer<UInt8>)
        case joined(UnsafeBufferPointer<UInt8>)
    }

    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, line number: Int,
                       document: (Document, Int) -> Void,
                       failure: (Int, String) -> Void) {
        if buffer.isEmpty {
            // Skip blank lines.
            var first = 0
            while first < line.count, line[first] == 0x20 || line[first] == 0x09 { first += 1 }
            guard first < line.count else { return }
            var last = line.count - 1
            while last > first, line[last] == 0x20 || line[last] == 0x09 { last -= 1 }
            // Only a line that is just `{` or `[` opens a multi-line document (pretty-printed JSON):
            // a truncated JSON line that happens to end in a brace must not swallow the lines after it.
            let opensMultiLine = first == last && (line[last] == UInt8(ascii: "{") || line[last] == UInt8(ascii: "["))
            if !opensMultiLine { document(.line(line), number); return }
            startLine = number; depth = 0; inString = false; escaped = false
        }
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        track(line)
        if depth <= 0 {
            buffer.withUnsafeBufferPointer { document(.joined($0), startLine) }
            buffer = []
        } else if buffer.count > Self.maximumDocumentBytes {
            failure(startLine, "a JSON document starting here is larger than \(Self.maximumDocumentBytes) bytes; skipped")
            buffer = []
        }
    }

    mutating func finish(failure: (Int, String) -> Void) {
        if !buffer.isEmpty {
            failure(startLine, "not valid JSON: the document starting here ends before it is closed (truncated file?)")
            buffer = []
        }
    }

    private mutating func track(_ line: UnsafeBufferPointer<UInt8>) {
        for b in line {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 { inString = true }
            else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
            else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") { depth -= 1 }
        }
    }
}
