/// The seed of a session's choices: FNV-1a over the video's content key and the options that
/// change the words, so the same video with the same options is told the same way, and two
/// videos differently.
public enum StorySeed {
    public static func of(_ parts: String...) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            hash = (hash ^ 0xff) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
