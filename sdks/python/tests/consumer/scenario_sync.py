"""The acceptance scenario of a ``mypy --strict`` consumer of the installed wheel, blocking client.

Argv: base URL, an access token of the demo user. Prints a JSON summary the test checks."""

from __future__ import annotations

import json
import sys
import threading

from namaskah import Namaskah, NotFoundError
from namaskah.models import Price, Verification


def main(base_url: str, access_token: str) -> dict[str, object]:
    with Namaskah(api_key=access_token, base_url=base_url) as session:
        key = session.api_keys.create(
            name="acceptance-sync",
            environment="test",
            scopes=["verifications:read", "verifications:write", "wallet:read", "catalog:read"],
        )
        with Namaskah(api_key=key.secret, base_url=base_url) as client:
            prices: list[Price] = list(client.prices.list(available=True, limit=2))
            offer = next(price for price in prices if price.available)
            bought: Verification = client.verifications.create(service=offer.service, country=offer.country)
            # The SMS lands (through the sandbox, with the session) while wait_for_code is waiting.
            lands = threading.Timer(
                0.3, lambda: session.verifications.sandbox_sms.create(bought.id, text="Your code is 445566")
            )
            lands.start()
            done = client.verifications.wait_for_code(bought.id, timeout=30, poll_interval=0.2)
            lands.join()
            try:
                client.verifications.retrieve("ver_0000000000000000000000000")
                not_found = False
            except NotFoundError as error:
                not_found = error.request_id is not None
            raw = client.wallet.with_raw_response.retrieve()
            return {
                "pages": len(prices) > 2,
                "code": done.code,
                "not_found": not_found,
                "raw_request_id": isinstance(raw.request_id, str) and raw.status_code == 200,
            }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
