#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file with one open, fstat and a few reads: Foundation's attributesOfItem plus
/// contents(atPath:) cost several times as much per file, which shows on inputs of many small
/// files (`bulwark netpol can` over 500 namespace files).
enum FileBytes {
    enum Outcome: Equatable {
        case bytes([UInt8])
        case tooLarge(Int)
        case unreadable
    }

    static func read(_ path: String, limit: Int) -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unreadable }
        let size = Int(info.st_size)
        if size > limit { return .tooLarge(size) }
        // Read to the end whatever the size said (files that grow, pseudo-files that report 0).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 1)
        var chunk = [UInt8](repeating: 0, count: max(size + 1, 16_384))
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable
            }
            if count == 0 { return .bytes(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}

#if canImport(Glibc)
private let readBytes = Glibc.read
#elseif canImport(Darwin)
private let readBytes = Darwin.read
#endif
