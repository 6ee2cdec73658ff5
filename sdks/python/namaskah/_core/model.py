"""Base class of every generated model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pydantic

from .rate_limit import RateLimitInfo, parse_rate_limit


@dataclass(frozen=True)
class ResponseMeta:
    """The HTTP response a model was decoded from: status, headers, request id and rate-limit state."""

    status: int
    headers: httpx.Headers
    request_id: str | None
    rate_limit: RateLimitInfo

    @classmethod
    def of(cls, response: httpx.Response) -> ResponseMeta:
        headers = response.headers
        return cls(response.status_code, headers, headers.get("request-id"), parse_rate_limit(headers))


class BaseModel(pydantic.BaseModel):
    """A pydantic model of an API object.

    Unknown keys are kept (``model_extra``) so a newer server never breaks an older SDK. A field that is
    absent from the response is ``None`` like a field that was ``null``; :meth:`is_set` tells them apart.

    Example:
        >>> verification.code is None  # no code yet, or the key was absent
        >>> verification.is_set("failure_reason")  # True only if the response had the key (even as null)
    """

    model_config = pydantic.ConfigDict(extra="allow", validate_by_name=True, validate_by_alias=True)
    _response_meta: ResponseMeta | None = pydantic.PrivateAttr(default=None)

    def is_set(self, field: str) -> bool:
        """True when ``field`` (Python attribute name) was present in the data, even as ``null``."""
        return field in self.model_fields_set

    def to_dict(self) -> dict[str, Any]:
        """The object as JSON-compatible data, wire names, with absent fields left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)


def response_meta(model: BaseModel) -> ResponseMeta | None:
    """The response a model returned by a call was decoded from (``None`` for a model you built).

    Example:
        >>> wallet = client.wallet.get()
        >>> meta = response_meta(wallet)
        >>> print(meta.request_id, meta.rate_limit.remaining)
    """
    return model._response_meta
