"""``dvtemplate serve`` in a real browser: Debian's chromium driven by playwright, the real uvicorn server.

Skipped (with the reason) when chromium or playwright is missing, except under CI=true, where it fails.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from docx import Document

from conftest import EXAMPLES
from dvtemplate.loading import load_plan

CHROMIUM = os.environ.get("DVTEMPLATE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PLAN = "ke-hoach-tinh-2026.yaml"


def _sync_playwright():
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason, sync_playwright = "playwright chưa được cài (pip install playwright)", None
    if reason is None and not Path(CHROMIUM).exists():
        reason = f"không có chromium tại {CHROMIUM} (apt-get install chromium)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: kiểm thử trình duyệt không được bỏ qua — {reason}")
        pytest.skip(reason)
    return sync_playwright


@contextmanager
def clerk_page(ready, height: int = 900):
    """Chromium on the served page as a clerk opens it: yields (page, problems, requests). *problems*
    collects console errors and warnings and page errors; *requests* every URL the page asked for."""
    sync_playwright = _sync_playwright()
    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": height}, accept_downloads=True)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        page.goto(ready.url)
        yield page, problems, requests
        browser.close()


def off_this_machine(ready, requests: list[str]) -> list[str]:
    """The requests that went anywhere but the served address (data: and blob: URLs stay in the page)."""
    base = urlsplit(ready.url)
    return [u for u in requests if urlsplit(u).netloc != base.netloc and not u.startswith(("data:", "blob:"))]


@pytest.fixture
def server(tmp_path: Path):
    from dvtemplate.web import prepare

    folder = tmp_path / "lam-viec"
    shutil.copytree(EXAMPLES, folder)
    ready = prepare(folder, port=0)
    thread = threading.Thread(target=ready.server.run, kwargs={"sockets": [ready.sock]}, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not ready.server.started and time.time() < deadline:
        time.sleep(0.05)
    assert ready.server.started
    yield ready, folder
    ready.server.should_exit = True
    thread.join(10)
    ready.sock.close()


def test_edit_validate_save_and_download_in_chromium(server, tmp_path):
    sync_playwright = _sync_playwright()
    ready, folder = server
    base = urlsplit(ready.url)
    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: problems.append(str(exc)))

        page.goto(ready.url)
        assert "token=" not in page.url  # the token became a cookie
        page.get_by_role("link", name="Thực hiện công tác dân vận chính quyền năm 2026").click()
        page.wait_for_selector("#plan-form")
        assert page.locator("#summary").inner_text().startswith("Kế hoạch hợp lệ")

        # change a field into an error: the message appears next to it, as `validate` says it
        year = page.get_by_role("textbox", name="Năm của kế hoạch", exact=False).first
        year.fill("hai nghìn")
        page.wait_for_selector("#summary.has-errors")
        error = page.locator('#plan-form > .node > .fields > [data-key="year"] > .err')
        assert error.inner_text() == "phải là số nguyên"

        # fix it, change the title, add a point with the keyboard-reachable button
        year.fill("2026")
        page.wait_for_selector("#summary.ok")
        title = page.locator('#plan-form > .node > .fields > [data-key="title"] textarea')
        title.fill("Thực hiện công tác dân vận chính quyền năm 2026 (trình duyệt)")
        page.wait_for_selector("#summary.ok")

        # the long parts are folded (the form fits a few screens); the section list opens one
        assert page.locator("#f-sections").evaluate("n => n.classList.contains('folded')")
        folded = page.evaluate("document.documentElement.scrollHeight")
        page.locator("#unfold-all").click()
        unfolded = page.evaluate("document.documentElement.scrollHeight")
        page.locator("#fold-all").click()
        print(f"form height: {folded} px folded, {unfolded} px unfolded")
        assert folded < 4000 < unfolded
        page.locator(".toc a", has_text="Các phần nội dung").click()
        assert page.locator("#f-sections > ol.elements").is_visible()

        # lists: add a point (focus goes into it), move it up, remove the point above it
        points = page.locator(
            "#f-sections > ol.elements > li:nth-child(1) > .node > .fields > [data-key=items]"
            " > ol.elements > li:nth-child(2) > .node > .fields > [data-key=points]"
        )
        points.locator(":scope > button.add").click()
        new_point = points.locator(":scope > ol.elements > li").last
        assert new_point.locator(":focus").count() == 1  # keyboard users land in the new point
        page.keyboard.type("Điểm mới gõ trên trang")
        new_point.locator(":scope > .el-bar > button.up").click()
        points.locator(":scope > ol.elements > li").first.locator(":scope > .el-bar > button.del").click()
        page.wait_for_selector("#summary.ok")

        page.locator("#save").click()
        page.locator("#status", has_text="Đã lưu").wait_for()  # (the page's CSP forbids evaluated strings)
        saved_plan = load_plan(folder / PLAN).plan
        titles = [p.title or p.text for p in saved_plan.sections[0].items[1].points]
        assert titles[0] == "Điểm mới gõ trên trang" and len(titles) == 2
        assert titles[1].startswith("Nâng tỷ lệ hồ sơ trực tuyến")
        text = (folder / PLAN).read_text("utf-8")
        assert "(trình duyệt)" in text and '# in ra "Số: 09/KH-UBND"' in text

        # make the Kế hoạch and download it
        page.locator("button.make[data-kind=plan]").click()
        link = page.locator("#result ul.files a").first
        link.wait_for()
        with page.expect_download() as download_info:
            link.click()
        saved = tmp_path / "tai-ve.docx"
        download_info.value.save_as(saved)
        document = Document(io.BytesIO(saved.read_bytes()))
        body = "\n".join(p.text for p in document.paragraphs)
        assert "(trình duyệt)" in body.lower() or "(TRÌNH DUYỆT)" in body

        # the text preview opens and closes with Escape
        page.locator("#preview-btn").click()
        page.wait_for_selector("#preview-body img, #preview-body .paper", timeout=60000)
        page.keyboard.press("Escape")
        assert page.locator("#preview").is_hidden()
        browser.close()

    assert problems == []
    outside = [u for u in requests if urlsplit(u).netloc != base.netloc and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert len(requests) > 5
