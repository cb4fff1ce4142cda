extension SessionMachine {
    /// What the supervisor does for the machine, in the order given.
    public enum Action: Sendable, Equatable {
        /// A text message to a socket.
        case send(Connection, Outgoing)
        case close(Connection, CloseCode, String)
        /// Writes the numbered event to the session's log on disk (the `send` of it follows).
        case persist(SequencedEvent)
        case saveToken(hash: String)
        /// The session's options changed (a new voice): kept for a restart.
        case saveOptions(SessionOptions)
        /// The upload's stored ranges and where the client was asked to send, after an ack.
        case saveUploadRecord(ranges: ByteRanges, position: Int64)
        /// Writes the frame's bytes `payload` at `offset`, then reports `stored` (or `storeFailed`).
        case store(offset: Int64, payload: Range<Int>, want: Int64?)
        case log(SessionLogLine)
        /// Asks for a processing slot (`pipelineStarts` when it is free).
        case requestProcessing
        case startExpiry(seconds: Int)
        case cancelExpiry
        /// Every byte of the upload is stored: the pipeline's reader stops waiting for more.
        case uploadComplete
        /// Hashes the upload and reports `checksumVerified`.
        case verifyChecksum
        /// Work only the pipeline (or a provider) can do; its outcome comes back as `answer`.
        case ask(Question)
        /// The terminal event is out: the pipeline stops, the slot frees, the upload's reader ends.
        case ended
    }

    /// The text messages a session sends.
    public enum Outgoing: Sendable, Equatable {
        case welcome(WelcomeMessage)
        case event(SequencedEvent)
        case transfer(TransferMessage)
    }

    /// What the machine needs the running work to do.
    public enum Question: Sendable, Equatable {
        case reprioritise(CommandRequest, interval: Int)
        /// A voice `welcome.voices` lists: the pipeline uses it for what is not voiced yet.
        case setVoice(CommandRequest, voice: String)
        /// A voice not offered: the synthesizer may say why it cannot speak.
        case explainVoice(CommandRequest, voice: String)
        /// Stops the pipeline; its `cancelled` comes back through `record`.
        case cancel
    }
}
