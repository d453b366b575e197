/// Orders control IDs as people read them: `BW-S6-003` before `BW-S6-010`, and `BW-S2-…` before
/// `BW-S10-…`, by comparing digit runs as numbers.
enum ControlOrder {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let left = parts(lhs), right = parts(rhs)
        for (a, b) in zip(left, right) where a != b {
            switch (a, b) {
            case (.number(let x), .number(let y)): return x < y
            case (.text(let x), .text(let y)): return x < y
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        return left.count < right.count
    }

    private enum Part: Equatable { case number(Int), text(String) }

    private static func parts(_ id: String) -> [Part] {
        var result: [Part] = []
        var current = ""
        var inDigits = false
        func flush() {
            guard !current.isEmpty else { return }
            if inDigits, let value = Int(current) { result.append(.number(value)) } else { result.append(.text(current)) }
            current = ""
        }
        for character in id {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != inDigits { flush(); inDigits = isDigit }
            current.append(character)
        }
        flush()
        return result
    }
}
