"""Hand-written, public machinery the generated resources call. The generator never writes here."""

from .api_resource import AsyncAPIResource, SyncAPIResource
from .errors import (
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    GoneError,
    InternalServerError,
    MissingCredentialsError,
    NamaskahError,
    NotFoundError,
    PayloadTooLargeError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    UnsupportedMediaTypeError,
)
from .event_stream import AsyncEventStream, EventStream, Redirect, ServerSentEvent
from .http_client import AsyncHttpClient, SyncHttpClient
from .model import BaseModel, ResponseMeta, response_meta
from .not_given import NOT_GIVEN, NotGiven
from .options import ClientOptions, RequestOptions, RetryInfo
from .pagination import AsyncPage, AsyncPager, Pagination, SyncPage
from .rate_limit import RateLimitInfo

__all__ = [
    "NOT_GIVEN",
    "ApiConnectionError",
    "MissingCredentialsError",
    "ApiError",
    "ApiTimeoutError",
    "AsyncAPIResource",
    "AsyncEventStream",
    "AsyncHttpClient",
    "AsyncPage",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "BaseModel",
    "ClientOptions",
    "ConflictError",
    "EventStream",
    "GoneError",
    "InternalServerError",
    "NamaskahError",
    "NotFoundError",
    "NotGiven",
    "Pagination",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitInfo",
    "Redirect",
    "RequestOptions",
    "ResponseMeta",
    "RetryInfo",
    "ServerSentEvent",
    "SyncAPIResource",
    "SyncHttpClient",
    "SyncPage",
    "UnprocessableEntityError",
    "UnsupportedMediaTypeError",
    "response_meta",
]
