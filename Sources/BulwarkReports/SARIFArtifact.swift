/// `artifactLocation` objects. Relative paths stay relative to `%SRCROOT%` (the checkout a
/// code-scanning upload resolves them against); absolute paths become `file://` URIs. Characters
/// not allowed in a URI are percent-encoded so the value is a valid `uri-reference`.
enum SARIFArtifact {
    static let sourceRoot = "%SRCROOT%"

    /// Where objects piped to `bulwark scan -` came from: a relative reference no checkout holds,
    /// described as what it is.
    static let standardInput: JSONValue = .object([
        "uri": .string("stdin"),
        "description": .object(["text": .string("standard input")]),
    ])

    static func location(_ path: String) -> JSONValue {
        if path.hasPrefix("/") {
            return .object(["uri": .string("file://" + percentEncoded(path))])
        }
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        // A colon in a relative reference's first segment would read as a URI scheme (`a:b.yaml`).
        return .object(["uri": .string(percentEncoded(relative, keepColon: false)), "uriBaseId": .string(sourceRoot)])
    }

    /// Keeps RFC 3986 unreserved characters, `/` and sub-delimiters safe in a path; encodes the
    /// rest as UTF-8 percent escapes (spaces, `%`, `#`, `?`, non-ASCII).
    static func percentEncoded(_ path: String, keepColon: Bool = true) -> String {
        var out = ""
        for byte in path.utf8 {
            if isAllowed(byte) && (keepColon || byte != UInt8(ascii: ":")) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hex(byte >> 4) + hex(byte & 0x0F)
            }
        }
        return out
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~/!$&'()*+,;=:@".utf8.contains(byte)
        }
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(nibble, radix: 16, uppercase: true)
    }
}
