"""``dvtemplate serve``: the local web page (a thin layer over :func:`dvtemplate.web.run`)."""

from __future__ import annotations

import click

__all__ = ["serve_cmd"]


@click.command("serve")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Cổng (bận thì thử cổng kế tiếp)."
)
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Địa chỉ phục vụ (khác 127.0.0.1 cần --allow-remote)."
)
@click.option(
    "--allow-remote", is_flag=True, help="Cho phép máy khác truy cập qua --host (rủi ro: chỉ dùng trong mạng tin cậy)."
)
def serve_cmd(folder: str, port: int, no_browser: bool, host: str, allow_remote: bool) -> None:
    """Mở trang web trên máy này để sửa kế hoạch và soạn văn bản (dừng bằng Ctrl+C)."""
    from ..web import run

    run(folder, host=host, port=port, open_browser=not no_browser, allow_remote=allow_remote, say=click.echo)
