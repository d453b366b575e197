import CZlib
import Foundation

/// Where the bytes of one audit log come from: a file or standard input, gzip-inflated when the
/// data starts with the gzip magic (rotated `.gz` logs, also several members concatenated).
public final class ByteSource {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let fd: Int32
    private let ownsDescriptor: Bool
    private var raw = [UInt8](repeating: 0, count: 1 << 20)
    private var rawStart = 0
    private var rawEnd = 0
    private var sniffed = false
    private var gzip: UnsafeMutablePointer<z_stream>?
    private var sourceDone = false
    private var gzipEnded = false
    /// `--follow`: at the end of the data, wait for more instead of stopping.
    let follow: FollowState?

    final class FollowState {
        let path: String
        var inode: UInt64 = 0
        var position: Int64 = 0
        var stop: () -> Bool
        init(path: String, stop: @escaping () -> Bool) { self.path = path; self.stop = stop }
    }

    public static func open(path: String, follow: (() -> Bool)? = nil) throws(Failure) -> ByteSource {
        if path == "-" { return ByteSource(fd: STDIN_FILENO, owns: false, follow: nil) }
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else {
            throw Failure(description: "\(path): cannot open (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw Failure(description: "\(path): is a directory; give the log files themselves")
        }
        let state = follow.map { FollowState(path: path, stop: $0) }
        state?.inode = UInt64(info.st_ino)
        return ByteSource(fd: fd, owns: true, follow: state)
    }

    /// Bytes already in memory (tests, and the fuzzer).
    public static func bytes(_ data: [UInt8]) -> ByteSource {
        // A pipe would block on large inputs; a temporary file keeps the same code path.
        let path = NSTemporaryDirectory() + "bulwark-audit-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: path, contents: Data(data))
        let fd = Foundation.open(path, O_RDONLY)
        unlink(path)
        return ByteSource(fd: fd, owns: true, follow: nil)
    }

    private init(fd: Int32, owns: Bool, follow: FollowState?) {
        self.fd = fd; self.ownsDescriptor = owns; self.follow = follow
    }

    deinit {
        if let gzip { inflateEnd(gzip); gzip.deallocate() }
        if ownsDescriptor { close(fd) }
    }

    /// Reads raw bytes from the descriptor; 0 at the end (after waiting, with --follow).
    private func readRaw(_ buffer: UnsafeMutableRawPointer, _ count: Int) throws -> Int {
        while true {
            let n = Foundation.read(fd, buffer, count)
            if n > 0 { follow?.position += Int64(n); return n }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "read failed (\(String(cString: strerror(errno))))")
            }
            guard let follow, gzip == nil else { return 0 }
            if follow.stop() { return 0 }
            // Rotated (a new file at the path) or truncated: start over from its beginning.
            var info = stat()
            if stat(follow.path, &info) == 0 {
                if UInt64(info.st_ino) != follow.inode || Int64(info.st_size) < follow.position {
                    let newFD = Foundation.open(follow.path, O_RDONLY)
                    if newFD >= 0 {
                        _ = dup2(newFD, fd)
                        close(newFD)
                        follow.inode = UInt64(info.st_ino)
                        follow.position = 0
                        continue
                    }
                }
            }
            usleep(200_000)
        }
    }

    /// Fills `out` with up to `out.count` decoded bytes; returns how many, 0 at the end.
    func read(into out: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        guard let base = out.baseAddress, out.count > 0 else { return 0 }
        if !sniffed {
            sniffed = true
            let n = try raw.withUnsafeMutableBytes { (p) throws -> Int in
                guard let b = p.baseAddress else { return 0 }
                return try readRaw(b, p.count)
            }
            rawStart = 0; rawEnd = n
            if n >= 2 && raw[0] == 0x1F && raw[1] == 0x8B {
                let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
                stream.initialize(to: z_stream())
                // windowBits 15 + 16: gzip framing only.
                guard inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                    stream.deallocate()
                    throw Failure(description: "cannot start gzip decompression")
                }
                gzip = stream
            }
        }
        guard let stream = gzip else {
            if rawStart < rawEnd {
                let n = min(out.count, rawEnd - rawStart)
                raw.withUnsafeBytes { p in
                    if let src = p.baseAddress { memcpy(base, src + rawStart, n) }
                }
                rawStart += n
                return n
            }
            return try readRaw(base, out.count)
        }
        while true {
            if gzipEnded && rawStart >= rawEnd && sourceDone { return 0 }
            if rawStart >= rawEnd && !sourceDone {
                let n = try raw.withUnsafeMutableBytes { (p) throws -> Int in
                    guard let b = p.baseAddress else { return 0 }
                    return try readRaw(b, p.count)
                }
                rawStart = 0; rawEnd = n
                if n == 0 { sourceDone = true }
            }
            if gzipEnded {
                guard rawStart < rawEnd else { return 0 }
                // Another gzip member follows (concatenated rotated logs).
                inflateReset(stream)
                gzipEnded = false
            }
            let available = rawEnd - rawStart
            let (status, produced, consumed) = raw.withUnsafeMutableBufferPointer { inBuf -> (Int32, Int, Int) in
                stream.pointee.next_in = inBuf.baseAddress.map { $0 + rawStart }
                stream.pointee.avail_in = uInt(available)
                stream.pointee.next_out = base
                stream.pointee.avail_out = uInt(out.count)
                let status = inflate(stream, Z_NO_FLUSH)
                return (status, out.count - Int(stream.pointee.avail_out), available - Int(stream.pointee.avail_in))
            }
            rawStart += consumed
            switch status {
            case Z_STREAM_END:
                gzipEnded = true
                if produced > 0 { return produced }
            case Z_OK:
                if produced > 0 { return produced }
            case Z_BUF_ERROR:
                if produced > 0 { return produced }
                if sourceDone { throw Failure(description: "gzip data is truncated") }
            default:
                throw Failure(description: "gzip data is corrupt (zlib status \(status))")
            }
            if sourceDone && rawStart >= rawEnd && !gzipEnded && produced == 0 {
                throw Failure(description: "gzip data is truncated")
            }
        }
    }
}

/// Splits a byte source into lines with bounded memory: a fixed read buffer, and lines longer
/// than `maximumLineBytes` reported (by line number) and skipped rather than buffered.
struct LineReader {
    static let defaultMaximumLineBytes = 16 << 20

    enum Item {
        case line(UnsafeBufferPointer<UInt8>, number: Int)
        case overlong(number: Int, bytes: Int)
    }

    let source: ByteSource
    let maximumLineBytes: Int

    init(source: ByteSource, maximumLineBytes: Int = LineReader.defaultMaximumLineBytes) {
        self.source = source; self.maximumLineBytes = max(1, maximumLineBytes)
    }

    /// Calls `body` with the lines (without their newline, a trailing CR removed) of each read,
    /// in order; the bytes stay valid until `body` returns.
    func forEachBatch(_ body: ([Item]) throws -> Void) throws {
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk * 2)
        var start = 0, end = 0
        var lineNumber = 0
        var skipping = false  // inside an over-long line
        var skippedBytes = 0
        var finished = false
        var batch: [Item] = []
        while !finished {
            // Make room: move the partial line to the front, grow only up to the line limit.
            if start > 0 {
                if end > start {
                    buffer.withUnsafeMutableBytes { p in
                        if let b = p.baseAddress { memmove(b, b + start, end - start) }
                    }
                }
                end -= start; start = 0
            }
            if buffer.count - end < chunk {
                buffer.append(contentsOf: repeatElement(0, count: chunk))
            }
            let n = try buffer.withUnsafeMutableBufferPointer { p in
                try source.read(into: UnsafeMutableBufferPointer(rebasing: p[end..<min(p.count, end + chunk)]))
            }
            if n == 0 { finished = true } else { end += n }
            try buffer.withUnsafeBufferPointer { p in
                var cursor = start
                while true {
                    guard let newline = Self.find(p, from: cursor, to: end) else { break }
                    lineNumber += 1
                    if skipping {
                        skippedBytes += newline - cursor
                        batch.append(.overlong(number: lineNumber, bytes: skippedBytes))
                        skipping = false; skippedBytes = 0
                    } else {
                        var lineEnd = newline
                        if lineEnd > cursor, p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                        if newline - cursor > maximumLineBytes {
                            batch.append(.overlong(number: lineNumber, bytes: newline - cursor))
                        } else {
                            batch.append(.line(UnsafeBufferPointer(rebasing: p[cursor..<lineEnd]), number: lineNumber))
                        }
                    }
                    cursor = newline + 1
                }
                start = cursor
                if finished && start < end {
                    lineNumber += 1
                    if skipping {
                        batch.append(.overlong(number: lineNumber, bytes: skippedBytes + end - start))
                    } else if end - start > maximumLineBytes {
                        batch.append(.overlong(number: lineNumber, bytes: end - start))
                    } else {
                        batch.append(.line(UnsafeBufferPointer(rebasing: p[start..<end]), number: lineNumber))
                    }
                    start = end
                } else if !finished && end - start > maximumLineBytes {
                    // Too long to keep: drop what we have and skip to the next newline.
                    if !skipping { skipping = true }
                    skippedBytes += end - start
                    start = end
                }
                if !batch.isEmpty { try body(batch) }
                batch.removeAll(keepingCapacity: true)
            }
        }
    }

    private static func find(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let base = p.baseAddress else { return nil }
        guard let hit = memchr(base + from, 0x0A, to - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
