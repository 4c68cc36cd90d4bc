#!/usr/bin/env python3
"""A stand-in for GitHub's REST API on 127.0.0.1, for Plimsoll's online tests (standard library only).

Usage: fake_github.py ROUTES.json LOG.jsonl

ROUTES.json maps a request path with its query (`/orgs/acme/repos?type=all&per_page=100`) to an answer:
  {"status": 200, "body": <JSON>, "headers": {...}, "rate_limit_once": false, "private": false}
`{base}` in a header value or a string in the body becomes this server's URL (for `Link` pagination), and
`{elsewhere}` the same server under another host name (`localhost`), as a redirect to another host looks.
ROUTES.json also holds "token": the only credential the server accepts.

Like GitHub (see its OpenAPI description, api.github.com), every answer is JSON with `X-RateLimit-*`
headers; a 200 carries an `ETag` and a request whose `If-None-Match` matches it gets a bodiless 304; a wrong
token gets 401 "Bad credentials"; a route marked `private` is a 404 without the token, as GitHub hides what a
caller may not see; a route marked `rate_limit_once` first answers the primary rate-limit 403
(`X-RateLimit-Remaining: 0`, `X-RateLimit-Reset` one second ahead); unknown paths are 404 "Not Found".
Each request is appended to LOG.jsonl (path, Authorization, If-None-Match, status), so the tests can check
where the token went. The port is printed on stdout once the server listens.
"""
import hashlib
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTES = json.load(open(sys.argv[1], encoding="utf-8"))
TOKEN = ROUTES.pop("token", None)
LOG = sys.argv[2]
LOCK = threading.Lock()
LIMITED = set()


def substitute(value, port):
    if isinstance(value, str):
        return value.replace("{base}", "http://127.0.0.1:%d" % port).replace("{elsewhere}", "http://localhost:%d" % port)
    if isinstance(value, list):
        return [substitute(item, port) for item in value]
    if isinstance(value, dict):
        return {key: substitute(item, port) for key, item in value.items()}
    return value


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("X-GitHub-Api-Version-Selected", "2022-11-28")
        self.send_header("X-RateLimit-Limit", "5000")
        self.send_header("X-RateLimit-Resource", "core")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if not headers or "X-RateLimit-Remaining" not in headers:
            self.send_header("X-RateLimit-Remaining", "4999")
            self.send_header("X-RateLimit-Reset", str(int(time.time()) + 3600))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        with LOCK, open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({
                "path": self.path, "authorization": self.headers.get("Authorization"),
                "if_none_match": self.headers.get("If-None-Match"), "status": status,
            }) + "\n")

    def do_GET(self):
        port = self.server.server_address[1]
        authorization = self.headers.get("Authorization")
        if authorization is not None and authorization != "Bearer %s" % TOKEN:
            return self.answer(401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
        route = ROUTES.get(self.path)
        if route is None or (route.get("private") and authorization is None):
            return self.answer(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
        if route.get("rate_limit_once"):
            with LOCK:
                first = self.path not in LIMITED
                LIMITED.add(self.path)
            if first:
                return self.answer(403, {
                    "message": "API rate limit exceeded for installation ID 1.",
                    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                }, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 1)})
        status = route.get("status", 200)
        body = substitute(route.get("body"), port)
        headers = substitute(route.get("headers", {}), port)
        if status == 200:
            etag = '"%s"' % hashlib.sha1(json.dumps(body, sort_keys=True).encode()).hexdigest()
            headers["ETag"] = etag
            if self.headers.get("If-None-Match") == etag:
                return self.answer(304, None, headers)
        return self.answer(status, body, headers)


# A parent that blocks SIGTERM (Swift's test runner does) passes the blocked set on: take it back.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
