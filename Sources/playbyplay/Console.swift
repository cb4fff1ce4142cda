import Foundation

/// Writes to standard output at once, unbuffered: progress lines and "listening on" must show
/// even when stdout is a pipe.
enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func line(_ text: String) { write(text + "\n") }
}
