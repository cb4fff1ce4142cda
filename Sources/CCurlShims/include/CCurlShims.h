#ifndef CCURL_SHIMS_H
#define CCURL_SHIMS_H
#include <curl/curl.h>

/// libcurl's variadic functions (curl_easy_setopt, curl_easy_getinfo) as one typed function per
/// argument kind, which Swift can call.
typedef size_t (*CCurlShims_data_callback)(char *buffer, size_t size, size_t count, void *context);
typedef int (*CCurlShims_xferinfo_callback)(void *context, curl_off_t downloadTotal, curl_off_t downloadNow,
                                            curl_off_t uploadTotal, curl_off_t uploadNow);

CURLcode CCurlShims_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode CCurlShims_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode CCurlShims_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode CCurlShims_setopt_pointer(CURL *handle, CURLoption option, void *value);
/// CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION and CURLOPT_READFUNCTION.
CURLcode CCurlShims_setopt_write_function(CURL *handle, CURLoption option, CCurlShims_data_callback callback);
CURLcode CCurlShims_setopt_xferinfo_function(CURL *handle, CCurlShims_xferinfo_callback callback);

CURLcode CCurlShims_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode CCurlShims_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);

/// What a read callback returns to abort the transfer.
extern const size_t CCurlShims_READFUNC_ABORT;

#endif
