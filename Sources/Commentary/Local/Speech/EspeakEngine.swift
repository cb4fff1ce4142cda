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
    // Touched only on the espeak thread (inside `perform`):
    /// The voices espeak-ng offers, read once.
    private var catalog: [EspeakVoiceChoice]?
    /// Whether a voice (by selector) passed `EspeakVoiceCheck`, checked once each.
    private var verdicts: [String: Bool] = [:]

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

    /// Every voice espeak-ng offers, checked or not.
    func allVoices() -> [EspeakVoiceChoice] {
        if let catalog { return catalog }
        let choices = EspeakVoiceCatalog.choices(Self.listVoices())
        catalog = choices
        return choices
    }

    /// The voice with wire id `id` (or espeak identifier), if espeak-ng has it.
    func voice(_ id: String) -> EspeakVoiceChoice? {
        let all = allVoices()
        return all.first { $0.id == id } ?? all.first { $0.selector == id }
    }

    /// Whether `voice` passes `EspeakVoiceCheck` (spoken once per voice and process).
    func canSpeak(_ voice: EspeakVoiceChoice) -> Bool {
        if let verdict = verdicts[voice.selector] { return verdict }
        let samples = Self.synthesize(EspeakVoiceCheck.sentence, voice: voice.selector, prosody: EspeakProsody(delivery: .calm))
        let verdict = EspeakVoiceCheck.passes(samples, rate: sampleRate ?? 0)
        verdicts[voice.selector] = verdict
        return verdict
    }

    /// The voices that can speak, in espeak-ng's order.
    func speakableVoices() -> [EspeakVoiceChoice] {
        allVoices().filter(canSpeak)
    }

    /// The installed voices, in espeak-ng's order.
    static func listVoices() -> [EspeakVoiceEntry] {
        guard let list = espeak_ListVoices(nil) else { return [] }
        var voices: [EspeakVoiceEntry] = []
        var i = 0
        while let voice = list[i] {
            i += 1
            guard let identifier = voice.pointee.identifier, let languages = voice.pointee.languages else { continue }
            // languages: (a priority byte, then a NUL-terminated code) repeated, ending with a 0 byte.
            var codes: [String] = []
            var cursor = languages
            while cursor.pointee != 0 {
                let code = String(cString: cursor.advanced(by: 1))
                if !code.isEmpty { codes.append(code.lowercased()) }
                cursor = cursor.advanced(by: 1 + strlen(cursor.advanced(by: 1)) + 1)
            }
            let name = voice.pointee.name.map { String(cString: $0) } ?? String(cString: identifier)
            voices.append(EspeakVoiceEntry(name: name, identifier: String(cString: identifier), languages: codes))
        }
        return voices
    }

    /// Synthesises `text` with the voice `selector` selects (an identifier such as "gmw/en-US",
    /// with an optional "+variant"); 16-bit mono at `sampleRate`. Nil when the voice cannot be
    /// selected or the synthesis fails.
    static func synthesize(_ text: String, voice selector: String, prosody: EspeakProsody) -> [Int16]? {
        guard espeak_SetVoiceByName(selector) == EE_OK else { return nil }
        espeak_SetParameter(espeakRATE, Int32(prosody.wordsPerMinute), 0)
        espeak_SetParameter(espeakPITCH, Int32(prosody.pitch), 0)
        espeak_SetParameter(espeakRANGE, Int32(prosody.range), 0)
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

extension EspeakEngine {
    /// The IPA phonemes of `clause` (text without clause punctuation) in the voice `selector`
    /// selects, word by word as espeak-ng gives them; nil when the voice cannot be selected.
    /// espeak-ng's own clause splitting drops the punctuation, so callers split first
    /// (`PiperPhonemizer`). Must run on the espeak thread.
    static func phonemes(_ clause: String, voice selector: String) -> String? {
        guard espeak_SetVoiceByName(selector) == EE_OK else { return nil }
        let ipa: Int32 = 0x02  // phonememode bit 1: IPA, as UTF-8
        var parts: [String] = []
        clause.withCString { start in
            var cursor: UnsafeRawPointer? = UnsafeRawPointer(start)
            while let current = cursor, UnsafePointer<CChar>(current.assumingMemoryBound(to: CChar.self)).pointee != 0 {
                var pointer: UnsafeRawPointer? = current
                guard let phonemes = espeak_TextToPhonemes(&pointer, Int32(espeakCHARS_UTF8), ipa) else { break }
                let text = String(cString: phonemes).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { parts.append(text) }
                // NULL at the end of the text; it must move on, or the loop would not end.
                guard let next = pointer, next != current else { break }
                cursor = next
            }
        }
        return parts.joined(separator: " ")
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
