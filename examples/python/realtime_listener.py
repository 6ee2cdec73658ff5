"""Print every event of the account as it happens, over the real-time channel.

    NAMASKAH_BASE_URL=http://127.0.0.1:8080 python examples/python/realtime_listener.py

The connection reconnects by itself and resumes after the last sequence seen, so no event is lost or
repeated. Credentials: $NAMASKAH_API_KEY, or else $NAMASKAH_EMAIL / $NAMASKAH_PASSWORD (the reference
server's demo account by default).
"""

from __future__ import annotations

import asyncio
import contextlib
import os

from buy_verification import credentials

from namaskah import AsyncNamaskah


async def main() -> None:
    base_url = os.environ.get("NAMASKAH_BASE_URL")
    async with (
        AsyncNamaskah(api_key=credentials(base_url), base_url=base_url) as client,
        client.realtime.connect() as live,
    ):
        await live.wait_ready()  # subscribed: every later event will arrive
        print("listening", flush=True)
        async for event in live:
            code = f" code={event.data.code}" if event.type == "verification.completed" else ""
            print(f"event {event.sequence} {event.type}{code}", flush=True)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
