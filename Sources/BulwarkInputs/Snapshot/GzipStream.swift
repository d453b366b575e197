import CZlib

/// gzip compression fed piece by piece, so a large snapshot is compressed as it is written
/// instead of being held whole in memory. The z_stream lives at a fixed address (zlib keeps a
/// pointer back to it).
final class GzipStream {
    private let stream: UnsafeMutablePointer<z_stream>
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init() throws(Gzip.Failure) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // windowBits 15 + 16: write a gzip header and trailer.
        guard deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw Gzip.Failure(description: "cannot start gzip compression")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses `input`, passing the compressed bytes produced so far to `output`; with `finish`,
    /// also writes the gzip trailer.
    func compress(_ input: [UInt8], finish: Bool, output: ([UInt8]) throws -> Void) throws {
        var input = input
        let flush = finish ? Z_FINISH : Z_NO_FLUSH
        try input.withUnsafeMutableBufferPointer { inBuf in
            stream.pointee.next_in = inBuf.baseAddress
            stream.pointee.avail_in = uInt(inBuf.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                    stream.pointee.next_out = outBuf.baseAddress
                    stream.pointee.avail_out = uInt(outBuf.count)
                    let status = deflate(stream, flush)
                    return (status, outBuf.count - Int(stream.pointee.avail_out))
                }
                if produced > 0 { try output(Array(chunk[0..<produced])) }
                if finish {
                    if status == Z_STREAM_END { break }
                    guard status == Z_OK || status == Z_BUF_ERROR else {
                        throw Gzip.Failure(description: "gzip compression failed (zlib status \(status))")
                    }
                } else {
                    guard status == Z_OK || status == Z_BUF_ERROR else {
                        throw Gzip.Failure(description: "gzip compression failed (zlib status \(status))")
                    }
                    // All input taken and the output buffer not filled: nothing more pending.
                    if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { break }
                }
            }
            stream.pointee.next_in = nil
        }
    }
}
