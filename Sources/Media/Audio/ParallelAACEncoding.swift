import Foundation

/// Encodes a stretch of mixed sound in parts, one encoder per part, all at once. Each part
/// encodes a few frames of the samples before it (and after it) and keeps only its own
/// packets: the same technique that joins chunks without a seam, applied inside one chunk, so
/// a chunk's audio takes a fraction of the time on several cores.
enum ParallelAACEncoding {
    /// The shortest part worth its own encoder (its pre-roll is about 2% of it).
    static let minimumPartFrames: Int64 = 216

    /// The packets `wanted` (packet indices on the grid) from `samples` (interleaved stereo,
    /// whose first frame is output sample `firstSample`, a grid boundary). `samples` must cover
    /// pre-roll before `wanted` and two frames after it.
    static func encode(_ samples: [Float], firstSample: Int64, wanted: Range<Int64>, parts requested: Int) throws(MediaError) -> [AACPacket] {
        let frame = Int64(AudioGrid.frameSize)
        let count = Int64(wanted.count)
        let parts = max(1, min(Int64(requested), count / minimumPartFrames))
        let bounds = (0...parts).map { wanted.lowerBound + count * $0 / parts }
        let results = PartResults(count: Int(parts))
        let work: @Sendable (Int) -> Void = { part in
            let first = bounds[part], end = bounds[part + 1]
            let encodeStart = max(firstSample, (first - 1 - Int64(AudioGrid.prerollFrames)) * frame)
            let encodeEnd = min(firstSample + Int64(samples.count / 2), (end + 2) * frame)
            do throws(MediaError) {
                let encoder = try AACEncoder()
                let slice = samples[Int(encodeStart - firstSample) * 2..<Int(encodeEnd - firstSample) * 2]
                var packets = try encoder.encode(slice, firstSample: encodeStart)
                packets += try encoder.finish()
                results.set(part, .success(packets.filter { $0.pts >= first * frame && $0.pts < end * frame }))
            } catch {
                results.set(part, .failure(error))
            }
        }
        if parts == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: Int(parts), execute: work) }
        var packets: [AACPacket] = []
        for part in 0..<Int(parts) { packets += try results.get(part) }
        guard packets.count == wanted.count else {
            throw MediaError(.codec, "the AAC encoder returned \(packets.count) packets where \(wanted.count) were due")
        }
        return packets
    }
}

/// Each part's outcome, written by the thread that encoded it.
private final class PartResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[AACPacket], MediaError>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<[AACPacket], MediaError>) { lock.withLock { results[index] = result } }

    func get(_ index: Int) throws(MediaError) -> [AACPacket] {
        let result = lock.withLock { results[index] }
        guard let result else { throw MediaError(.codec, "an audio part was not encoded") }
        return try result.get()
    }
}
