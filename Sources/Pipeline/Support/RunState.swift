/// Where a pipeline's run stands. Owned by the pipeline actor itself: `cancel` moves it to
/// `stopping`, the terminal event or `halt` to `finished`; every stage reads it before it
/// emits or records anything.
enum RunState: Equatable {
    case running
    /// Cancelled: only what `cancel` itself says goes out from now on.
    case stopping
    /// The terminal event is out (or the run was halted): nothing more goes out.
    case finished
}
