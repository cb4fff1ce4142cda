import Foundation
import TestSupport

/// Generated clips with known sound events (lavfi sources, AAC in MP4 like the real thing).
enum EventClips {
    /// 40 s of steady pink-noise crowd with one sustained roar (+15.6 dB) from 24 to 30 s.
    static let roar = (start: 24.0, end: 30.0)
    /// A 3.2 kHz whistle with its harmonic at 35.0-35.6 s over the same crowd, and a hard
    /// picture change at 60 s, in a 70 s clip.
    static let whistle = 35.0
    static let cut = 60.0
    /// Applause (dense broadband claps) from 14 to 20 s of a 30 s clip.
    static let applause = (start: 14.0, end: 20.0)
    /// A voice-like harmonic tone (220 Hz and 17 harmonics, up to 4 kHz) at 12-14 s.
    static let voice = (start: 12.0, end: 14.0)

    /// The crowd is input 1; `sound` (a lavfi source of `seconds`), when given, is input 2.
    static func clip(_ name: String, seconds: Double, audio: String, video: [String] = [], sound: String? = nil) throws -> URL {
        let picture = video.isEmpty ? ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=\(seconds)"] : video
        return try TestFiles.generate(name, picture + [
            "-f", "lavfi", "-i", "anoisesrc=color=pink:sample_rate=48000:amplitude=0.05:seed=7:duration=\(seconds)",
        ] + (sound.map { ["-f", "lavfi", "-i", $0] } ?? []) + [
            "-filter_complex", audio + ",aformat=channel_layouts=stereo[a]",
            "-map", "0:v", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k", "-shortest",
        ])
    }

    static let roar40: Result<URL, any Error> = Result {
        try clip("roar40.mp4", seconds: 40, audio: "[1:a]volume='if(between(t,\(roar.start),\(roar.end)),6,1)':eval=frame")
    }

    static let whistle70: Result<URL, any Error> = Result {
        try TestFiles.generate("whistle70.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=60",
            "-f", "lavfi", "-i", "smptehdbars=size=160x120:rate=25:duration=10",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:sample_rate=48000:amplitude=0.05:seed=7:duration=70",
            "-f", "lavfi", "-i", "aevalsrc='0.06*sin(2*PI*3200*t)+0.01*sin(2*PI*6400*t)':s=48000:d=70",
            "-filter_complex",
            "[0:v][1:v]concat=n=2:v=1:a=0[v];[3:a]volume='between(t,\(whistle),\(whistle + 0.6))':eval=frame[w];[2:a][w]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo[a]",
            "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k",
        ])
    }

    /// Claps: noise bursts of a few milliseconds, about 40 a second, at random-ish times.
    static let applause30: Result<URL, any Error> = Result {
        try clip("applause30.mp4", seconds: 30,
                 audio: "[2:a]volume='0.9*between(t,\(applause.start),\(applause.end))':eval=frame[c];[1:a][c]amix=inputs=2:normalize=0",
                 sound: "aevalsrc='(random(0)*2-1)*pow(abs(sin(PI*(23*t+0.4*sin(7*t)))),40)+(random(1)*2-1)*pow(abs(sin(PI*(17*t+0.3*sin(5*t)))),40)':s=48000:d=30")
    }

    static let voice30: Result<URL, any Error> = Result {
        let harmonics = (1...18).map { "sin(2*PI*\(220 * $0)*t)/\($0)" }.joined(separator: "+")
        return try clip("voice30.mp4", seconds: 30,
                        audio: "[2:a]volume='between(t,\(voice.start),\(voice.end))':eval=frame[h];[1:a][h]amix=inputs=2:normalize=0",
                        sound: "aevalsrc='0.08*(\(harmonics))':s=48000:d=30")
    }

    /// 30 s of crowd whose first 2 s are 6 dB louder than the rest: a loud start, no moment.
    static let loudStart30: Result<URL, any Error> = Result {
        try clip("loudstart30.mp4", seconds: 30, audio: "[1:a]volume='if(lt(t,2),2,1)':eval=frame")
    }

    /// 30 s of quiet, flat crowd: nothing happens.
    static let flat30: Result<URL, any Error> = Result {
        try clip("flat30.mp4", seconds: 30, audio: "[1:a]volume=0.3")
    }
}
