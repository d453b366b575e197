#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A node's filesystem seen from `--root`: every path the node uses (`/etc/kubernetes/pki/ca.crt`)
/// is read under the root, and symbolic links are followed inside the root too, so an absolute
/// link target on a mounted node never escapes to the scanning machine's own files.
struct NodeRoot: Sendable {
    /// The root as given, without a trailing slash; empty for `/`.
    let prefix: String

    init(_ root: String) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        prefix = r == "/" ? "" : r
    }

    /// The root for messages: `/` or the directory given.
    var description: String { prefix.isEmpty ? "/" : prefix }

    /// The host path of a node path, after following links inside the root.
    func hostPath(_ nodePath: String) -> String { prefix + resolve(nodePath) }

    /// Follows symbolic links component by component, re-rooting absolute targets; at most 40 links,
    /// as the kernel allows.
    func resolve(_ nodePath: String) -> String {
        var pending = Self.components(nodePath)
        var resolved: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let next = pending.removeFirst()
            if next == "." { continue }
            if next == ".." { _ = resolved.popLast(); continue }
            let candidate = "/" + (resolved + [next]).joined(separator: "/")
            var info = stat()
            if lstat(prefix + candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, hops < 40,
               let target = Self.readLink(prefix + candidate) {
                hops += 1
                if target.hasPrefix("/") { resolved = [] }
                pending = Self.components(target) + pending
                continue
            }
            resolved.append(next)
        }
        return "/" + resolved.joined(separator: "/")
    }

    static func components(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Facts about a file: permission bits, numeric owner and group, size, type.
    struct FileStatus: Sendable {
        var mode: UInt32
        var uid: UInt32
        var gid: UInt32
        var size: Int
        var isDirectory: Bool
        var isRegular: Bool

        /// `0600`.
        var modeText: String {
            let octal = String(mode & 0o7777, radix: 8)
            return String(repeating: "0", count: max(0, 4 - octal.count)) + octal
        }
    }

    func status(_ nodePath: String) -> FileStatus? {
        var info = stat()
        guard stat(hostPath(nodePath), &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        return FileStatus(mode: UInt32(info.st_mode), uid: UInt32(info.st_uid), gid: UInt32(info.st_gid), size: Int(info.st_size),
                          isDirectory: type == S_IFDIR, isRegular: type == S_IFREG)
    }

    func exists(_ nodePath: String) -> Bool { status(nodePath) != nil }
    func isDirectory(_ nodePath: String) -> Bool { status(nodePath)?.isDirectory == true }

    /// Entry names of a directory, sorted; nil when it cannot be listed.
    func list(_ nodeDirectory: String) -> [String]? {
        (try? FileManager.default.contentsOfDirectory(atPath: hostPath(nodeDirectory)))?.sorted()
    }

    /// A file's bytes, at most `limit`; the error names what went wrong in the words a user expects.
    func read(_ nodePath: String, limit: Int = 4 << 20) -> Result<[UInt8], NodeReadError> {
        let host = hostPath(nodePath)
        let fd = open(host, O_RDONLY)
        guard fd >= 0 else { return .failure(NodeReadError(errno: errno)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(NodeReadError(message: "is a directory")) }
            if (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) > limit {
                return .failure(NodeReadError(message: "\(info.st_size) bytes, over the \(limit)-byte limit; not read"))
            }
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .failure(NodeReadError(errno: errno)) }
            if n == 0 { break }
            bytes += chunk[0..<n]
            if bytes.count > limit { return .failure(NodeReadError(message: "over the \(limit)-byte limit; not read")) }
        }
        return .success(bytes)
    }

    func readText(_ nodePath: String, limit: Int = 4 << 20) -> Result<String, NodeReadError> {
        read(nodePath, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }
}
