import Commentary
import Foundation
import Media
import SessionModel

extension Pipeline {
    /// poster.jpg from the video's first keyframe, announced with `poster` once written, so a
    /// player has a picture before the first chunk. Made once; a video whose keyframes are
    /// not read yet gets it when they are. A picture that cannot be made (a pixel format
    /// the encoder does not take) leaves the session without one: nothing else depends on it.
    func makePoster() async {
        guard !output.posterStarted, let info, let first = info.keyframes.map(\.time).min() else { return }
        output.posterStarted = true
        let (source, directory) = (configuration.media, configuration.outputDirectory)
        let written = await Offload.run { () -> Bool in
            guard let picture = try? KeyframePictures.jpegs(source: source, info: info, from: first, to: first + 0.001, count: 1,
                                                            maxSide: Self.posterSide).first else { return false }
            return (try? Data(picture.data).write(to: directory.appendingPathComponent(OutputNames.poster), options: .atomic)) != nil
        }
        if written { emit(.poster(PosterEvent(url: url(OutputNames.poster), t: first))) }
    }

    /// The poster's longer side at most (a whole-factor shrink of the frame).
    static let posterSide = 1280
}
