/// The language of the lines being spoken, set by the pipeline for its whole run (a
/// task-local, like `WorkPriority`). A cloud voice speaks any language; when the cloud fails,
/// the local fallback needs a voice of the session's language, which `speak` does not carry.
public enum SpokenLanguage {
    @TaskLocal public static var current: String?
}
