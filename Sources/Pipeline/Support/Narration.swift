import Commentary

/// What the commentary has said and in which voice. The writing stage owns `story` and `said`
/// (each stretch is written knowing the ones before); the voicing stage owns `voiced`;
/// `voice` is set by `setVoice` and read by every line as it starts.
struct Narration {
    var voice: String
    /// Chunk indices whose lines are spoken.
    var voiced: Set<Int> = []
    /// Every line written so far.
    var said: Set<String> = []
    /// The session's story so far, handed to the writer and grown after each stretch.
    var story = StoryState()
}
