#include "CFFmpegShims.h"
#include <errno.h>
#include <libavutil/error.h>
#include <libavutil/log.h>

int CFFmpegShims_AVERROR(int posixError) { return AVERROR(posixError); }
const int CFFmpegShims_AVERROR_EOF = AVERROR_EOF;
const int CFFmpegShims_AVERROR_INVALIDDATA = AVERROR_INVALIDDATA;
const int64_t CFFmpegShims_AV_NOPTS_VALUE = AV_NOPTS_VALUE;
const int CFFmpegShims_AVSEEK_SIZE = AVSEEK_SIZE;
const int CFFmpegShims_AV_PKT_FLAG_KEY = AV_PKT_FLAG_KEY;
const int CFFmpegShims_AV_PKT_FLAG_DISCARD = AV_PKT_FLAG_DISCARD;
const int CFFmpegShims_AVFMT_FLAG_CUSTOM_IO = AVFMT_FLAG_CUSTOM_IO;

void CFFmpegShims_setStereoLayout(AVChannelLayout *layout) {
    AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    av_channel_layout_copy(layout, &stereo);
}

void CFFmpegShims_setLogLevel(int level) { av_log_set_level(level); }

static int refuse_open(struct AVFormatContext *s, AVIOContext **pb, const char *url,
                       int flags, AVDictionary **options) {
    (void)s; (void)pb; (void)url; (void)flags; (void)options;
    return AVERROR(EPERM);
}

void CFFmpegShims_refuseNestedOpens(AVFormatContext *context) {
    context->io_open = refuse_open;
}

void CFFmpegShims_errorString(int code, char *buffer, size_t size) {
    av_strerror(code, buffer, size);
}
