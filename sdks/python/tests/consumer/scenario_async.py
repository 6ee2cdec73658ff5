"""The acceptance scenario of a ``mypy --strict`` consumer of the installed wheel, asyncio client: real
time with a bad key, and wait_for_code in real time while the SMS lands during the subscription.

Argv: base URL, an access token of the demo user. Prints a JSON summary the test checks."""

from __future__ import annotations

import asyncio
import json
import sys

from namaskah import AsyncNamaskah, AuthenticationError, NotFoundError
from namaskah.models import Price


async def main(base_url: str, access_token: str) -> dict[str, object]:
    async with AsyncNamaskah(api_key=access_token, base_url=base_url) as session:
        key = await session.api_keys.create(
            name="acceptance-async",
            environment="test",
            scopes=["verifications:read", "verifications:write", "wallet:read", "catalog:read"],
        )
        async with AsyncNamaskah(api_key=key.secret, base_url=base_url) as client:
            prices: list[Price] = [price async for price in client.prices.list(available=True, limit=2)]
            offer = next(price for price in prices if price.available)
            bought = await client.verifications.create(service=offer.service, country=offer.country)
            # The session's real-time ticket works: it subscribes while the SMS lands.
            waiting = asyncio.ensure_future(session.verifications.wait_for_code(bought.id, timeout=30))
            await session.verifications.sandbox_sms.create(bought.id, text="Your code is 112233")
            done = await waiting
            polled = await client.verifications.create(service=offer.service, country=offer.country)
            waiting_key = asyncio.ensure_future(client.verifications.wait_for_code(polled.id, timeout=30))
            await session.verifications.sandbox_sms.create(polled.id, text="Your code is 445566")
            done_key = await waiting_key
            try:
                await client.verifications.retrieve("ver_0000000000000000000000000")
                not_found = False
            except NotFoundError as error:
                not_found = error.request_id is not None
    async with AsyncNamaskah(api_key="nmk_test_this_key_does_not_exist", base_url=base_url) as bad:
        live = bad.realtime.connect()
        try:
            async with live:
                await live.wait_ready()
            refused = False
        except AuthenticationError:
            refused = live.closed
    return {
        "pages": len(prices) > 2,
        "live_code": done.code,
        "key_code": done_key.code,
        "not_found": not_found,
        "realtime_refused": refused,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2]))))
