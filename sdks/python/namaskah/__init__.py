"""The official Python client for the Namaskah SMS-verification API.

Example:
    >>> from namaskah import Namaskah
    >>> client = Namaskah(api_key="nmk_live_...")
    >>> verification = client.verifications.create(service="whatsapp", country="US")
"""

from . import models
from ._core import (
    NOT_GIVEN,
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    AsyncEventStream,
    AsyncPage,
    AsyncPager,
    AuthenticationError,
    BadRequestError,
    BaseModel,
    ConflictError,
    EventStream,
    GoneError,
    InternalServerError,
    MissingCredentialsError,
    NamaskahError,
    NotFoundError,
    NotGiven,
    PayloadTooLargeError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    RateLimitInfo,
    Redirect,
    RequestOptions,
    ResponseMeta,
    RetryInfo,
    ServerSentEvent,
    SyncPage,
    UnprocessableEntityError,
    UnsupportedMediaTypeError,
    response_meta,
)
from ._core.version import __version__ as __version__
from .lib.client import AsyncNamaskah, Namaskah
from .lib.realtime import RealtimeConnection, RealtimeError, RealtimeEvent
from .lib.webhooks import WebhookRawBodyError, Webhooks, WebhookVerificationError, sign, verify
from .resources import API_VERSION, ERROR_CODES, EVENT_TYPES
from .resources.problem_errors import *  # noqa: F403 (one class per problem code)

__all__ = [
    "API_VERSION",
    "ERROR_CODES",
    "EVENT_TYPES",
    "NOT_GIVEN",
    "ApiConnectionError",
    "MissingCredentialsError",
    "ApiError",
    "ApiTimeoutError",
    "AsyncEventStream",
    "AsyncNamaskah",
    "AsyncPage",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "BaseModel",
    "ConflictError",
    "EventStream",
    "GoneError",
    "InternalServerError",
    "Namaskah",
    "NamaskahError",
    "NotFoundError",
    "NotGiven",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitInfo",
    "RealtimeConnection",
    "RealtimeError",
    "RealtimeEvent",
    "Redirect",
    "RequestOptions",
    "ResponseMeta",
    "RetryInfo",
    "ServerSentEvent",
    "SyncPage",
    "UnprocessableEntityError",
    "UnsupportedMediaTypeError",
    "WebhookRawBodyError",
    "WebhookVerificationError",
    "Webhooks",
    "models",
    "response_meta",
    "sign",
    "verify",
]
