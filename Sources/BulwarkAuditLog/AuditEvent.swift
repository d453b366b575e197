import BulwarkModel

/// One Kubernetes audit Event (`audit.k8s.io/v1` or `v1beta1`), whatever form it arrived in:
/// the API server's log backend, an EventList item, an EKS/CloudWatch export, an AKS diagnostic
/// record or a GKE Cloud Audit Log entry mapped onto the same fields.
public struct AuditEvent: Sendable {
    public struct ObjectRef: Sendable, Equatable {
        public var resource = ""
        public var subresource = ""
        public var namespace = ""
        public var name = ""
        public var apiGroup = ""
        public var apiVersion = ""
    }

    public enum Form: String, Sendable { case native, eks, aks, gke }

    public var auditID: String?
    public var stage: String?
    public var verb = ""
    public var requestURI = ""
    public var username = ""
    public var groups: [String] = []
    public var sourceIPs: [String] = []
    public var userAgent = ""
    public var objectRef = ObjectRef()
    public var responseCode: Int?
    /// `authorization.k8s.io/decision` (allow/forbid), or GKE's `granted`.
    public var decision: String?
    public var requestObject: Value?
    public var stageTimestamp = ""
    public var requestReceivedTimestamp = ""
    public var form: Form = .native
    /// Where it was read: file and 1-based line.
    public var file = ""
    public var line = 0

    public init() {}

    /// When the event happened, in seconds since 1970 (stage, else request received).
    public var time: Double? {
        RFC3339Fast.seconds(stageTimestamp) ?? RFC3339Fast.seconds(requestReceivedTimestamp)
    }

    /// 2xx/1xx (101 for exec upgrades). An event with no response yet is not a success.
    public var succeeded: Bool { responseCode.map { $0 >= 100 && $0 < 400 } ?? false }
    /// A success, or — for long-running requests logged at ResponseStarted without a code — allowed.
    public var allowed: Bool {
        if let code = responseCode { return code >= 100 && code < 400 }
        return decision == "allow"
    }

    public var isCreate: Bool { verb == "create" }
    public var isModify: Bool { verb == "create" || verb == "update" || verb == "patch" }
    public var path: String {
        if let q = requestURI.firstIndex(of: "?") { return String(requestURI[..<q]) }
        return requestURI
    }
}

/// Turns one parsed line into audit Events: the native Event, an EventList's items, and the
/// managed forms. Returns nil when the value is JSON but no audit event at all.
enum EventDecoder {
    static func events(from value: Value, file: String, line: Int) -> [AuditEvent]? {
        // A JSON array of events (what some exporters write).
        if case .array(let items) = value {
            return items.flatMap { events(from: $0, file: file, line: line) ?? [] }
        }
        guard case .mapping(let m) = value else { return nil }
        // EventList (whole file, or one per line).
        if m["kind"]?.string == "EventList" {
            return (m["items"]?.array ?? []).compactMap { native($0, form: .native, file: file, line: line) }
        }
        if m["protoPayload"] != nil {
            return gke(value, file: file, line: line).map { [$0] }
        }
        // AKS: {"category":"kube-audit","properties":{"log":"<event JSON>"}} or {"records":[...]}.
        if let records = m["records"]?.array {
            let out = records.flatMap { events(from: $0, file: file, line: line) ?? [] }
            return out
        }
        if let log = m["properties"]?["log"]?.string {
            guard let inner = try? JSONLine.parse(log) else { return nil }
            return native(inner, form: .aks, file: file, line: line).map { [$0] }
        }
        // CloudWatch: the event as `message`/`@message` (a string or the object), or a
        // subscription batch {"logEvents":[{"message":...}]}.
        if let batch = m["logEvents"]?.array {
            return batch.flatMap { item -> [AuditEvent] in
                guard let message = item["message"] else { return [] }
                return cloudWatchMessage(message, file: file, line: line)
            }
        }
        for key in ["message", "@message"] {
            if let message = m[key], m["kind"] == nil {
                return cloudWatchMessage(message, file: file, line: line)
            }
        }
        return native(value, form: .native, file: file, line: line).map { [$0] }
    }

    private static func cloudWatchMessage(_ message: Value, file: String, line: Int) -> [AuditEvent] {
        let inner: Value?
        if let text = message.string { inner = try? JSONLine.parse(text) } else { inner = message }
        guard let inner else { return [] }
        return native(inner, form: .eks, file: file, line: line).map { [$0] } ?? []
    }

    /// An audit Event: `kind: Event` with an `audit.k8s.io` apiVersion, or with no apiVersion.
    static func native(_ value: Value, form: AuditEvent.Form, file: String, line: Int) -> AuditEvent? {
        guard case .mapping(let m) = value else { return nil }
        if let kind = m["kind"]?.string, kind != "Event" { return nil }
        if let api = m["apiVersion"]?.string, !api.hasPrefix("audit.k8s.io/") { return nil }
        // Without kind, require the fields every audit event carries.
        if m["kind"] == nil, m["verb"] == nil || m["requestURI"] == nil { return nil }
        var e = AuditEvent()
        e.form = form; e.file = file; e.line = line
        e.auditID = m["auditID"]?.string
        e.stage = m["stage"]?.string
        e.verb = m["verb"]?.string ?? ""
        e.requestURI = m["requestURI"]?.string ?? ""
        if let user = m["user"] {
            e.username = user["username"]?.string ?? ""
            e.groups = (user["groups"]?.array ?? []).compactMap(\.string)
        }
        // Impersonation: the request acts as impersonatedUser; keep the real caller's name.
        e.sourceIPs = (m["sourceIPs"]?.array ?? []).compactMap(\.string)
        e.userAgent = m["userAgent"]?.string ?? ""
        if let ref = m["objectRef"] {
            e.objectRef.resource = ref["resource"]?.string ?? ""
            e.objectRef.subresource = ref["subresource"]?.string ?? ""
            e.objectRef.namespace = ref["namespace"]?.string ?? ""
            e.objectRef.name = ref["name"]?.string ?? ""
            e.objectRef.apiGroup = ref["apiGroup"]?.string ?? ""
            e.objectRef.apiVersion = ref["apiVersion"]?.string ?? ""
        }
        e.responseCode = m["responseStatus"]?["code"]?.int
        e.decision = m["annotations"]?["authorization.k8s.io/decision"]?.string
        if let request = m["requestObject"], !request.isNull { e.requestObject = request }
        e.stageTimestamp = m["stageTimestamp"]?.string ?? ""
        e.requestReceivedTimestamp = m["requestReceivedTimestamp"]?.string ?? ""
        return e
    }

    /// GKE Cloud Audit Logs: `protoPayload.methodName` `io.k8s.<group>.<version>.<resource>[.<sub>].<verb>`,
    /// `resourceName` `<group>/<version>/[namespaces/<ns>/]<resource>/<name>[/<sub>]`.
    static func gke(_ value: Value, file: String, line: Int) -> AuditEvent? {
        guard let p = value["protoPayload"], case .mapping = p else { return nil }
        let method = p["methodName"]?.string ?? ""
        guard method.hasPrefix("io.k8s.") else { return nil }
        var e = AuditEvent()
        e.form = .gke; e.file = file; e.line = line
        let parts = method.dropFirst("io.k8s.".count).split(separator: ".").map(String.init)
        if let versionIndex = parts.firstIndex(where: isAPIVersion), versionIndex + 2 < parts.count {
            let group = parts[..<versionIndex].joined(separator: ".")
            e.objectRef.apiGroup = group == "core" ? "" : group
            e.objectRef.apiVersion = parts[versionIndex]
            e.objectRef.resource = parts[versionIndex + 1]
            e.verb = parts[parts.count - 1]
            if versionIndex + 3 < parts.count {
                e.objectRef.subresource = parts[(versionIndex + 2)..<(parts.count - 1)].joined(separator: ".")
            }
        } else if let last = parts.last {
            e.verb = last
        }
        let resourceName = p["resourceName"]?.string ?? ""
        let segments = resourceName.split(separator: "/").map(String.init)
        if let ns = segments.firstIndex(of: "namespaces"), ns + 1 < segments.count {
            // core/v1/namespaces/NS is the Namespace itself when nothing follows.
            if ns + 2 < segments.count || e.objectRef.resource != "namespaces" {
                e.objectRef.namespace = segments[ns + 1]
            }
        }
        if let r = segments.lastIndex(of: e.objectRef.resource), !e.objectRef.resource.isEmpty, r + 1 < segments.count {
            e.objectRef.name = segments[r + 1]
        }
        e.requestURI = p["requestURI"]?.string ?? (resourceName.hasPrefix("/") ? resourceName : "")
        let auth = p["authenticationInfo"]
        e.username = auth?["principalEmail"]?.string ?? auth?["principalSubject"]?.string
            ?? auth?["authoritySelector"]?.string ?? ""
        if let ip = p["requestMetadata"]?["callerIP"]?.string { e.sourceIPs = [ip] }
        e.userAgent = p["requestMetadata"]?["callerSuppliedUserAgent"]?.string ?? ""
        // google.rpc.Code → HTTP: OK 0, PERMISSION_DENIED 7, UNAUTHENTICATED 16, NOT_FOUND 5, ALREADY_EXISTS 6.
        let status = p["status"]?["code"]?.int ?? 0
        switch status {
        case 0: e.responseCode = 200
        case 3: e.responseCode = 400
        case 5: e.responseCode = 404
        case 6: e.responseCode = 409
        case 7: e.responseCode = 403
        case 16: e.responseCode = 401
        default: e.responseCode = 500
        }
        if let granted = p["authorizationInfo"]?[0]?["granted"]?.bool { e.decision = granted ? "allow" : "forbid" }
        if let request = p["request"], !request.isNull { e.requestObject = request }
        e.auditID = value["operation"]?["id"]?.string ?? value["insertId"]?.string
        e.stageTimestamp = value["timestamp"]?.string ?? value["receiveTimestamp"]?.string ?? ""
        return e
    }

    private static func isAPIVersion(_ s: String) -> Bool {
        guard s.hasPrefix("v"), s.count >= 2 else { return false }
        let rest = s.dropFirst()
        guard let first = rest.first, first.isNumber else { return false }
        return rest.allSatisfy { $0.isNumber || $0.isLetter }
    }
}

/// RFC 3339 timestamps as written by the API server (`2024-01-02T03:04:05.123456Z`), parsed by
/// hand: a formatter per event would dominate the run time of a large log.
public enum RFC3339Fast {
    public static func seconds(_ text: String) -> Double? {
        var u = Array(text.utf8)
        guard u.count >= 19 else { return nil }
        // Panther-style "2022-11-29 00:09:04.38" is accepted too.
        if u[10] == 0x20 { u[10] = UInt8(ascii: "T") }
        func num(_ from: Int, _ len: Int) -> Int? {
            var v = 0
            for i in from..<(from + len) {
                guard i < u.count, u[i] >= 0x30, u[i] <= 0x39 else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), u[4] == 0x2D, let mo = num(5, 2), u[7] == 0x2D, let d = num(8, 2),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t"),
              let h = num(11, 2), u[13] == 0x3A, let mi = num(14, 2), u[16] == 0x3A, let s = num(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var i = 19
        var fraction = 0.0
        if i < u.count, u[i] == 0x2E {
            i += 1
            var scale = 0.1
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { fraction += Double(u[i] - 0x30) * scale; scale /= 10; i += 1 }
        }
        var offset = 0
        if i < u.count {
            switch u[i] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"): i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard let oh = num(i + 1, 2), i + 3 < u.count, u[i + 3] == 0x3A, let om = num(i + 4, 2) else { return nil }
                offset = (oh * 60 + om) * 60 * (u[i] == UInt8(ascii: "+") ? 1 : -1)
                i += 6
            default: return nil
            }
        }
        // Days from civil (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (mo + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86_400 + h * 3600 + mi * 60 + s - offset) + fraction
    }
}
