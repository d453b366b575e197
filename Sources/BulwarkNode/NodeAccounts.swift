/// User and group names from the node's own `etc/passwd` and `etc/group` (never the scanning
/// machine's), so a mounted node's owners are named as the node names them.
struct NodeAccounts: Sendable {
    var users: [UInt32: String] = [:]
    var groups: [UInt32: String] = [:]

    init(root: NodeRoot) {
        if case .success(let text) = root.readText("/etc/passwd", limit: 8 << 20) { users = Self.parse(text) }
        if case .success(let text) = root.readText("/etc/group", limit: 8 << 20) { groups = Self.parse(text) }
    }

    init(users: [UInt32: String], groups: [UInt32: String]) { self.users = users; self.groups = groups }

    /// `name:x:id:…` lines; the first name for an id wins, as getpwuid does.
    static func parse(_ text: String) -> [UInt32: String] {
        var out: [UInt32: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, let id = UInt32(fields[2]), !fields[0].isEmpty else { continue }
            if out[id] == nil { out[id] = String(fields[0]) }
        }
        return out
    }

    func user(_ uid: UInt32) -> String { users[uid] ?? String(uid) }
    func group(_ gid: UInt32) -> String { groups[gid] ?? String(gid) }
}
