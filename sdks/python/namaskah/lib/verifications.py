"""``client.verifications``: the generated operations plus ``wait_for_code()``."""

from __future__ import annotations

import asyncio
import contextlib
import time

from .._core.errors import ApiTimeoutError
from ..models import Verification
from ..resources.verifications import AsyncVerifications, Verifications
from .realtime import AsyncRealtimeApi

DEFAULT_WAIT = 20 * 60.0
"""A verification's lifetime: after it, it is expired (and refunded) anyway."""


class VerificationsApi(Verifications):
    def wait_for_code(
        self, verification_id: str, *, timeout: float = DEFAULT_WAIT, poll_interval: float = 3.0
    ) -> Verification:
        """Polls until the verification leaves ``pending`` (``completed`` with its ``code``, or a terminal
        failure state). Real time needs asyncio: ``AsyncNamaskah`` listens instead of polling.

        Example:
            >>> done = client.verifications.wait_for_code(verification.id, timeout=120)
            >>> print(done.code)
        """
        deadline = time.monotonic() + timeout
        while True:
            verification = self.retrieve(verification_id)
            if verification.status != "pending":
                return verification
            if time.monotonic() + poll_interval > deadline:
                raise ApiTimeoutError(f"No code for {verification_id} within {timeout} s")
            time.sleep(poll_interval)


class AsyncVerificationsApi(AsyncVerifications):
    realtime: AsyncRealtimeApi | None = None

    async def wait_for_code(
        self,
        verification_id: str,
        *,
        timeout: float = DEFAULT_WAIT,
        poll_interval: float = 3.0,
        poll_only: bool = False,
    ) -> Verification:
        """Resolves once the verification leaves ``pending`` (``completed`` with its ``code``, or a terminal
        failure state). Listens on the real-time channel, with slow polling as a safety net; polls only
        when real time is unavailable.

        Example:
            >>> verification = await client.verifications.create(service="whatsapp", country="US")
            >>> done = await client.verifications.wait_for_code(verification.id, timeout=120)
            >>> print(done.code)
        """
        try:
            return await asyncio.wait_for(self._wait(verification_id, poll_interval, poll_only), timeout)
        except asyncio.TimeoutError as error:
            raise ApiTimeoutError(f"No code for {verification_id} within {timeout} s") from error

    async def _wait(self, verification_id: str, poll_interval: float, poll_only: bool) -> Verification:
        current = await self.retrieve(verification_id)
        if current.status != "pending":
            return current
        if poll_only or self.realtime is None:
            return await self._poll(verification_id, poll_interval)
        live = asyncio.ensure_future(self._listen(verification_id))
        poll = asyncio.ensure_future(self._poll(verification_id, max(poll_interval * 5, 15.0)))
        try:
            done, _ = await asyncio.wait({live, poll}, return_when=asyncio.FIRST_COMPLETED)
            if live in done and live.exception() is not None:
                # Real time failed or was refused for good (the key, its scopes): poll at the normal pace
                # instead; a wrong key fails there with its typed error.
                poll.cancel()
                return await self._poll(verification_id, poll_interval)
            return (live if live in done else poll).result()
        finally:
            for task in (live, poll):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    async def _listen(self, verification_id: str) -> Verification:
        assert self.realtime is not None
        async with self.realtime.connect() as connection:
            await connection.wait_ready()
            # Whatever happened before the subscription was ready is not replayed: look once more.
            current = await self.retrieve(verification_id)
            if current.status != "pending":
                return current
            async for event in connection:
                data = event.data
                if (
                    event.type.startswith("verification.")
                    and isinstance(data, Verification)
                    and data.id == verification_id
                    and data.status != "pending"
                ):
                    return data
        raise ConnectionError("real-time connection closed")

    async def _poll(self, verification_id: str, interval: float) -> Verification:
        while True:
            await asyncio.sleep(interval)
            verification = await self.retrieve(verification_id)
            if verification.status != "pending":
                return verification
