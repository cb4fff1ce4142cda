import Foundation
internal import CEspeak

/// espeak-ng, which keeps global state, driven from one dedicated thread: every call into the
/// library runs there, one at a time.
final class EspeakEngine: @unchecked Sendable {
    static let shared = EspeakEngine()

    private let condition = NSCondition()
    /// Waiting jobs, urgent ones first (see `WorkPriority`), each kind in arrival order.
    private var urgentJobs: [() -> Void] = []
    private var jobs: [() -> Void] = []
    /// The library's output rate (22050 Hz), or nil when it failed to start.
    private(set) var sampleRate: Int?

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "espeak-ng"
        thread.start()
        submitAndWait {
            let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, 0)
            if rate > 0 {
                self.sampleRate = Int(rate)
                espeak_SetSynthCallback(espeakCollect)
            }
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while urgentJobs.isEmpty && jobs.isEmpty { condition.wait() }
            let job = urgentJobs.isEmpty ? jobs.removeFirst() : urgentJobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    private func submit(urgent: Bool = true, _ job: @escaping () -> Void) {
        condition.lock()
        if urgent { urgentJobs.append(job) } else { jobs.append(job) }
        condition.signal()
        condition.unlock()
    }

    private func submitAndWait(_ job: @escaping () -> Void) {
        let done = DispatchSemaphore(value: 0)
        submit {
            job()
            done.signal()
        }
        done.wait()
    }

    /// Runs `body` on the espeak thread, after the urgent work waiting when it is background work.
    func perform<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        let urgent = WorkPriority.isUrgent
        return await withCheckedContinuation { continuation in
            submit(urgent: urgent) { continuation.resume(returning: body()) }
        }
    }

    // MARK: calls that must run on the espeak thread

    /// The installed voices: (identifier or name to select it, language code).
    static func listVoices() -> [(name: String, language: String)] {
        guard let list = espeak_ListVoices(nil) else { return [] }
        var voices: [(String, String)] = []
        var i = 0
        while let voice = list[i] {
            i += 1
            guard let languages = voice.pointee.languages else { continue }
            // languages: a priority byte, then a NUL-terminated code.
            let code = String(cString: languages.advanced(by: 1))
            if !code.isEmpty { voices.append((code, code)) }
        }
        return voices
    }

    /// Synthesises `text` with `voice` at `wordsPerMinute`; 16-bit mono at `sampleRate`.
    static func synthesize(_ text: String, voice: String, wordsPerMinute: Int) -> [Int16]? {
        guard espeak_SetVoiceByName(voice) == EE_OK else { return nil }
        espeak_SetParameter(espeakRATE, Int32(wordsPerMinute), 0)
        let collector = SampleCollector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        let status = text.withCString { pointer in
            espeak_Synth(pointer, strlen(pointer) + 1, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil, box.toOpaque())
        }
        espeak_Synchronize()
        return status == EE_OK ? collector.samples : nil
    }
}

/// Receives the samples of one synthesis (on the espeak thread).
final class SampleCollector {
    var samples: [Int16] = []
}

private func espeakCollect(_ wav: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let events, let data = events.pointee.user_data else { return 0 }
    let collector = Unmanaged<SampleCollector>.fromOpaque(data).takeUnretainedValue()
    if let wav, count > 0 { collector.samples.append(contentsOf: UnsafeBufferPointer(start: wav, count: Int(count))) }
    return 0
}
