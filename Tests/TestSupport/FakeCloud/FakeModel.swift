import Foundation
import Synchronization

/// What the fake language models answer: lines placed in the stretch the prompt names, and
/// events in the clip they were shown. Deterministic, and never the same line twice.
public final class FakeModel: Sendable {
    private let counter = Mutex(0)
    let name: String

    init(name: String) { self.name = name }

    /// `{"lines":[...]}` for the stretch "from X s to Y s" in `prompt`: one line 0.5 s in,
    /// and one more when the stretch is long enough.
    func lines(prompt: String) -> String {
        let window = Self.window(in: prompt) ?? (0, 10)
        var lines: [[String: Any]] = []
        var start = window.earliest + 0.5
        while start + 2.5 <= window.latest, lines.count < 2 {
            let n = counter.withLock { value in value += 1; return value }
            lines.append(["start": start, "text": "\(name) line \(n), a steady spell"])
            start += 4
        }
        return FakeReply.jsonText(["lines": lines])
    }

    /// `{"events":[...]}`: a shot a second into the clip.
    func events() -> String {
        FakeReply.jsonText(["events": [["time": 1.0, "kind": "shot", "confidence": 0.8, "description": "a shot from the edge of the box"]]])
    }

    static func window(in prompt: String) -> (earliest: Double, latest: Double)? {
        guard let range = prompt.range(of: #"from ([0-9.]+) s to ([0-9.]+) s"#, options: .regularExpression) else { return nil }
        let numbers = prompt[range].split(separator: " ").compactMap { Double($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    /// 16-bit mono PCM of a tone lasting 0.3 s a word at `speed` 1.
    static func speech(_ text: String, rate: Int, speed: Double) -> [UInt8] {
        let words = Double(text.split(separator: " ").count)
        let count = Int(words * 0.3 / max(speed, 0.1) * Double(rate))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 2)
        for i in 0..<count {
            let value = Int16(8000 * sin(2 * Double.pi * 220 * Double(i) / Double(rate)))
            bytes.append(UInt8(truncatingIfNeeded: value))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        }
        return bytes
    }
}
