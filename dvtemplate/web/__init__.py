"""``dvtemplate serve``: a local web page over the library API, for clerks who never edit YAML.

:func:`run` binds 127.0.0.1 (another address only with ``allow_remote``),
prints a URL with a secret token, opens the browser and serves until Ctrl+C.
:func:`prepare` does everything but the serving loop (tests and tools run the
returned uvicorn server in a thread).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, OutputError, os_reason

__all__ = ["run", "prepare", "Prepared", "LOOPBACK", "DEFAULT_PORT"]

LOOPBACK = ("127.0.0.1", "localhost")
DEFAULT_PORT = 8765
_TRIES = 20


@dataclass
class Prepared:
    """A ready server: the app, its bound socket, the URL to open (with token) and the uvicorn server."""

    app: Any
    sock: socket.socket
    url: str
    token: str
    server: Any


def _bind(host: str, port: int) -> socket.socket:
    last: OSError | None = None
    candidates = [port] if port == 0 else [port + i for i in range(_TRIES)]
    for candidate in candidates:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind((host, candidate))
            sock.listen(64)
            sock.setblocking(False)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise OutputError(f"Không mở được cổng {port} trên {host}: {os_reason(last) if last else ''}.")


def prepare(
    folder: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    allow_remote: bool = False,
    token: str | None = None,
) -> Prepared:
    """Check the folder and the address, bind the socket, build the app behind its guard."""
    import uvicorn

    from .app import create_app
    from .security import new_token

    if host not in LOOPBACK and host != "::1" and not allow_remote:
        raise InputError(
            f"Chỉ phục vụ trên máy này (127.0.0.1); địa chỉ '{host}' cần cho phép truy cập từ máy khác.",
            hint="Mở cho máy khác truy cập là rủi ro: ai có địa chỉ và mã token đều sửa được tệp.",
            field="allow_remote",
        )
    if not Path(folder).is_dir():
        raise InputError(f"Không tìm thấy thư mục '{folder}'.")
    bind_host = "127.0.0.1" if host == "localhost" else host
    sock = _bind(bind_host, port)
    real_port = sock.getsockname()[1]
    hosts: set[str] | None = {f"127.0.0.1:{real_port}", f"localhost:{real_port}", f"[::1]:{real_port}"}
    if host in ("0.0.0.0", "::"):
        hosts = None  # every interface: the names clients use are unknown; the token still guards
    elif host not in LOOPBACK:
        hosts.add(f"{host}:{real_port}")
    token = token or new_token()
    app = create_app(folder, token=token, hosts=hosts, warm=True)
    shown_host = "127.0.0.1" if host in LOOPBACK else host
    url = f"http://{shown_host}:{real_port}/?token={token}"
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=3)
    return Prepared(app, sock, url, token, uvicorn.Server(config))


def run(
    folder: str | Path = ".",
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    open_browser: bool = True,
    allow_remote: bool = False,
    say: Callable[[str], None] = print,
) -> None:
    """Serve *folder* until Ctrl+C."""
    ready = prepare(folder, host=host, port=port, allow_remote=allow_remote)
    if host not in LOOPBACK:
        say(f"CẢNH BÁO: trang đang mở cho máy khác qua {host}; chỉ dùng trong mạng tin cậy.")
    say(f"dvtemplate đang phục vụ thư mục {Path(folder).resolve()}")
    say(f"Mở trang: {ready.url}")
    say("Nhấn Ctrl+C để dừng.")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, lambda: webbrowser.open(ready.url)).start()
    try:
        ready.server.run(sockets=[ready.sock])
    except KeyboardInterrupt:  # uvicorn shut down gracefully, then re-raised the Ctrl+C it caught
        pass
    finally:
        ready.sock.close()
    say("Đã dừng.")
