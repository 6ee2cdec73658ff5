"""Receive Namaskah webhooks and check their Standard Webhooks signature before trusting them.

    NAMASKAH_WEBHOOK_SECRET=whsec_... PORT=4242 python examples/python/webhook_receiver.py

Register http(s)://<this host>:4242/webhooks as an endpoint (POST /v1/webhook-endpoints); its ``secret`` is
what NAMASKAH_WEBHOOK_SECRET must hold. A 2xx tells Namaskah the delivery arrived; anything else (or no answer
within 15 s) makes it retry later, so answer fast and do slow work elsewhere. Only the standard library serves
HTTP here: in a web framework, pass the request's raw body bytes to ``verify`` the same way.
"""

from __future__ import annotations

import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from namaskah import WebhookVerificationError, verify

SECRET = os.environ["NAMASKAH_WEBHOOK_SECRET"]
seen: set[str] = set()  # delivery is at least once: dedupe by event id (use your database)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # the name http.server calls
        if self.path != "/webhooks":
            self.send_error(404)
            return
        # The exact bytes: a json.loads result dumped again never verifies.
        raw_body = self.rfile.read(int(self.headers.get("content-length") or 0))
        try:
            event = verify(raw_body, dict(self.headers.items()), SECRET)
        except WebhookVerificationError as error:
            print(f"rejected: {error}", flush=True)
            self.send_response(400)
            self.end_headers()
            return
        self.send_response(204)
        self.end_headers()
        if event.id in seen:
            return
        seen.add(event.id)
        code = f" code={event.data.code}" if event.type == "verification.completed" else ""
        print(f"verified {event.type} {event.id}{code}", flush=True)

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per delivery above is enough


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "4242"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    print(f"listening on http://127.0.0.1:{port}/webhooks", flush=True)
    server.serve_forever()
