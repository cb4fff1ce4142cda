import Media

/// Fits cloud speech to its slot as the local synthesizer does: the line at normal speed,
/// then at the service's fastest speed, then shortened by whole clauses.
enum SpeechFitting {
    static func fit(_ text: String, maxDuration: Double, fastest: Double,
                    speak: (String, Double) async throws(ProviderError) -> [Float]) async throws(ProviderError) -> Speech {
        var line = text
        while true {
            for speed in [1.0, fastest] {
                let speech = Speech(samples: try await speak(line, speed), text: line)
                if speech.duration <= maxDuration { return speech }
            }
            guard let shorter = ClauseShortener.shorter(line) else {
                throw ProviderError(.permanent, "'\(text)' does not fit in \(Int(maxDuration * 10) / 10) s even at the fastest rate")
            }
            line = shorter
        }
    }

    /// Signed 16-bit little-endian mono PCM as floats.
    static func samples(pcm16 bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - 1, by: 2).map { i in
            Float(Int16(bitPattern: UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)) / 32_768
        }
    }

    /// Encoded speech (an MP3) as mono samples at the output rate, decoded on a thread of its
    /// own. Audio that does not decode is a reply not as documented: a transient error.
    static func samples(encoded bytes: [UInt8], service: String) async throws(ProviderError) -> [Float] {
        do {
            return try await Offload.run { () throws(MediaError) in try SpeechDecoder.decode(bytes) }
        } catch {
            throw ProviderError(.transient, "\(service) sent speech that does not decode: \(error.message)")
        }
    }
}
