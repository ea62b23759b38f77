"""A tiny incoming-webhook server on 127.0.0.1, for tests of everything that posts to chat tools.

`Receiver()` records each POST (path, JSON body, content type). `mode` is "ok" (answers
`ok_status`, 200 by default; a Teams workflow answers 202), "error" (500) or "slow" (1.5 s).
"""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self, ok_status=200):
        self.mode = "ok"
        self.ok_status = ok_status
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {
                        "path": self.path,
                        "body": json.loads(body),
                        "content_type": self.headers["Content-Type"],
                        "user_agent": self.headers["User-Agent"],
                    }
                )
                if receiver.mode == "slow":
                    time.sleep(1.5)
                status = 500 if receiver.mode == "error" else receiver.ok_status
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                with contextlib.suppress(BrokenPipeError):
                    self.wfile.write(b"ok" if status < 300 else b"boom")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.url = f"{self.base}/hooks/quote"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def at(self, path):
        return [item for item in self.received if item["path"] == path]
