"""What keeps the local page local: token, Host check, body size limit, paths confined to FOLDER.

* Every request must carry the secret token: once in the URL printed at start
  (``?token=…``), which sets a cookie (HttpOnly, SameSite=Strict) and redirects
  to the same address without it; afterwards the cookie. Anything else: 403.
* The Host header must name this server (127.0.0.1/localhost and its port), so
  a web site that rebinds its DNS name to 127.0.0.1 is refused (403).
* A request that changes something must not come from another origin.
* Bodies larger than the limit are refused with 413 before they are read whole.
* :func:`inside` resolves a user-given relative path (symlinks included) and
  refuses anything that is not inside the served folder.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from ..errors import InputError
from ..limits import MAX_UPLOAD_BYTES

__all__ = ["BodyTooLarge", "Guard", "inside", "new_token"]

COOKIE = "dvtemplate_token"

_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


def new_token() -> str:
    """A fresh secret for the printed URL."""
    return secrets.token_urlsafe(24)


def inside(folder: Path, relative: str) -> Path:
    """``folder / relative``, resolved; InputError when it would leave *folder* (``..``, absolute, symlink)."""
    text = (relative or "").replace("\\", "/")
    if not text or "\x00" in text or text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        raise InputError(f"Đường dẫn '{relative}' không hợp lệ.")
    root = folder.resolve()
    target = (root / text).resolve()
    if target != root and root not in target.parents:
        raise InputError(f"Đường dẫn '{relative}' nằm ngoài thư mục làm việc.")
    return target


async def _plain(send, status: int, message: str, extra: list | None = None) -> None:
    body = message.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + _HEADERS + (extra or [])})
    await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """Raised while reading a body that passes the limit (the app turns it into a 413)."""


class Guard:
    """ASGI middleware in front of the whole app (see the module docstring)."""

    def __init__(self, app, *, token: str, hosts: set[str] | None, max_body: int = MAX_UPLOAD_BYTES) -> None:
        """*hosts*: the accepted ``Host`` headers; None (remote mode on every interface) accepts any."""
        self.app = app
        self.token = token
        self.hosts = {h.lower() for h in hosts} if hosts is not None else None
        self.max_body = max_body

    def _headers(self, scope) -> dict[str, str]:
        return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return
        headers = self._headers(scope)
        if self.hosts is not None and headers.get("host", "").lower() not in self.hosts:
            await _plain(
                send, 403, "Địa chỉ máy chủ không hợp lệ: trang này chỉ mở được tại địa chỉ đã in khi khởi động."
            )
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = dict(query).get("token")
        if given is not None and secrets.compare_digest(given.encode(), self.token.encode()):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope.get("raw_path", scope["path"].encode()).decode("latin-1") + (f"?{rest}" if rest else "")
            cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode()
            await _plain(send, 303, "Đã xác thực.", [(b"location", location.encode()), (b"set-cookie", cookie)])
            return
        if not secrets.compare_digest(_cookie(headers.get("cookie", "")).encode(), self.token.encode()):
            await _plain(
                send,
                403,
                "Không có quyền truy cập: hãy mở đúng địa chỉ (có mã token) mà lệnh 'dvtemplate serve' đã in ra.",
            )
            return
        if scope["method"] not in ("GET", "HEAD") and not self._same_origin(headers):
            await _plain(send, 403, "Yêu cầu từ trang khác bị từ chối.")
            return
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await _plain(send, 413, _too_large(self.max_body))
            return
        await self._limited(scope, receive, send)

    def _same_origin(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        if origin is None or origin == "null":
            return origin is None
        origin_host = origin.split("://", 1)[-1].lower()
        if self.hosts is None:
            return origin_host == headers.get("host", "").lower()
        return origin_host in self.hosts

    async def _limited(self, scope, receive, send) -> None:
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": list(message.get("headers", [])) + _HEADERS}
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, _too_large(self.max_body))
        except Exception as exc:  # a bug in dvtemplate: the page got its 500; the console gets one line
            if os.environ.get("DVTEMPLATE_DEBUG"):
                raise
            print(
                f"Lỗi không mong đợi trong dvtemplate ({type(exc).__name__}: {exc}) khi xử lý {scope['path']}. "
                "Chạy lại với DVTEMPLATE_DEBUG=1 để xem chi tiết.",
                file=sys.stderr,
            )
            if not started:
                await _plain(send, 500, "Lỗi không mong đợi trong dvtemplate. Đây là lỗi của phần mềm.")


def _too_large(limit: int) -> str:
    return f"Tệp tải lên quá lớn (tối đa {limit // 1024 // 1024} MB)."


def _cookie(header: str) -> str:
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return ""
