import Foundation

/// Reads the raw bytes of an HTTP/1.x answer: the status, and the body (chunked or not). Only
/// what a probe needs; bodies are read by the etcd check alone and never printed.
struct RawHTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init?(_ bytes: [UInt8]) {
        guard bytes.starts(with: Array("HTTP/1.".utf8)) else { return nil }
        let found = Self.headerEnd(bytes)
        let headerEnd = found ?? bytes.count
        let bodyStart = found.map { $0 + 4 } ?? bytes.count
        let head = String(decoding: bytes[..<headerEnd], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        self.status = status
        self.headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let raw = Array(bytes[bodyStart...])
        let chunked = headers.contains { $0.0 == "transfer-encoding" && $0.1.lowercased().contains("chunked") }
        self.body = chunked ? Self.dechunk(raw) : raw
    }

    /// True once `bytes` hold a whole HTTP answer: headers plus the body its Content-Length
    /// announces, or the last chunk of a chunked body. Unknown length: false (read to close).
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard bytes.starts(with: Array("HTTP/1.".utf8)), let end = headerEnd(bytes) else { return false }
        let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
        let bodyCount = bytes.count - end - 4
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix("content-length:"), let n = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) {
                return bodyCount >= n
            }
            if line.hasPrefix("transfer-encoding:") && line.contains("chunked") {
                return bytes.suffix(5).elementsEqual(Array("0\r\n\r\n".utf8))
            }
        }
        // No body for 1xx, 204 and 304.
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return status == 204 || status == 304 || (100..<200).contains(status)
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 { return i }
        return nil
    }

    /// Go's answer to a plain-HTTP request on its TLS port: not a plain-HTTP service.
    var isHTTPSOnlyRefusal: Bool {
        status == 400 && String(decoding: body.prefix(200), as: UTF8.self).contains("HTTP request to an HTTPS server")
    }

    private static func dechunk(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < raw.count {
            guard let lineEnd = (i..<(raw.count - 1)).first(where: { raw[$0] == 13 && raw[$0 + 1] == 10 }) else { break }
            let sizeText = String(decoding: raw[i..<lineEnd], as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            let end = min(start + size, raw.count)
            out += raw[start..<end]
            i = end + 2
        }
        return out
    }
}
