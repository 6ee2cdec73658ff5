"""The SDK's HTTP engine on httpx, sync and async: auth, serialisation, timeouts, retries with backoff,
idempotency keys, typed errors. The two clients share everything but the I/O calls."""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import logging
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast
from urllib.parse import quote

import httpx
import pydantic

from .decoding import decode
from .errors import (
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    MissingCredentialsError,
    NamaskahError,
    create_api_error,
)
from .event_stream import AsyncEventStream, EventStream, Redirect
from .logging import configured_logger, redact_headers
from .model import BaseModel, ResponseMeta
from .not_given import NotGiven
from .options import ClientOptions, RequestOptions, RetryInfo
from .pagination import AsyncPager, Pagination, SyncPage
from .raw_response import RawResponse
from .retry_policy import backoff_delay, server_requested_delay, should_retry
from .version import __version__

T = TypeVar("T")
PageT = TypeVar("PageT")
ItemT = TypeVar("ItemT")

HttpMethod = Literal["get", "post", "put", "patch", "delete"]
BodyKind = Literal["json", "form", "binary"]
ResponseKind = Literal["json", "binary", "text", "event-stream", "redirect", "empty"]

USER_AGENT = f"namaskah-python/{__version__}"


@dataclass(frozen=True)
class PreparedRequest:
    method: str
    url: str
    headers: dict[str, str]
    content: bytes | None


def to_jsonable(value: object) -> object:
    """Request data as JSON values: models dumped with wire names and only the fields that were set,
    ``NOT_GIVEN`` entries dropped, ``None`` kept (it means JSON ``null``)."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items() if not isinstance(v, NotGiven)}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def _query_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class BaseHttpClient:
    """Request preparation, response decoding and the retry decision, shared by both clients."""

    def __init__(self, options: ClientOptions, problem_classes: Mapping[str, type[ApiError]]) -> None:
        self.options = options
        self.base_url = options.base_url.rstrip("/")
        self._problem_classes = problem_classes
        self._random: Callable[[], float] = random.random
        self.log = configured_logger(options.logger, options.log_level)

    def _log_request(self, request: PreparedRequest) -> None:
        if self.log.isEnabledFor(logging.DEBUG):
            self.log.debug("namaskah: %s %s %s", request.method, request.url, redact_headers(request.headers))

    def _log_response(self, request: PreparedRequest, response: httpx.Response) -> None:
        if self.log.isEnabledFor(logging.DEBUG):
            self.log.debug(
                "namaskah: %s %s %s %s",
                response.status_code,
                request.method,
                request.url,
                response.headers.get("request-id", ""),
            )

    def build_url(self, path: str, query: Mapping[str, object] | None = None) -> str:
        """The full URL of ``path`` with ``query`` (``NOT_GIVEN`` and ``None`` left out, lists repeated)."""
        params: list[tuple[str, str]] = []
        for key, value in (query or {}).items():
            if value is None or isinstance(value, NotGiven):
                continue
            for item in value if isinstance(value, (list, tuple)) else [value]:
                params.append((key, _query_value(item)))
        url = httpx.URL(self.base_url + path)
        return str(url.copy_with(params=params) if params else url)

    def _prepare(
        self,
        *,
        method: HttpMethod,
        path: str,
        response: ResponseKind,
        options: RequestOptions,
        authorization: str | None,
        path_params: Mapping[str, object] | None = None,
        query: Mapping[str, object] | None = None,
        headers: Mapping[str, object] | None = None,
        body: object = None,
        body_kind: BodyKind | None = None,
        idempotent: bool = False,
        public: bool = False,
    ) -> PreparedRequest:
        if not public and self.options.api_key in (None, ""):
            raise MissingCredentialsError(f"{method.upper()} {path}")

        def fill(name: str) -> str:
            value = (path_params or {}).get(name)
            if value is None or isinstance(value, NotGiven) or value == "":
                raise ValueError(f"Missing path parameter {name}")
            return quote(str(value), safe="")

        resolved = path
        for name in path_params or {}:
            resolved = resolved.replace(f"{{{name}}}", fill(name))
        out: dict[str, str] = {
            "accept": "text/event-stream"
            if response == "event-stream"
            else "application/json, application/problem+json",
            "user-agent": USER_AGENT,
        }
        out.update({k.lower(): v for k, v in self.options.default_headers.items()})
        for name, value in (headers or {}).items():
            if value is not None and not isinstance(value, NotGiven):
                out[name.lower()] = _query_value(value)
        if authorization:
            out["authorization"] = authorization
        content: bytes | None = None
        if body_kind == "json":
            out["content-type"] = "application/json"
            content = json.dumps(to_jsonable(body), separators=(",", ":")).encode()
        elif body_kind == "form":
            out["content-type"] = "application/x-www-form-urlencoded"
            data = to_jsonable(body)
            pairs = cast(Mapping[str, object], data if isinstance(data, Mapping) else {})
            content = str(
                httpx.QueryParams({k: _query_value(v) for k, v in pairs.items() if v is not None})
            ).encode()
        elif body_kind == "binary" and isinstance(body, (bytes, bytearray)):
            out["content-type"] = "application/octet-stream"
            content = bytes(body)
        # One key per logical request, generated once here and reused by every retry of it.
        if idempotent:
            out["idempotency-key"] = options.get("idempotency_key") or str(uuid.uuid4())
        out.update({k.lower(): v for k, v in options.get("headers", {}).items()})
        return PreparedRequest(method.upper(), self.build_url(resolved, query), out, content)

    def _timeout(self, options: RequestOptions) -> httpx.Timeout:
        return httpx.Timeout(
            options.get("timeout", self.options.timeout), connect=self.options.connect_timeout
        )

    def _error(self, response: httpx.Response) -> ApiError:
        text = response.text
        body: object = text or None
        try:
            parsed = json.loads(text) if text else None
            body = parsed if isinstance(parsed, dict) else body
        except ValueError:
            pass
        return create_api_error(response.status_code, body, response.headers, self._problem_classes)

    def _decode(self, cast_to: Any, kind: ResponseKind, response: httpx.Response) -> Any:
        if kind == "empty":
            return None
        if kind == "binary":
            return response.content
        if kind == "text":
            return response.text
        if kind == "redirect":
            return Redirect(response.status_code, response.headers.get("location"))
        if not response.content:
            return None
        try:
            data = response.json()
        except ValueError as error:
            raise NamaskahError(f"The {response.status_code} response is not valid JSON") from error
        value = decode(cast_to, data)
        if isinstance(value, BaseModel):
            value._response_meta = ResponseMeta.of(response)
        return value

    @staticmethod
    def _ok(kind: ResponseKind, response: httpx.Response) -> bool:
        return response.is_success or (kind == "redirect" and response.is_redirect)

    def _plan_retry(
        self,
        attempt: int,
        failure: ApiError | ApiConnectionError,
        retry_after: float | None,
        options: RequestOptions,
        deadline: float,
        request: PreparedRequest,
    ) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` when the failure must be raised."""
        max_retries = options.get("max_retries", self.options.max_retries)
        delay = retry_after if retry_after is not None else backoff_delay(attempt, self._random)
        if attempt >= max_retries or time.monotonic() + delay >= deadline:
            return None
        self.log.info("namaskah: retrying %s %s in %.2f s (%s)", request.method, request.url, delay, failure)
        if self.options.on_retry is not None:
            self.options.on_retry(RetryInfo(attempt + 1, delay, request.method, request.url, failure))
        return delay

    def _deadline(self, options: RequestOptions) -> float:
        return time.monotonic() + options.get("max_retry_time", self.options.max_retry_time)

    @staticmethod
    def _connection_error(error: httpx.TransportError, timeout: httpx.Timeout) -> ApiConnectionError:
        if isinstance(error, httpx.TimeoutException):
            return ApiTimeoutError(f"Request timed out after {timeout.read} s")
        return ApiConnectionError(f"Connection error: {error!r}")


class SyncHttpClient(BaseHttpClient):
    """The blocking engine, on an ``httpx.Client`` (yours, or one it creates and owns)."""

    def __init__(
        self,
        options: ClientOptions,
        problem_classes: Mapping[str, type[ApiError]],
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(options, problem_classes)
        self._owns_http = http_client is None
        self.http = http_client or httpx.Client()
        self._sleep: Callable[[float], None] = time.sleep

    def close(self) -> None:
        if self._owns_http:
            self.http.close()

    def _authorization(self) -> str | None:
        key = self.options.api_key
        token = key() if callable(key) else key
        if inspect.isawaitable(token):
            raise TypeError("an async api_key callable needs AsyncNamaskah")
        return f"Bearer {token}" if token else None

    def _send(self, cast_to: Any, kwargs: dict[str, Any], stream: bool = False, raw: bool = False) -> Any:
        options = cast(RequestOptions, kwargs.pop("options") or {})
        kind: ResponseKind = kwargs["response"]
        request = self._prepare(**kwargs, options=options, authorization=self._authorization())
        self._log_request(request)
        timeout = self._timeout(options)
        deadline = self._deadline(options)
        for attempt in itertools.count():
            retry_after: float | None = None
            try:
                response = self.http.send(
                    self.http.build_request(
                        request.method,
                        request.url,
                        headers=request.headers,
                        content=request.content,
                        timeout=timeout,
                    ),
                    stream=stream,
                    follow_redirects=kind != "redirect",
                )
            except httpx.TransportError as error:
                failure: ApiError | ApiConnectionError = self._connection_error(error, timeout)
            else:
                self._log_response(request, response)
                if self._ok(kind, response):
                    if stream:
                        return EventStream(response)
                    decoded = self._decode(cast_to, kind, response)
                    return RawResponse(response, decoded) if raw else decoded
                if stream:
                    response.read()
                    response.close()
                failure = self._error(response)
                if not should_retry(response.status_code, response.headers):
                    raise failure
                retry_after = server_requested_delay(response.headers)
            delay = self._plan_retry(attempt, failure, retry_after, options, deadline, request)
            if delay is None:
                raise failure
            self._sleep(delay)
        raise AssertionError("unreachable")

    def request(self, *, cast_to: type[T], **kwargs: Any) -> T:
        """Sends one logical request (with its retries) and decodes the response into ``cast_to``."""
        return cast(T, self._send(cast_to, kwargs))

    def request_stream(self, **kwargs: Any) -> EventStream:
        """Like :meth:`request`, for a ``text/event-stream`` response, left open to iterate."""
        return cast(EventStream, self._send(None, kwargs, stream=True))

    def request_page(
        self, *, page_type: type[PageT], item_type: type[ItemT], pagination: Pagination, **kwargs: Any
    ) -> SyncPage[PageT, ItemT]:
        """Like :meth:`request`, for cursor-paginated lists: the result iterates over every item."""
        query = dict(kwargs.pop("query", None) or {})

        def fetch(cursor: str | None) -> PageT:
            page_query = query if cursor is None else {**query, pagination.cursor_param: cursor}
            return self.request(cast_to=page_type, query=page_query, **kwargs)

        return SyncPage(fetch(None), pagination, fetch)


class AsyncHttpClient(BaseHttpClient):
    """The asyncio engine, on an ``httpx.AsyncClient`` (yours, or one it creates and owns)."""

    def __init__(
        self,
        options: ClientOptions,
        problem_classes: Mapping[str, type[ApiError]],
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(options, problem_classes)
        self._owns_http = http_client is None
        self.http = http_client or httpx.AsyncClient()
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def close(self) -> None:
        if self._owns_http:
            await self.http.aclose()

    async def _authorization(self) -> str | None:
        key = self.options.api_key
        token = key() if callable(key) else key
        if inspect.isawaitable(token):
            token = await token
        return f"Bearer {token}" if token else None

    async def _send(
        self, cast_to: Any, kwargs: dict[str, Any], stream: bool = False, raw: bool = False
    ) -> Any:
        options = cast(RequestOptions, kwargs.pop("options") or {})
        kind: ResponseKind = kwargs["response"]
        request = self._prepare(**kwargs, options=options, authorization=await self._authorization())
        self._log_request(request)
        timeout = self._timeout(options)
        deadline = self._deadline(options)
        for attempt in itertools.count():
            retry_after: float | None = None
            try:
                response = await self.http.send(
                    self.http.build_request(
                        request.method,
                        request.url,
                        headers=request.headers,
                        content=request.content,
                        timeout=timeout,
                    ),
                    stream=stream,
                    follow_redirects=kind != "redirect",
                )
            except httpx.TransportError as error:
                failure: ApiError | ApiConnectionError = self._connection_error(error, timeout)
            else:
                self._log_response(request, response)
                if self._ok(kind, response):
                    if stream:
                        return AsyncEventStream(response)
                    decoded = self._decode(cast_to, kind, response)
                    return RawResponse(response, decoded) if raw else decoded
                if stream:
                    await response.aread()
                    await response.aclose()
                failure = self._error(response)
                if not should_retry(response.status_code, response.headers):
                    raise failure
                retry_after = server_requested_delay(response.headers)
            delay = self._plan_retry(attempt, failure, retry_after, options, deadline, request)
            if delay is None:
                raise failure
            await self._sleep(delay)
        raise AssertionError("unreachable")

    async def request(self, *, cast_to: type[T], **kwargs: Any) -> T:
        """Sends one logical request (with its retries) and decodes the response into ``cast_to``."""
        return cast(T, await self._send(cast_to, kwargs))

    async def request_stream(self, **kwargs: Any) -> AsyncEventStream:
        """Like :meth:`request`, for a ``text/event-stream`` response, left open to ``async for``."""
        return cast(AsyncEventStream, await self._send(None, kwargs, stream=True))

    def request_page(
        self, *, page_type: type[PageT], item_type: type[ItemT], pagination: Pagination, **kwargs: Any
    ) -> AsyncPager[PageT, ItemT]:
        """Like :meth:`request`, for cursor-paginated lists: await the first page or iterate every item."""
        query = dict(kwargs.pop("query", None) or {})

        async def fetch(cursor: str | None) -> PageT:
            page_query = query if cursor is None else {**query, pagination.cursor_param: cursor}
            return await self.request(cast_to=page_type, query=page_query, **dict(kwargs))

        return AsyncPager(pagination, fetch)
