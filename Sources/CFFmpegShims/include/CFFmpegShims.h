#ifndef CFFMPEG_SHIMS_H
#define CFFMPEG_SHIMS_H
#include <stdint.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>

/// Macros and variadic functions of FFmpeg that Swift cannot import, as real functions.
int CFFmpegShims_AVERROR(int posixError);
extern const int CFFmpegShims_AVERROR_EOF;
extern const int CFFmpegShims_AVERROR_INVALIDDATA;
extern const int64_t CFFmpegShims_AV_NOPTS_VALUE;
extern const int CFFmpegShims_AVSEEK_SIZE;
extern const int CFFmpegShims_AV_PKT_FLAG_KEY;
extern const int CFFmpegShims_AV_PKT_FLAG_DISCARD;
extern const int CFFmpegShims_AVFMT_FLAG_CUSTOM_IO;

/// Copies the stereo channel layout (AV_CHANNEL_LAYOUT_STEREO) into `layout`.
void CFFmpegShims_setStereoLayout(AVChannelLayout *layout);
/// Sets the library's log level (quiet unless a caller asks for more).
void CFFmpegShims_setLogLevel(int level);
/// Installs an io_open callback that refuses every nested open: a demuxer may not follow
/// references (playlists, drefs, concat entries) to other files.
void CFFmpegShims_refuseNestedOpens(AVFormatContext *context);
/// The error string for an FFmpeg error code, into `buffer`.
void CFFmpegShims_errorString(int code, char *buffer, size_t size);

#endif
