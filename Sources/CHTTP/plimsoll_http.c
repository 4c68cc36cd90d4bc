#include "plimsoll_http.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libcurl's ABI, declared here because its headers (libcurl4-dev) are not needed to build Plimsoll.
// The option numbers are fixed by curl's ABI (curl/curl.h: CURLOPTTYPE_* + n) and never change.
typedef void CURL;
struct curl_slist;
typedef int CURLcode;
enum {
    CURLOPT_WRITEDATA = 10001,
    CURLOPT_URL = 10002,
    CURLOPT_ERRORBUFFER = 10010,
    CURLOPT_HTTPHEADER = 10023,
    CURLOPT_HEADERDATA = 10029,
    CURLOPT_WRITEFUNCTION = 20011,
    CURLOPT_HEADERFUNCTION = 20079,
    CURLOPT_FOLLOWLOCATION = 52,
    CURLOPT_NOSIGNAL = 99,
    CURLOPT_TIMEOUT_MS = 155,
    CURLOPT_CONNECTTIMEOUT_MS = 156,
    CURLOPT_NETRC = 51,
    CURLOPT_PROTOCOLS = 181,
    CURLOPT_REDIR_PROTOCOLS = 182,
};
// CURLPROTO_HTTP | CURLPROTO_HTTPS (the bitmask options work in every libcurl 7 and 8, the _STR ones from 7.85).
#define PLIMSOLL_HTTP_PROTOCOLS 3L
#define CURLINFO_RESPONSE_CODE 0x200002
#define CURL_GLOBAL_DEFAULT 3
#define CURL_ERROR_SIZE 256

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, int, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    const char *load_error;
} curl;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void load_curl(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        curl.load_error = "the online mode needs libcurl (libcurl.so.4; Debian and Ubuntu: apt-get install libcurl4)";
        return;
    }
#define LOAD(field, name)                                                                                          \
    if (!(*(void **)&curl.field = dlsym(library, name))) {                                                         \
        curl.load_error = "libcurl.so.4 lacks " name;                                                              \
        return;                                                                                                    \
    }
    LOAD(global_init, "curl_global_init")
    LOAD(easy_init, "curl_easy_init")
    LOAD(easy_setopt, "curl_easy_setopt")
    LOAD(easy_perform, "curl_easy_perform")
    LOAD(easy_getinfo, "curl_easy_getinfo")
    LOAD(easy_cleanup, "curl_easy_cleanup")
    LOAD(easy_strerror, "curl_easy_strerror")
    LOAD(slist_append, "curl_slist_append")
    LOAD(slist_free_all, "curl_slist_free_all")
#undef LOAD
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != 0) curl.load_error = "libcurl failed to initialise";
}

static size_t append(char *bytes, size_t size, size_t count, void *target) {
    plimsoll_http_buffer *buffer = target;
    size_t total = size * count;
    if (buffer->limit && buffer->length + total > buffer->limit) {
        buffer->exceeded = 1;
        return 0; // CURLE_WRITE_ERROR: the transfer stops here
    }
    if (buffer->length + total + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (buffer->length + total + 1 > capacity) capacity *= 2;
        char *grown = realloc(buffer->data, capacity);
        if (!grown) return 0; // makes curl stop with CURLE_WRITE_ERROR
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, bytes, total);
    buffer->length += total;
    buffer->data[buffer->length] = 0;
    return total;
}

int plimsoll_http_get(const char *url, const char *const *headers, int header_count, long timeout_ms, long *status,
                      plimsoll_http_buffer *raw_headers, plimsoll_http_buffer *body, char *error, size_t error_size) {
    pthread_once(&curl_once, load_curl);
    if (curl.load_error) {
        snprintf(error, error_size, "%s", curl.load_error);
        return 1;
    }
    CURL *handle = curl.easy_init();
    if (!handle) {
        snprintf(error, error_size, "libcurl could not create a request");
        return 1;
    }
    struct curl_slist *list = NULL;
    for (int i = 0; i < header_count; i++) list = curl.slist_append(list, headers[i]);
    char curl_error[CURL_ERROR_SIZE] = {0};
    curl.easy_setopt(handle, CURLOPT_URL, url);
    curl.easy_setopt(handle, CURLOPT_HTTPHEADER, list);
    // Redirects come back to the caller, which decides whether the next host may see the token.
    curl.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl.easy_setopt(handle, CURLOPT_NETRC, 0L);
    curl.easy_setopt(handle, CURLOPT_PROTOCOLS, PLIMSOLL_HTTP_PROTOCOLS);
    curl.easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS, PLIMSOLL_HTTP_PROTOCOLS);
    curl.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl.easy_setopt(handle, CURLOPT_ERRORBUFFER, curl_error);
    curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, append);
    curl.easy_setopt(handle, CURLOPT_WRITEDATA, body);
    curl.easy_setopt(handle, CURLOPT_HEADERFUNCTION, append);
    curl.easy_setopt(handle, CURLOPT_HEADERDATA, raw_headers);
    CURLcode code = curl.easy_perform(handle);
    int result = 0;
    if (code != 0) {
        snprintf(error, error_size, "%s", curl_error[0] ? curl_error : curl.easy_strerror(code));
        result = 1;
    } else {
        curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, status);
    }
    curl.easy_cleanup(handle);
    curl.slist_free_all(list);
    return result;
}

void plimsoll_http_buffer_free(plimsoll_http_buffer *buffer) {
    free(buffer->data);
    buffer->data = NULL;
    buffer->length = buffer->capacity = 0;
}
