#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A node's filesystem seen from `--root`: every path the node uses (`/etc/kubernetes/pki/ca.crt`)
/// is read under the root, and symbolic links are followed inside the root too, so an absolute
/// link target on a mounted node never escapes to the scanning machine's own files.
///
/// Containment does not rest on the kernel: `resolution` follows every link itself (absolute
/// targets re-rooted, `..` stopping at the root), gives up after `maximumLinks` hops with ELOOP's
/// message instead of handing the rest to the kernel, and every open, stat and directory listing
/// then walks the resolved path one component at a time with `openat(…, O_NOFOLLOW)`. A link the
/// kernel would follow (one swapped in after resolution) makes the read fail, never escape.
/// Only regular files are opened (with O_NONBLOCK): a FIFO, socket or device is "not a regular
/// file", never a hang.
struct NodeRoot: Sendable {
    /// The root as given, without a trailing slash; empty for `/`.
    let prefix: String

    /// As many links as Linux follows in one path lookup.
    static let maximumLinks = 40

    init(_ root: String) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        prefix = r == "/" ? "" : r
    }

    /// The root for messages: `/` or the directory given.
    var description: String { prefix.isEmpty ? "/" : prefix }

    /// The node path with every symbolic link followed inside the root; nil when it cannot be
    /// resolved (a loop, more than `maximumLinks` links, a link that cannot be read).
    func resolve(_ nodePath: String) -> String? { try? resolution(nodePath).get() }

    /// Follows symbolic links component by component, re-rooting absolute targets and keeping
    /// `..` at the root; after `maximumLinks` links the path is unreadable (ELOOP).
    func resolution(_ nodePath: String) -> Result<String, NodeReadError> {
        // Reversed so the next component is popped from the end.
        var pending = Array(Self.components(nodePath).reversed())
        var resolved: [String] = []
        var hops = 0
        while let next = pending.popLast() {
            if next == "." { continue }
            if next == ".." { _ = resolved.popLast(); continue }
            let candidate = "/" + (resolved + [next]).joined(separator: "/")
            var info = stat()
            guard lstat(prefix + candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else {
                resolved.append(next)
                continue
            }
            hops += 1
            guard hops <= Self.maximumLinks else {
                return .failure(NodeReadError(message: "too many levels of symbolic links (more than \(Self.maximumLinks))"))
            }
            guard let target = Self.readLink(prefix + candidate) else {
                return .failure(NodeReadError(message: "symbolic link \(candidate) cannot be read"))
            }
            if target.hasPrefix("/") { resolved = [] }
            pending += Self.components(target).reversed()
        }
        return .success("/" + resolved.joined(separator: "/"))
    }

    static func components(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        // A target that fills the buffer may be cut short: not followed.
        guard n > 0, n < buffer.count - 1 else { return nil }
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

    /// The directory of the resolved path opened without following any link, and the last
    /// component (`.` for the root itself). The caller closes the descriptor.
    private func openParent(_ nodePath: String) -> Result<(Int32, String), NodeReadError> {
        let resolved: String
        switch resolution(nodePath) {
        case .success(let r): resolved = r
        case .failure(let e): return .failure(e)
        }
        var parts = Self.components(resolved)
        let name = parts.popLast() ?? "."
        return openDirectory(parts).map { ($0, name) }
    }

    /// Opens the root, then each component under it with O_NOFOLLOW: no link is followed by the kernel.
    private func openDirectory(_ components: [String]) -> Result<Int32, NodeReadError> {
        var fd = open(prefix.isEmpty ? "/" : prefix, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(NodeReadError(errno: errno)) }
        for component in components {
            let next = openat(fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            close(fd)
            guard next >= 0 else { return .failure(NodeReadError(errno: code)) }
            fd = next
        }
        return .success(fd)
    }

    private static func status(of info: stat) -> FileStatus {
        let type = info.st_mode & S_IFMT
        return FileStatus(mode: UInt32(info.st_mode), uid: UInt32(info.st_uid), gid: UInt32(info.st_gid), size: Int(info.st_size),
                          isDirectory: type == S_IFDIR, isRegular: type == S_IFREG)
    }

    /// "a FIFO", "a socket", … for files that are neither regular nor directories.
    static func typeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a directory"
        default: return "not a regular file"
        }
    }

    func statusResult(_ nodePath: String) -> Result<FileStatus, NodeReadError> {
        openParent(nodePath).flatMap { (dir, name) in
            defer { close(dir) }
            var info = stat()
            guard fstatat(dir, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .failure(NodeReadError(errno: errno)) }
            return .success(Self.status(of: info))
        }
    }

    func status(_ nodePath: String) -> FileStatus? { try? statusResult(nodePath).get() }

    func exists(_ nodePath: String) -> Bool { status(nodePath) != nil }
    func isDirectory(_ nodePath: String) -> Bool { status(nodePath)?.isDirectory == true }

    /// Entry names of a directory, sorted; nil when it cannot be listed.
    func list(_ nodeDirectory: String) -> [String]? {
        guard case .success(let resolved) = resolution(nodeDirectory),
              case .success(let fd) = openDirectory(Self.components(resolved)) else { return nil }
        guard let dir = fdopendir(fd) else { close(fd); return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// A file's bytes, at most `limit`; the error names what went wrong in the words a user expects.
    func read(_ nodePath: String, limit: Int = 4 << 20) -> Result<[UInt8], NodeReadError> {
        let opened: Result<Int32, NodeReadError> = openParent(nodePath).flatMap { (dir, name) in
            defer { close(dir) }
            var info = stat()
            guard fstatat(dir, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .failure(NodeReadError(errno: errno)) }
            if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(NodeReadError(message: "is a directory")) }
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                return .failure(NodeReadError(message: "not a regular file (\(Self.typeName(info.st_mode))); not read"))
            }
            let fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { return .failure(NodeReadError(errno: errno)) }
            return .success(fd)
        }
        let fd: Int32
        switch opened {
        case .success(let d): fd = d
        case .failure(let e): return .failure(e)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(NodeReadError(errno: errno)) }
        // Checked again on the open file: it may have been swapped since fstatat.
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(NodeReadError(message: "not a regular file (\(Self.typeName(info.st_mode))); not read"))
        }
        if Int(info.st_size) > limit {
            return .failure(NodeReadError(message: "\(info.st_size) bytes, over the \(limit)-byte limit; not read"))
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
