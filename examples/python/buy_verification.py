"""Buy a verification and print the code the moment it arrives, over the real-time channel.

    NAMASKAH_BASE_URL=http://127.0.0.1:8080 python examples/python/buy_verification.py --country US

Credentials: $NAMASKAH_API_KEY, or else $NAMASKAH_EMAIL / $NAMASKAH_PASSWORD (the reference server's demo
account by default). With --inject-sms (sandbox servers only) the script delivers a test SMS itself instead of
waiting for the provider.
"""

from __future__ import annotations

import argparse
import asyncio
import os

from namaskah import AsyncNamaskah, Namaskah
from namaskah.models import LoginAuthenticated


def credentials(base_url: str | None) -> str:
    """An API key from the environment, or an access token from logging in."""
    if key := os.environ.get("NAMASKAH_API_KEY"):
        return key
    with Namaskah(api_key="", base_url=base_url) as anonymous:
        login = anonymous.auth.login(
            email=os.environ.get("NAMASKAH_EMAIL", "demo@namaskah.dev"),
            password=os.environ.get("NAMASKAH_PASSWORD", "demo-password-123"),
        )
    if not isinstance(login, LoginAuthenticated):
        raise SystemExit("this account needs a second factor: use an API key instead")
    return login.tokens.access_token


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--service", default="whatsapp")
    parser.add_argument("--country", default="US")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the code")
    parser.add_argument("--inject-sms", action="store_true", help="sandbox: send a test SMS to the number")
    args = parser.parse_args()

    base_url = os.environ.get("NAMASKAH_BASE_URL")
    async with (
        AsyncNamaskah(api_key=credentials(base_url), base_url=base_url) as client,
        client.realtime.connect() as live,
    ):
        await asyncio.wait_for(live.ready.wait(), 30)
        verification = await client.verifications.create(service=args.service, country=args.country)
        print(
            f"rented {verification.phone_number} for {verification.service} ({verification.id}), "
            f"{verification.price.amount} {verification.price.currency} minor units"
        )
        if args.inject_sms:
            await client.verifications.sandbox_sms.create(
                verification.id, text=f"Your {args.service} code is 482-913"
            )

        async def code() -> str | None:
            async for event in live:
                if event.type == "sms.received":
                    print(f"sms received (event #{event.sequence})")
                if (
                    event.type.startswith("verification.")
                    and getattr(event.data, "id", None) == verification.id
                ):
                    if event.type == "verification.completed":
                        return event.data.code
                    if event.type != "verification.created":
                        print(f"verification ended: {event.type}")
                        return None
            return None

        received = await asyncio.wait_for(code(), args.timeout)
        print(f"code: {received}" if received else "no code")


if __name__ == "__main__":
    asyncio.run(main())
