"""Screenshots of ``dvtemplate serve`` at 1366×768 for the README: the plan list and the form.

Run from the repository root:  python tools/make_web_screenshots.py
Serves a copy of examples/ on a free loopback port and drives the system chromium with playwright.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main() -> None:
    from playwright.sync_api import sync_playwright

    from dvtemplate.web import prepare

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lam-viec"
        shutil.copytree(ROOT / "examples", folder)
        ready = prepare(folder, port=0)
        thread = threading.Thread(target=ready.server.run, kwargs={"sockets": [ready.sock]}, daemon=True)
        thread.start()
        while not ready.server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN")
                page.goto(ready.url)
                page.wait_for_selector("table.plans")
                page.screenshot(path=str(ROOT / "docs" / "web-danh-sach.png"))
                page.click("text=Thực hiện công tác dân vận chính quyền năm 2026 >> nth=0")
                page.wait_for_selector("#plan-form")
                field = page.locator('#f-issuer > .fields > [data-key="abbreviation"] input')
                field.fill("")
                page.wait_for_selector("#summary.has-errors")
                page.wait_for_timeout(300)
                page.screenshot(path=str(ROOT / "docs" / "web-bieu-mau.png"))
                browser.close()
        finally:
            ready.server.should_exit = True
            thread.join(10)
    print("Đã ghi docs/web-danh-sach.png và docs/web-bieu-mau.png")


if __name__ == "__main__":
    main()
