import Commentary
import Foundation
import Hashing
import SessionModel

/// Detection results by (content, interval bounds, detector) and speech by (voice identity, delivery (language, intensity), slot, text)
/// in the data folder, so a rerun or a resumed session does not repeat the work. A cache
/// that cannot be read or written is skipped, never fatal.
struct Caches: Sendable {
    let directory: URL?

    private func file(_ kind: String, _ key: String, _ suffix: String) -> URL? {
        guard let directory else { return nil }
        let folder = directory.appendingPathComponent(kind)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(SHA256.hex(Array(key.utf8)) + suffix)
    }

    private struct CachedDetection: Codable {
        var key: String
        var events: [DetectedEvent]
    }

    private struct CachedSpeech: Codable {
        var key: String
        var text: String
        var samples: Data
    }

    func detection(content: String, start: Double, end: Double, detector: String) -> [DetectedEvent]? {
        let key = "\(content)|\(start)|\(end)|\(detector)"
        guard let url = file("detection", key, ".json"), let data = try? Data(contentsOf: url),
              let cached = try? JSONDecoder().decode(CachedDetection.self, from: data), cached.key == key else { return nil }
        return cached.events
    }

    func storeDetection(_ events: [DetectedEvent], content: String, start: Double, end: Double, detector: String) {
        let key = "\(content)|\(start)|\(end)|\(detector)"
        guard let url = file("detection", key, ".json"),
              let data = try? JSONEncoder().encode(CachedDetection(key: key, events: events)) else { return }
        try? data.write(to: url, options: .atomic)
    }

    /// `voice` is the synthesizer's `voiceIdentity` (provider, voice, model file).
    private static func speechKey(_ text: String, _ voice: String, _ maxDuration: Double, _ delivery: SpeechDelivery) -> String {
        "\(voice)|\(delivery.language ?? "-")|\(String(format: "%.2f", delivery.intensity))|\(String(format: "%.1f", maxDuration))|\(text)"
    }

    func speech(text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery) -> (text: String, samples: [Float])? {
        let key = Self.speechKey(text, voice, maxDuration, delivery)
        guard let url = file("speech", key, ".json"), let data = try? Data(contentsOf: url),
              let cached = try? JSONDecoder().decode(CachedSpeech.self, from: data), cached.key == key else { return nil }
        return (cached.text, cached.samples.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) })
    }

    func storeSpeech(text: String, voice: String, maxDuration: Double, delivery: SpeechDelivery, spoken: String, samples: [Float]) {
        let key = Self.speechKey(text, voice, maxDuration, delivery)
        guard let url = file("speech", key, ".json") else { return }
        let cached = CachedSpeech(key: key, text: spoken, samples: samples.withUnsafeBufferPointer { Data(buffer: $0) })
        guard let data = try? JSONEncoder().encode(cached) else { return }
        try? data.write(to: url, options: .atomic)
    }
}
