"""Screenshots of ``dvtemplate serve`` at 1366×768 for the README: the plan list, the form, the return loop.

Run from the repository root:  python tools/make_web_screenshots.py
Serves a copy of examples/ on a free loopback port and drives the system chromium with playwright.
The reply letters and filled forms of the return loop are made by the test helpers (tests/commentdocs.py,
tests/collectfill.py), the way the tests make them.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PLAN = "ke-hoach-tinh-2026.yaml"
REPLY_UNITS = "Tên đơn vị,Cấp,Viết tắt\nSở Tư pháp,sở,STP\nỦy ban nhân dân phường Nha Trang,phường,\nỦy ban nhân dân xã Diên Khánh,xã,\n"
REPORT_UNITS = ("Ủy ban nhân dân xã An Bình", "Ủy ban nhân dân xã Cam Hải", "Ủy ban nhân dân đặc khu Trường Sa")


def _inputs(folder: Path, inbox: Path) -> tuple[list[str], list[str]]:
    """Two reply letters and two filled report forms, as files on the clerk's computer."""
    from collectfill import fill
    from commentdocs import LETTER_REF, reply_docx

    from dvtemplate.batch import run_batch
    from dvtemplate.loading import load_plan

    inbox.mkdir()
    (folder / "don-vi-gop-y.csv").write_text(REPLY_UNITS, encoding="utf-8")
    intro = f"Thực hiện {LETTER_REF}, đơn vị có ý kiến như sau:"
    replies = {
        "stp.docx": reply_docx(
            body=[
                intro,
                "1. Tại điểm a khoản 1 Mục II: đề nghị bổ sung phổ biến Luật Tiếp công dân.",
                "2. Đề nghị rà soát chính tả.",
            ]
        ),
        "nt.docx": reply_docx(
            parent=None,
            issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG NHA TRANG"],
            so="Số: 45/UBND-VP",
            body=[f"Phúc đáp {LETTER_REF}, Ủy ban nhân dân phường thống nhất với nội dung dự thảo."],
        ),
    }
    reply_paths = []
    for name, data in replies.items():
        (inbox / name).write_bytes(data)
        reply_paths.append(str(inbox / name))
    units = folder / "don-vi-bao-cao.csv"
    units.write_text("Tên đơn vị,Cấp\n" + "\n".join(f"{u},xã" for u in REPORT_UNITS) + "\n", encoding="utf-8")
    blank = run_batch(load_plan(folder / PLAN).plan, units, "2026-H1", Path(tempfile.mkdtemp()), jobs=1).files
    filled = {
        "an-binh.docx": ("An-Binh", {"dvt:ind:doi-thoai": "10 cuộc", "dvt:ind:phan-anh": "100"}, (2026, 6, 10)),
        "cam-hai.docx": ("Cam-Hai", {"dvt:ind:doi-thoai": "mười", "dvt:ind:phan-anh": "50"}, (2026, 6, 20)),
    }
    form_paths = []
    for name, (slug, values, day) in filled.items():
        source = next(f for f in blank if slug in f.name)
        (inbox / name).write_bytes(fill(source.read_bytes(), values))
        stamp = time.mktime((*day, 9, 0, 0, 0, 0, -1))
        os.utime(inbox / name, (stamp, stamp))
        form_paths.append(str(inbox / name))
    return reply_paths, form_paths


def _loop(page, reply_paths: list[str], form_paths: list[str], shot: Path) -> None:
    page.locator("table.plans tr", has_text=PLAN).get_by_role("link", name="Góp ý, báo cáo, lịch").click()
    page.wait_for_selector("#loop")
    page.locator("#comments-units").select_option("don-vi-gop-y.csv")
    page.locator("#comments-form input[name=files]").set_input_files(reply_paths)
    page.get_by_role("button", name="Tải lên và tổng hợp góp ý").click()
    rows = page.locator("#answers-body tr")
    rows.first.wait_for()
    rows.nth(0).locator("select.choice").select_option("Tiếp thu")
    rows.nth(1).locator("select.choice").select_option("Giải trình, giữ nguyên dự thảo")
    rows.nth(1).locator("textarea.reason").fill("Đã rà soát khi hoàn thiện dự thảo.")
    page.get_by_role("button", name="Lưu và soạn Tờ trình").click()
    page.locator("#answers-result a", has_text="Tờ trình").wait_for()
    page.locator("#collect-form input[name=period]").fill("2026-H1")
    page.locator("#collect-units").select_option("don-vi-bao-cao.csv")
    page.locator("#collect-form input[name=files]").set_input_files(form_paths)
    page.get_by_role("button", name="Tải lên và tổng hợp báo cáo").click()
    page.locator("#collect-result a", has_text="Công văn đôn đốc").wait_for(timeout=120000)
    page.get_by_role("button", name="Xuất lịch và bảng theo dõi").click()
    page.locator("#calendar-result a").first.wait_for()
    page.set_viewport_size({"width": 1366, "height": 1180})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    page.locator("#bao-cao").scroll_into_view_if_needed()
    page.screenshot(path=str(shot.with_name("web-tong-hop-bao-cao.png")))


def main() -> None:
    from playwright.sync_api import sync_playwright

    from dvtemplate.web import prepare

    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lam-viec"
        shutil.copytree(ROOT / "examples", folder)
        reply_paths, form_paths = _inputs(folder, Path(tmp) / "hop-thu")
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
                page.screenshot(path=str(docs / "web-danh-sach.png"))
                page.click("text=Thực hiện công tác dân vận chính quyền năm 2026 >> nth=0")
                page.wait_for_selector("#plan-form")
                page.locator(".toc a", has_text="Cơ quan ban hành").click()
                field = page.locator('#f-issuer > .fields > [data-key="abbreviation"] input')
                field.fill("")
                page.wait_for_selector("#summary.has-errors")
                page.wait_for_timeout(300)
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(docs / "web-bieu-mau.png"))
                page.goto(ready.url.split("?")[0])
                page.wait_for_selector("table.plans")
                _loop(page, reply_paths, form_paths, docs / "web-van-ban-gui-ve.png")
                browser.close()
        finally:
            ready.server.should_exit = True
            thread.join(10)
    print("Đã ghi docs/web-danh-sach.png, web-bieu-mau.png, web-van-ban-gui-ve.png, web-tong-hop-bao-cao.png")


if __name__ == "__main__":
    main()
