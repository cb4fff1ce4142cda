#ifndef CLWS_H
#define CLWS_H
#include <stddef.h>
#include <stdint.h>
#include <libwebsockets.h>

/// LWS_PRE: bytes every lws_write buffer must have free before the data.
extern const size_t CLWS_PRE;

/// What the Swift side hears about, on the event-loop thread.
typedef enum {
    CLWS_EVENT_HTTP = 1,          ///< an HTTP request: `in` is the path
    CLWS_EVENT_HTTP_WRITABLE,     ///< the HTTP connection can take more body
    CLWS_EVENT_HTTP_CLOSED,       ///< an HTTP connection went away
    CLWS_EVENT_FILTER,            ///< a WebSocket upgrade is asked for: return non-zero to refuse (403)
    CLWS_EVENT_OPEN,              ///< a WebSocket is established
    CLWS_EVENT_RECEIVE,           ///< a WebSocket fragment: `in`, `len`, see clws_fragment_*
    CLWS_EVENT_WRITABLE,          ///< a WebSocket can take one more write
    CLWS_EVENT_CLOSED,            ///< a WebSocket went away
    CLWS_EVENT_WAKE,              ///< lws_cancel_service woke the loop
    CLWS_EVENT_TIMER,             ///< a timer set with lws_set_timer_usecs fired
} clws_event;

/// The Swift handler: `server` is the pointer given to clws_create_context; `connection` the
/// per-connection id slot (a uint64_t the Swift side assigns).
typedef int (*clws_handler)(void *server, struct lws *wsi, clws_event event, uint64_t *connection,
                            void *in, size_t len);

/// A context with one vhost on `port` (0: any free port) bound to `iface` (NULL: all),
/// IPv6 off (so 127.0.0.1 listens on loopback only), one protocol "playbyplay.v1" that also
/// takes clients offering no subprotocol and plain HTTP, and a ping every `ping_seconds`.
struct lws_context *clws_create_context(int port, const char *iface, void *server, clws_handler handler,
                                        int ping_seconds);
/// The port the context listens on (after port 0).
int clws_listening_port(struct lws_context *context);

int clws_fragment_is_first(struct lws *wsi);
int clws_fragment_is_final(struct lws *wsi);
int clws_fragment_is_binary(struct lws *wsi);

/// Copies header `token` into `buffer`; the length, or -1 when absent.
int clws_header(struct lws *wsi, enum lws_token_indexes token, char *buffer, int size);
/// Copies query argument `index` ("key=value") into `buffer`; the length, or -1.
int clws_query_argument(struct lws *wsi, int index, char *buffer, int size);
/// 1 when the request method is HEAD.
int clws_is_head(struct lws *wsi);
/// The peer's address as text.
void clws_peer(struct lws *wsi, char *buffer, size_t size);

/// Writes a WebSocket message (copied behind LWS_PRE). Returns lws_write's result.
int clws_write_message(struct lws *wsi, const uint8_t *data, size_t length, int binary);
/// Sets the close code and reason; the caller then returns -1 from the handler.
void clws_set_close(struct lws *wsi, int code, const char *reason);

/// Writes the status line and headers; `extra` holds more header lines ("Name: value\r\n").
/// `content_length` < 0: none. Returns 0 on success.
int clws_http_headers(struct lws *wsi, unsigned int status, const char *content_type, long long content_length,
                      const char *extra);
/// Answers a WebSocket upgrade with a whole HTTP/1.1 response (status line, plain-text
/// `body`, Connection: close), written as it is: lws writes the status line of a refused
/// upgrade as HTTP/1.0, which some WebSocket clients cannot read. The caller then returns -1.
int clws_refuse_upgrade(struct lws *wsi, unsigned int status, const char *reason, const char *body);
/// Writes part of an HTTP body; `final` ends it.
int clws_http_body(struct lws *wsi, const uint8_t *data, size_t length, int final);
#endif
