#include "CLWS.h"
#include <string.h>
#include <stdlib.h>
#include <stdio.h>

const size_t CLWS_PRE = LWS_PRE;

typedef struct {
    void *server;
    clws_handler handler;
} clws_user;

static int clws_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
    struct lws_context *context = lws_get_context(wsi);
    clws_user *owner = context ? (clws_user *)lws_context_user(context) : NULL;
    uint64_t *connection = (uint64_t *)user;
    if (!owner) return lws_callback_http_dummy(wsi, reason, user, in, len);
    switch (reason) {
    case LWS_CALLBACK_HTTP:
        return owner->handler(owner->server, wsi, CLWS_EVENT_HTTP, connection, in, len);
    case LWS_CALLBACK_HTTP_WRITEABLE:
        return owner->handler(owner->server, wsi, CLWS_EVENT_HTTP_WRITABLE, connection, in, len);
    case LWS_CALLBACK_CLOSED_HTTP:
        owner->handler(owner->server, wsi, CLWS_EVENT_HTTP_CLOSED, connection, in, len);
        return 0;
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
        return owner->handler(owner->server, wsi, CLWS_EVENT_FILTER, connection, in, len);
    case LWS_CALLBACK_ESTABLISHED:
        return owner->handler(owner->server, wsi, CLWS_EVENT_OPEN, connection, in, len);
    case LWS_CALLBACK_RECEIVE:
        return owner->handler(owner->server, wsi, CLWS_EVENT_RECEIVE, connection, in, len);
    case LWS_CALLBACK_SERVER_WRITEABLE:
        return owner->handler(owner->server, wsi, CLWS_EVENT_WRITABLE, connection, in, len);
    case LWS_CALLBACK_CLOSED:
        owner->handler(owner->server, wsi, CLWS_EVENT_CLOSED, connection, in, len);
        return 0;
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        owner->handler(owner->server, wsi, CLWS_EVENT_WAKE, connection, in, len);
        return 0;
    case LWS_CALLBACK_TIMER:
        return owner->handler(owner->server, wsi, CLWS_EVENT_TIMER, connection, in, len);
    default:
        return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static struct lws_protocols clws_protocols[] = {
    { "playbyplay.v1", clws_callback, sizeof(uint64_t), 65536, 0, NULL, 0 },
    { NULL, NULL, 0, 0, 0, NULL, 0 }
};

static lws_retry_bo_t clws_retry;

struct lws_context *clws_create_context(int port, const char *iface, void *server, clws_handler handler, int ping_seconds) {
    clws_user *owner = calloc(1, sizeof(clws_user));
    if (!owner) return NULL;
    owner->server = server;
    owner->handler = handler;
    memset(&clws_retry, 0, sizeof(clws_retry));
    clws_retry.secs_since_valid_ping = (uint16_t)ping_seconds;
    clws_retry.secs_since_valid_hangup = (uint16_t)(ping_seconds * 3);

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof(info));
    info.port = port;
    info.iface = iface;
    info.protocols = clws_protocols;
    info.user = owner;
    info.gid = -1;
    info.uid = -1;
    info.options = LWS_SERVER_OPTION_DISABLE_IPV6 | LWS_SERVER_OPTION_VALIDATE_UTF8;
    info.retry_and_idle_policy = &clws_retry;
    info.timeout_secs = 30;
    struct lws_context *context = lws_create_context(&info);
    if (!context) free(owner);
    return context;
}

int clws_listening_port(struct lws_context *context) {
    struct lws_vhost *vhost = lws_get_vhost_by_name(context, "default");
    return vhost ? lws_get_vhost_listen_port(vhost) : -1;
}

int clws_fragment_is_first(struct lws *wsi) { return lws_is_first_fragment(wsi); }
int clws_fragment_is_final(struct lws *wsi) { return lws_is_final_fragment(wsi); }
int clws_fragment_is_binary(struct lws *wsi) { return lws_frame_is_binary(wsi); }

int clws_header(struct lws *wsi, enum lws_token_indexes token, char *buffer, int size) {
    if (lws_hdr_total_length(wsi, token) <= 0) return -1;
    return lws_hdr_copy(wsi, buffer, size, token);
}

int clws_query_argument(struct lws *wsi, int index, char *buffer, int size) {
    return lws_hdr_copy_fragment(wsi, buffer, size, WSI_TOKEN_HTTP_URI_ARGS, index);
}

int clws_is_head(struct lws *wsi) { return lws_hdr_total_length(wsi, WSI_TOKEN_HEAD_URI) > 0; }

void clws_peer(struct lws *wsi, char *buffer, size_t size) {
    buffer[0] = 0;
    lws_get_peer_simple(wsi, buffer, size);
}

int clws_write_message(struct lws *wsi, const uint8_t *data, size_t length, int binary) {
    unsigned char *buffer = malloc(LWS_PRE + length + 1);
    if (!buffer) return -1;
    if (length) memcpy(buffer + LWS_PRE, data, length);
    int written = lws_write(wsi, buffer + LWS_PRE, length, binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT);
    free(buffer);
    return written;
}

void clws_set_close(struct lws *wsi, int code, const char *reason) {
    lws_close_reason(wsi, (enum lws_close_status)code, (unsigned char *)reason, reason ? strlen(reason) : 0);
}

int clws_http_headers(struct lws *wsi, unsigned int status, const char *content_type, long long content_length, const char *extra) {
    unsigned char buffer[LWS_PRE + 2048];
    unsigned char *start = buffer + LWS_PRE, *p = start, *end = buffer + sizeof(buffer) - 1;
    if (lws_add_http_header_status(wsi, status, &p, end)) return 1;
    if (content_type && lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE, (const unsigned char *)content_type,
                                                     (int)strlen(content_type), &p, end)) return 1;
    if (content_length >= 0 && lws_add_http_header_content_length(wsi, (lws_filepos_t)content_length, &p, end)) return 1;
    if (extra) {
        const char *line = extra;
        while (*line) {
            const char *colon = strchr(line, ':');
            const char *eol = strstr(line, "\r\n");
            if (!colon || !eol || colon > eol) break;
            char name[128], value[512];
            size_t name_length = (size_t)(colon - line) + 1;
            if (name_length >= sizeof(name)) return 1;
            memcpy(name, line, name_length);
            name[name_length] = 0;
            const char *value_start = colon + 1;
            while (*value_start == ' ') value_start++;
            size_t value_length = (size_t)(eol - value_start);
            if (value_length >= sizeof(value)) return 1;
            memcpy(value, value_start, value_length);
            value[value_length] = 0;
            if (lws_add_http_header_by_name(wsi, (const unsigned char *)name, (const unsigned char *)value,
                                            (int)value_length, &p, end)) return 1;
            line = eol + 2;
        }
    }
    if (lws_finalize_write_http_header(wsi, start, &p, end)) return 1;
    return 0;
}

int clws_http_body(struct lws *wsi, const uint8_t *data, size_t length, int final) {
    unsigned char *buffer = malloc(LWS_PRE + length + 1);
    if (!buffer) return -1;
    if (length) memcpy(buffer + LWS_PRE, data, length);
    int written = lws_write(wsi, buffer + LWS_PRE, length, final ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP);
    free(buffer);
    return written;
}

int clws_refuse_upgrade(struct lws *wsi, unsigned int status, const char *reason, const char *body) {
    char text[512];
    size_t body_length = body ? strlen(body) : 0;
    int length = snprintf(text, sizeof(text),
                          "HTTP/1.1 %u %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n\r\n%s", status, reason, body_length, body ? body : "");
    if (length < 0 || (size_t)length >= sizeof(text)) return -1;
    unsigned char buffer[LWS_PRE + sizeof(text)];
    memcpy(buffer + LWS_PRE, text, (size_t)length);
    return lws_write(wsi, buffer + LWS_PRE, (size_t)length, LWS_WRITE_HTTP_HEADERS);
}
