import Foundation
import BulwarkModel

/// A CVSS v3.0/v3.1 base vector (`CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H`) and its base
/// score, computed as the FIRST specification defines it. The official feed carries only the
/// vector (inside a calculator link), so the importer computes the score.
public struct CVSSv3: Sendable, Hashable {
    public var vector: String
    public var baseScore: Double

    /// Finds the first `CVSS:3.x/…` vector in `text` (metric names case-insensitive, as advisories
    /// sometimes write `av:N`).
    public static func firstVector(in text: String) -> CVSSv3? {
        var searchStart = text.startIndex
        while let range = text.range(of: "CVSS:3.", options: .caseInsensitive, range: searchStart..<text.endIndex) {
            let candidate = text[range.lowerBound...].prefix { !$0.isWhitespace && !")]*\"',".contains($0) }
            if let parsed = CVSSv3(vector: String(candidate)) { return parsed }
            searchStart = range.upperBound
        }
        return nil
    }

    public init?(vector: String) {
        let parts = vector.split(separator: "/")
        guard let head = parts.first, head.uppercased().hasPrefix("CVSS:3") else { return nil }
        var metrics: [String: String] = [:]
        for part in parts.dropFirst() {
            let kv = part.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { return nil }
            metrics[kv[0].uppercased()] = kv[1].uppercased()
        }
        let weights: [String: [String: Double]] = [
            "AV": ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2],
            "AC": ["L": 0.77, "H": 0.44],
            "UI": ["N": 0.85, "R": 0.62],
            "C": ["H": 0.56, "L": 0.22, "N": 0], "I": ["H": 0.56, "L": 0.22, "N": 0], "A": ["H": 0.56, "L": 0.22, "N": 0],
        ]
        func weight(_ name: String) -> Double? { metrics[name].flatMap { weights[name]?[$0] } }
        guard let av = weight("AV"), let ac = weight("AC"), let ui = weight("UI"), let c = weight("C"),
              let i = weight("I"), let a = weight("A"), let scope = metrics["S"], ["U", "C"].contains(scope),
              let prLetter = metrics["PR"] else { return nil }
        let changed = scope == "C"
        let pr: Double
        switch prLetter {
        case "N": pr = 0.85
        case "L": pr = changed ? 0.68 : 0.62
        case "H": pr = changed ? 0.5 : 0.27
        default: return nil
        }
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        let score: Double
        if impact <= 0 {
            score = 0
        } else if changed {
            score = Self.roundUp(min(1.08 * (impact + exploitability), 10))
        } else {
            score = Self.roundUp(min(impact + exploitability, 10))
        }
        self.vector = vector
        self.baseScore = score
    }

    /// CVSS v3.1's Roundup: the smallest one-decimal number not below `x`, computed on integers
    /// so that floating-point noise (4.000000001) does not round up.
    static func roundUp(_ x: Double) -> Double {
        let scaled = Int((x * 100_000).rounded())
        if scaled % 10_000 == 0 { return Double(scaled) / 100_000 }
        return Double(scaled / 10_000 + 1) / 10
    }

    /// The qualitative rating; "None" (0.0) maps to info.
    public static func severity(forScore score: Double) -> Severity {
        switch score {
        case 9...: return .critical
        case 7..<9: return .high
        case 4..<7: return .medium
        case 0.1..<4: return .low
        default: return .info
        }
    }
}
