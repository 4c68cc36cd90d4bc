// A GET through libcurl, loaded with dlopen on first use, for the online mode only.
//
// Linking libcurl (or Foundation's URLSession, which wraps it on Linux) into the plimsoll binary made every
// process load and bind some thirty more shared libraries: about 5 ms before `main` on each scan, a third of a
// pre-commit run on a small repository, for a feature most scans never use. Loading libcurl only when a scan is
// online keeps offline scans at their old start-up cost, and a machine without libcurl still runs offline scans.
#ifndef PLIMSOLL_HTTP_H
#define PLIMSOLL_HTTP_H

#include <stddef.h>

/// A growing byte buffer the caller frees with `plimsoll_http_buffer_free`. With a non-zero `limit`, a transfer
/// that would grow it past `limit` bytes stops (the GET fails) and `exceeded` is set.
typedef struct {
    char *data;
    size_t length;
    size_t capacity;
    size_t limit;
    int exceeded;
} plimsoll_http_buffer;

/// Performs one GET of `url` with the given request header lines (`Name: value`, `header_count` of them),
/// without following redirects, cookies or netrc credentials (the usual proxy variables are honoured), and only
/// over http or https (libcurl would otherwise speak file, gopher, dict and twenty more protocols).
/// On success returns 0 and sets `*status`; `raw_headers` receives the response's header block as sent
/// (status line, then one `Name: value` line each, CR LF separated), `body` the body.
/// On failure returns non-zero and writes a message into `error` (NUL-terminated, at most `error_size` bytes).
int plimsoll_http_get(const char *url, const char *const *headers, int header_count, long timeout_ms, long *status,
                      plimsoll_http_buffer *raw_headers, plimsoll_http_buffer *body, char *error, size_t error_size);

void plimsoll_http_buffer_free(plimsoll_http_buffer *buffer);

#endif
