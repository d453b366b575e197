#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file a user names (manifests, `-` for standard input, snapshots, dumps, exceptions,
/// kubeconfigs and the files they name, CVE feeds) is read through here, so each read is bounded
/// and none can hang:
/// - only regular files are opened (after `stat`, with O_NONBLOCK so even a file swapped for a
///   FIFO between the check and the open cannot block); a FIFO, socket or device is an error
///   naming the path;
/// - the bytes are read as a stream and the limit is checked while reading, so standard input
///   and files that grow are bounded too, not only files whose size `stat` reports.
public enum InputFile {
    /// The default per-input limit: 2 GiB (raised with `--max-input-bytes`).
    public static let defaultLimit = 2 << 30

    public struct ReadError: Error, Sendable, CustomStringConvertible, Equatable {
        /// The input as the user named it (`standard input` for `-`).
        public var input: String
        public var message: String
        public var description: String { "\(input): \(message)" }
    }

    /// The name of `-` in messages.
    public static func displayName(_ path: String) -> String { path == "-" ? "standard input" : path }

    /// The bytes of `path` (`-` is standard input), at most `limit` of them.
    /// `rejectNUL`: manifests are text; a NUL byte in the first chunk is binary garbage
    /// (`/dev/zero`, an image, a gzip stream given as a manifest) and stops the read at once.
    public static func read(_ path: String, limit: Int = defaultLimit, rejectNUL: Bool = false) -> Result<[UInt8], ReadError> {
        let name = displayName(path)
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            var info = stat()
            guard stat(path, &info) == 0 else { return .failure(ReadError(input: name, message: errnoMessage(errno))) }
            if let problem = notRegular(info.st_mode) { return .failure(ReadError(input: name, message: problem)) }
            fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { return .failure(ReadError(input: name, message: errnoMessage(errno))) }
            // Checked again on what was opened: the path may have changed since stat.
            guard fstat(fd, &info) == 0 else { let e = errno; close(fd); return .failure(ReadError(input: name, message: errnoMessage(e))) }
            if let problem = notRegular(info.st_mode) { close(fd); return .failure(ReadError(input: name, message: problem)) }
            if Int(info.st_size) > limit {
                close(fd)
                return .failure(ReadError(input: name, message: "\(info.st_size) bytes, over the \(limit)-byte input limit (raise it with --max-input-bytes); not read"))
            }
        }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        let sizeHint = fd != 0 && fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        return stream(fd, name: name, limit: limit, rejectNUL: rejectNUL, sizeHint: sizeHint)
    }

    /// Reads `fd` to its end, failing as soon as more than `limit` bytes arrived.
    static func stream(_ fd: Int32, name: String, limit: Int, rejectNUL: Bool, sizeHint: Int = 0) -> Result<[UInt8], ReadError> {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(0, sizeHint), limit) + 1)
        // Small files are read in one call of their size; streams in 1 MiB chunks.
        var chunk = [UInt8](repeating: 0, count: sizeHint > 0 ? min(sizeHint + 1, 1 << 20) : 1 << 20)
        var first = true
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    // Standard input set non-blocking by the caller: wait until it is readable.
                    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&p, 1, -1)
                    continue
                }
                return .failure(ReadError(input: name, message: errnoMessage(errno)))
            }
            if count == 0 { return .success(bytes) }
            if rejectNUL && first, let offset = chunk[0..<count].firstIndex(of: 0), !hasUnicodeBOM(chunk[0..<count]) {
                return .failure(ReadError(input: name, message: "binary data (a NUL byte at offset \(offset)), not YAML or JSON; not read"))
            }
            first = false
            guard bytes.count <= limit - count else {
                return .failure(ReadError(input: name, message: "more than \(limit) bytes, over the input limit (raise it with --max-input-bytes); not read"))
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// UTF-16 and UTF-32 text (allowed by YAML and JSON) has NUL bytes; it starts with a BOM.
    static func hasUnicodeBOM(_ bytes: ArraySlice<UInt8>) -> Bool {
        let b = Array(bytes.prefix(4))
        return b.starts(with: [0xFE, 0xFF]) || b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0, 0, 0xFE, 0xFF])
    }

    /// Why a file of this type is not read, or nil for a regular file.
    public static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory"
        case S_IFIFO: return "not a regular file (a FIFO); not read"
        case S_IFSOCK: return "not a regular file (a socket); not read"
        case S_IFCHR: return "not a regular file (a character device); not read"
        case S_IFBLK: return "not a regular file (a block device); not read"
        default: return "not a regular file; not read"
        }
    }

    static func errnoMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT, ENOTDIR: return "not found"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many levels of symbolic links"
        default: return String(cString: strerror(code))
        }
    }

    /// `2GiB`, `512MiB`, `100k`, `1000000`: a byte count for `--max-input-bytes`; nil for
    /// anything else, zero, or a count that does not fit.
    public static func byteCount(_ text: String) -> Int? {
        let units: [(String, Int)] = [
            ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("tib", 1 << 40),
            ("kb", 1_000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("tb", 1_000_000_000_000),
            ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("t", 1 << 40), ("b", 1),
        ]
        let lower = text.lowercased()
        var digits = Substring(lower)
        var factor = 1
        for (suffix, f) in units where lower.hasSuffix(suffix) {
            digits = lower.dropLast(suffix.count); factor = f
            break
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n > 0 else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }
}

#if canImport(Glibc)
private let readBytes = Glibc.read
#elseif canImport(Darwin)
private let readBytes = Darwin.read
#endif
