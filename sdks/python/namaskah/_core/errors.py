"""Errors the SDK raises: a class per status family and (generated) a subclass per problem ``code``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import httpx

from .rate_limit import RateLimitInfo, parse_rate_limit


class NamaskahError(Exception):
    """Base class of every error the SDK raises."""


class ApiError(NamaskahError):
    """The API answered with an error status.

    Subclasses exist per status family (``NotFoundError``, ...) and per problem code
    (``InsufficientBalanceError(PaymentRequiredError)``, ...).

    Example:
        >>> try:
        ...     client.verifications.create(service="whatsapp", country="US")
        ... except InsufficientBalanceError as error:
        ...     print("top up first", error.request_id, error.rate_limit.remaining)
    """

    code_value: ClassVar[str | None] = None
    """The problem code a per-code subclass stands for."""

    status: int
    code: str | None
    """The stable machine code (``insufficient_balance``), when the body is a problem."""
    problem: dict[str, Any] | None
    """The parsed problem body; ``None`` when the body was not a JSON object (see :attr:`body`)."""
    body: object
    request_id: str | None
    headers: httpx.Headers
    rate_limit: RateLimitInfo

    def __init__(self, status: int, body: object, headers: httpx.Headers) -> None:
        problem = dict(body) if isinstance(body, Mapping) else None
        detail = (problem or {}).get("detail") or (problem or {}).get("title")
        if detail is None and isinstance(body, str) and body:
            detail = body[:200]
        code = (problem or {}).get("code")
        self.status = status
        self.body = body
        self.problem = problem
        self.code = code if isinstance(code, str) else None
        request_id = headers.get("request-id") or (problem or {}).get("request_id")
        self.request_id = request_id if isinstance(request_id, str) else None
        self.headers = headers
        self.rate_limit = parse_rate_limit(headers)
        super().__init__(f"{status}{f' {self.code}' if self.code else ''}{f': {detail}' if detail else ''}")

    @property
    def field_errors(self) -> list[dict[str, Any]]:
        """Field-level errors of a ``validation_failed`` problem."""
        errors = (self.problem or {}).get("errors")
        return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []


class BadRequestError(ApiError):
    pass


class AuthenticationError(ApiError):
    pass


class PaymentRequiredError(ApiError):
    pass


class PermissionDeniedError(ApiError):
    pass


class NotFoundError(ApiError):
    pass


class ConflictError(ApiError):
    pass


class GoneError(ApiError):
    pass


class PayloadTooLargeError(ApiError):
    pass


class UnsupportedMediaTypeError(ApiError):
    pass


class UnprocessableEntityError(ApiError):
    pass


class RateLimitError(ApiError):
    pass


class InternalServerError(ApiError):
    pass


_STATUS_CLASSES: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    410: GoneError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[ApiError]:
    """The class for a status family: per status, ``InternalServerError`` for 5xx, else ``ApiError``."""
    return _STATUS_CLASSES.get(status) or (InternalServerError if status >= 500 else ApiError)


def create_api_error(
    status: int,
    body: object,
    headers: httpx.Headers,
    problem_classes: Mapping[str, type[ApiError]],
) -> ApiError:
    """The most specific error: the class of the problem ``code`` when it belongs to the status family,
    otherwise the family's class (an unknown code is handled by its status)."""
    family = status_error_class(status)
    code = body.get("code") if isinstance(body, Mapping) else None
    specific = problem_classes.get(code) if isinstance(code, str) else None
    cls = specific if specific is not None and issubclass(specific, family) else family
    return cls(status, body, headers)


class MissingCredentialsError(NamaskahError):
    """The call needs an API key or access token and the client was built without one; nothing was sent."""

    def __init__(self, operation: str) -> None:
        super().__init__(
            f"{operation} needs credentials: pass api_key to Namaskah(api_key=...) or set NAMASKAH_API_KEY"
        )
        self.operation = operation


class ApiConnectionError(NamaskahError):
    """The request never got an HTTP response (DNS, refused connection, reset)."""


class ApiTimeoutError(ApiConnectionError, TimeoutError):
    """An attempt took longer than its timeout."""
