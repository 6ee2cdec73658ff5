"""The sentinel that tells an argument left out from one set to ``None`` (sent as JSON ``null``)."""

from __future__ import annotations

from typing import Final, Literal


class NotGiven:
    """The type of :data:`NOT_GIVEN`. Falsy, so ``if value:`` treats it like an absent value.

    Example:
        >>> client.webhook_endpoints.update("whk_123", description=None)  # sends "description": null
        >>> client.webhook_endpoints.update("whk_123")  # leaves the description as it is
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
"""Default of every optional request parameter: the key is left out of the request."""
