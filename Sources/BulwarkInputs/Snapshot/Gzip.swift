import CZlib

/// gzip for snapshot files whose name ends `.gz` (zlib's own gzip framing).
enum Gzip {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The whole of `input` compressed at once, through the same stream snapshots are written with.
    static func compress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        do {
            let stream = try GzipStream()
            var output: [UInt8] = []
            try stream.compress(input, finish: true) { output += $0 }
            return output
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "gzip compression failed: \(error)")
        }
    }

    /// Inflates gzip data, refusing output beyond `limit` bytes (a small file must not expand
    /// into gigabytes).
    static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 32: accept gzip or zlib headers.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "cannot start gzip decompression")
        }
        defer { inflateEnd(&stream) }
        let (status, output) = pump(&stream, input, limit: limit) { inflate(&$0, Z_NO_FLUSH) }
        switch status {
        case Z_STREAM_END: return output
        case Z_MEM_ERROR where output.count > limit:
            throw Failure(description: "gzip data expands beyond \(limit) bytes; refusing it")
        case Z_OK, Z_BUF_ERROR: throw Failure(description: "gzip data is truncated")
        default: throw Failure(description: "gzip data is corrupt (zlib status \(status))")
        }
    }

    /// Feeds `input` through `step` (inflate) until it stops making progress, collecting
    /// the output 64 KiB at a time; stops with Z_MEM_ERROR once the output passes `limit`.
    private static func pump(_ stream: inout z_stream, _ input: [UInt8], limit: Int,
                             step: (inout z_stream) -> Int32) -> (Int32, [UInt8]) {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            var result: Int32 = Z_OK
            repeat {
                result = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    return step(&stream)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if output.count > limit { return Z_MEM_ERROR }
            } while result == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            return result
        }
        return (status, output)
    }
}
