import BulwarkModel

/// Types a plain (unquoted) YAML scalar the way `kubectl` does: sigs.k8s.io/yaml uses go-yaml v2,
/// whose YAML 1.1 rules make `yes`/`on`/`y` booleans and `0755` an octal integer.
enum PlainScalar {
    static func resolve(_ text: String) -> Value {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"): return text == "~" ? .null : .string(text)
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            switch text {
            case "null", "Null", "NULL": return .null
            case "n", "N", "no", "No", "NO": return .bool(false)
            default: return .string(text)
            }
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "t"), UInt8(ascii: "T"):
            switch text {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE": return .bool(true)
            default: return .string(text)
            }
        case UInt8(ascii: "o"), UInt8(ascii: "O"):
            switch text {
            case "on", "On", "ON": return .bool(true)
            case "off", "Off", "OFF": return .bool(false)
            default: return .string(text)
            }
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            switch text {
            case "false", "False", "FALSE": return .bool(false)
            default: return .string(text)
            }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return number(text) ?? .string(text)
        default:
            return .string(text)
        }
    }

    private static func number(_ text: String) -> Value? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        // go-yaml v2 drops underscores, then parses with Go's base prefixes (0x, 0o, 0b, leading 0 = octal).
        let plain = text.contains("_") ? text.replacingUnderscores() : text
        var body = Substring(plain)
        var negative = false
        if body.first == "+" || body.first == "-" { negative = body.first == "-"; body = body.dropFirst() }
        if !body.isEmpty {
            var radix = 10
            var digits = body
            if body.hasPrefix("0x") || body.hasPrefix("0X") { radix = 16; digits = body.dropFirst(2) }
            else if body.hasPrefix("0o") || body.hasPrefix("0O") { radix = 8; digits = body.dropFirst(2) }
            else if body.hasPrefix("0b") || body.hasPrefix("0B") { radix = 2; digits = body.dropFirst(2) }
            else if body.count > 1 && body.first == "0" { radix = 8; digits = body.dropFirst() }
            if !digits.isEmpty, let magnitude = UInt64(digits, radix: radix) {
                if negative {
                    if magnitude <= UInt64(Int64.max) + 1 { return .int(magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)) }
                } else if magnitude <= UInt64(Int.max) {
                    return .int(Int(magnitude))
                }
            }
        }
        if isYAMLFloat(plain), let d = Double(plain) { return .double(d) }
        return nil
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml v2's float syntax.
    private static func isYAMLFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let b = bytes.first, b >= 48 && b <= 57 { bytes.removeFirst(); n += 1 }
            return n
        }
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            if digits() == 0 { return false }
        } else {
            if digits() == 0 { return false }
            if bytes.first == UInt8(ascii: ".") { bytes.removeFirst(); _ = digits() }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes.removeFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}

private extension String {
    func replacingUnderscores() -> String { String(self.filter { $0 != "_" }) }
}
