"""Saving from the page changes only what the clerk changed, and keeps what the clerk typed.

Each edit is made in Debian's chromium as a clerk would make it; the file is then diffed
against the file before the edit: only the lines of that edit differ.
"""

from __future__ import annotations

import difflib
from urllib.parse import urlsplit

from test_web_browser import ARGS, CHROMIUM, PLAN, _sync_playwright, server  # noqa: F401  (fixture)

DUTY = (
    "#plan-form [data-key=assignments] > .fields > [data-key=items] > ol > li:nth-child(1) > .node > .fields"
    " > [data-key=duties] > ol > li:nth-child(2) > .node > .fields > [data-key=deadline] input"
)
TITLE = "#plan-form > .node > .fields > [data-key=title] textarea"
DRAFT = "#plan-form > .node > .fields > [data-key=draft] select"


def _changed(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _save(page) -> str:
    page.locator("#save").click()
    page.locator("#status", has_text=f"Đã lưu {PLAN}").wait_for()
    return page.locator("#status").inner_text()


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#plan-form")
    page.wait_for_selector("#summary p")
    page.locator("#unfold-all").click()


def test_each_kind_of_edit_changes_only_its_lines(server):  # noqa: F811
    sync_playwright = _sync_playwright()
    ready, folder = server
    path = folder / PLAN
    path.write_text(
        path.read_text("utf-8").replace(
            "title: Thực hiện công tác dân vận chính quyền năm 2026\n",
            "title: Thực hiện công tác dân vận chính quyền năm 2026   # trích yếu in dưới tên loại\n",
        ),
        "utf-8",
    )
    base = urlsplit(ready.url)
    form_url = f"{base.scheme}://{base.netloc}/ke-hoach/{PLAN}"
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        page.goto(ready.url)

        # 1. save untouched: nothing changes (no default written, no `aggregate: sum` added)
        _open(page, form_url)
        before = path.read_text("utf-8")
        _save(page)
        assert _changed(before, path.read_text("utf-8")) == []

        # 2. one deadline: one line
        page.locator(DUTY).fill("20/12/2026")
        _save(page)
        after = path.read_text("utf-8")
        assert _changed(before, after) == ["-          deadline: 15/12/2026", "+          deadline: 20/12/2026"]
        assert "aggregate: sum" not in after.replace("type: yes_no, aggregate: sum", "")

        # 3. a boolean question answered: one line
        before = after
        _open(page, form_url)
        page.locator(DRAFT).select_option(label="Có")
        _save(page)
        after = path.read_text("utf-8")
        assert _changed(before, after) == ["-draft: false", "+draft: true"]

        # 4. a choice given in words, and a list element removed: only those lines
        before = after
        _open(page, form_url)
        indicators = page.locator("#f-reporting > .fields > [data-key=indicators] > ol.elements > li")
        indicators.nth(0).locator("[data-key=aggregate] select").select_option(label="cộng tổng")
        indicators.last.locator(":scope > .el-bar > button.del").click()
        _save(page)
        after = path.read_text("utf-8")
        assert _changed(before, after) == [
            "-    - {label: Số cuộc đối thoại trực tiếp với Nhân dân, unit: cuộc, type: integer, key: doi-thoai}",
            "+    - {label: Số cuộc đối thoại trực tiếp với Nhân dân, unit: cuộc, type: integer, aggregate: sum, key: doi-thoai}",
            "-    - {label: 'Có mô hình \"Dân vận khéo\" được công nhận trong kỳ', type: yes_no, aggregate: sum, key: mo-hinh}",
        ], _changed(before, after)

        # 5. errors: the title emptied and an impossible date; both kept as typed, with the comment
        before = after
        _open(page, form_url)
        page.locator(TITLE).fill("")
        page.locator(DUTY).fill("31/02/2026")
        status = _save(page)
        assert "còn 2 lỗi" in status
        after = path.read_text("utf-8")
        changed = [" ".join(line.split()) for line in _changed(before, after)]  # ruamel keeps the comment's column
        assert changed == [
            "-title: Thực hiện công tác dân vận chính quyền năm 2026 # trích yếu in dưới tên loại",
            "+title: '' # trích yếu in dưới tên loại",
            "- deadline: 20/12/2026",
            "+ deadline: 31/02/2026",
        ]
        saved_errors = page.locator("#summary li.error").all_inner_texts()
        # reopened: the same errors, the same typed values
        _open(page, form_url)
        assert page.locator("#summary li.error").all_inner_texts() == saved_errors
        assert any(e.startswith("Trích yếu:") for e in saved_errors), saved_errors
        assert any(e.startswith("Phần tổ chức thực hiện › Cơ quan 1 › Nhiệm vụ 2 › Thời hạn") for e in saved_errors)
        assert page.locator(DUTY).input_value() == "31/02/2026"
        assert page.locator(TITLE).input_value() == ""
        # saving again without a change changes nothing
        _save(page)
        assert path.read_text("utf-8") == after
        browser.close()
    assert problems == []
    assert [u for u in requests if urlsplit(u).netloc != base.netloc] == []
