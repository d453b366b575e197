import BulwarkModel

/// Reads a native audit Event (one JSON object, as the API server's log backend writes it) straight
/// from its bytes: the fields `EventDecoder.native` takes are read and every other value is passed
/// over, checked but not built (responseObject, annotations other than the decision, …). Anything
/// else is left to the general path, `JSONLine.parse` then `EventDecoder.events`: EventLists, the
/// managed forms, a document that is not valid JSON (whose error that path reports) and one
/// `native` refuses. Of keys written twice the first entry counts, as `Mapping`'s subscript reads.
enum NativeEventReader {
    typealias Failure = JSONLine.Failure

    /// The event, or nil when the general path must read this document.
    static func event(_ document: UnsafeBufferPointer<UInt8>, file: String, line: Int) -> AuditEvent? {
        var event = TopLevel()
        do {
            try JSONLine.read(document) { (p: inout JSONLine) throws(Failure) in
                guard p.next == UInt8(ascii: "{") else { throw leaveToGeneralPath }
                try readFirstEntries(of: TopLevel.names, &p, depth: 0) { (field, p: inout JSONLine) throws(Failure) in
                    try event.read(field, &p)
                } other: { (key) throws(Failure) in
                    if namesAnotherForm(key) { throw leaveToGeneralPath }
                }
            }
        } catch { return nil }
        return event.finished(file: file, line: line)
    }

    /// Ends the walk early: not a fault of the document, only not one this reader takes.
    private static let leaveToGeneralPath = Failure(offset: -1, message: "left to the general path")

    /// Top-level keys that make `EventDecoder.events` read the document as a managed form.
    private static func namesAnotherForm(_ key: JSONLine.Key) -> Bool {
        key.is("protoPayload") || key.is("records") || key.is("properties") || key.is("logEvents")
            || key.is("message") || key.is("@message")
    }

    /// The fields of the top-level object, as `EventDecoder.native` reads them.
    private struct TopLevel {
        static let names: [StaticString] = [
            "kind", "apiVersion", "auditID", "stage", "verb", "requestURI", "user", "sourceIPs", "userAgent",
            "objectRef", "responseStatus", "annotations", "requestObject", "stageTimestamp", "requestReceivedTimestamp",
        ]
        var event = AuditEvent()
        private var hasKind = false, hasVerb = false, hasRequestURI = false

        /// Reads the value of the first entry of `names[field]`, one level below the top.
        mutating func read(_ field: Int, _ p: inout JSONLine) throws(Failure) {
            switch field {
            case 0:
                hasKind = true
                // Any other kind is an EventList, or no audit event: the general path says which.
                if let kind = try p.value(depth: 1).string, kind != "Event" { throw leaveToGeneralPath }
            case 1:
                if let api = try p.value(depth: 1).string, !api.hasPrefix("audit.k8s.io/") { throw leaveToGeneralPath }
            case 2: event.auditID = try p.value(depth: 1).string
            case 3: event.stage = try p.value(depth: 1).string
            case 4: hasVerb = true; event.verb = try p.value(depth: 1).string ?? ""
            case 5: hasRequestURI = true; event.requestURI = try p.value(depth: 1).string ?? ""
            case 6: try readUser(&p)
            case 7: event.sourceIPs = try strings(&p, depth: 1)
            case 8: event.userAgent = try p.value(depth: 1).string ?? ""
            case 9: try readObjectRef(&p)
            case 10:
                try readFirstEntries(of: Self.responseStatusNames, &p, depth: 1) { (_, p: inout JSONLine) throws(Failure) in
                    event.responseCode = try p.value(depth: 2).int
                }
            case 11:
                try readFirstEntries(of: Self.annotationNames, &p, depth: 1) { (_, p: inout JSONLine) throws(Failure) in
                    event.decision = try p.value(depth: 2).string
                }
            case 12:
                let request = try p.value(depth: 1)
                if !request.isNull { event.requestObject = request }
            case 13: event.stageTimestamp = try p.value(depth: 1).string ?? ""
            default: event.requestReceivedTimestamp = try p.value(depth: 1).string ?? ""
            }
        }

        private static let responseStatusNames: [StaticString] = ["code"]
        private static let annotationNames: [StaticString] = ["authorization.k8s.io/decision"]
        private static let userNames: [StaticString] = ["username", "groups"]

        private mutating func readUser(_ p: inout JSONLine) throws(Failure) {
            try readFirstEntries(of: Self.userNames, &p, depth: 1) { (field, p: inout JSONLine) throws(Failure) in
                if field == 0 { event.username = try p.value(depth: 2).string ?? "" } else { event.groups = try strings(&p, depth: 2) }
            }
        }

        private static let objectRefNames: [StaticString] = ["resource", "subresource", "namespace", "name", "apiGroup", "apiVersion"]

        private mutating func readObjectRef(_ p: inout JSONLine) throws(Failure) {
            try readFirstEntries(of: Self.objectRefNames, &p, depth: 1) { (field, p: inout JSONLine) throws(Failure) in
                let text = try p.value(depth: 2).string ?? ""
                switch field {
                case 0: event.objectRef.resource = text
                case 1: event.objectRef.subresource = text
                case 2: event.objectRef.namespace = text
                case 3: event.objectRef.name = text
                case 4: event.objectRef.apiGroup = text
                default: event.objectRef.apiVersion = text
                }
            }
        }

        /// The event, unless `native` would refuse it: without a kind it needs verb and requestURI.
        func finished(file: String, line: Int) -> AuditEvent? {
            guard hasKind || (hasVerb && hasRequestURI) else { return nil }
            var e = event
            e.form = .native; e.file = file; e.line = line
            return e
        }
    }

    /// Walks the object at `p` (at `depth`), or passes over the value when it is no object. `read`
    /// gets the first entry of each key in `names`, by its index there, with the parser at its
    /// value to read; `other` sees every other key before its value is passed over.
    private static func readFirstEntries(of names: [StaticString], _ p: inout JSONLine, depth: Int,
                                         _ read: (Int, inout JSONLine) throws(Failure) -> Void,
                                         other: (JSONLine.Key) throws(Failure) -> Void = { _ in }) throws(Failure) {
        guard p.next == UInt8(ascii: "{") else { try p.skipValue(depth: depth); return }
        var seen: UInt32 = 0
        try p.forEachEntry { (p: inout JSONLine, key) throws(Failure) in
            if let field = names.firstIndex(where: key.is), seen & (1 << field) == 0 {
                seen |= 1 << field
                try read(field, &p)
            } else {
                try other(key)
                try p.skipValue(depth: depth + 1)
            }
        }
    }

    /// The strings of the array at `p` (other elements passed over); none when it is no array.
    private static func strings(_ p: inout JSONLine, depth: Int) throws(Failure) -> [String] {
        guard p.next == UInt8(ascii: "[") else { try p.skipValue(depth: depth); return [] }
        var out: [String] = []
        try p.forEachElement { (p: inout JSONLine) throws(Failure) in
            if let s = try p.value(depth: depth + 1).string { out.append(s) }
        }
        return out
    }
}
