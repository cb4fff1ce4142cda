import Foundation
import TestSupport

/// A 95 s clip with pink-noise crowd sound, three loud bursts (20, 50, 80 s), a 3.2 kHz
/// whistle at 35 s, and a hard picture change at 60 s.
enum EventClips {
    static let bursts = [20.0, 50.0, 80.0]
    static let whistle = 35.0
    static let cut = 60.0

    static let crowd95: Result<URL, any Error> = Result {
        let loud = bursts.map { "between(t,\($0),\($0 + 1.5))" }.joined(separator: "+")
        return try TestFiles.generate("crowd95.mp4", [
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=60",
            "-f", "lavfi", "-i", "smptehdbars=size=320x240:rate=25:duration=35",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:sample_rate=48000:amplitude=0.05:duration=95",
            "-f", "lavfi", "-i", "sine=frequency=3200:sample_rate=48000:duration=95",
            "-filter_complex",
            "[0:v][1:v]concat=n=2:v=1:a=0[v];[2:a]volume='if(\(loud),6,1)':eval=frame[n];[3:a]volume='0.06*between(t,\(whistle),\(whistle + 0.6))':eval=frame[w];[n][w]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo[a]",
            "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k",
        ])
    }
}
