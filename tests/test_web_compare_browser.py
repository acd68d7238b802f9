"""What changed since last year, clicked in Debian's chromium: next year's plan from the panel shows the
table of changes in words with its two files; after the clerk edits the new plan, «So sánh» lists the
edits. No console error, no request off this machine."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from lxml import etree
from test_web_browser import PLAN, clerk_page, off_this_machine, server  # noqa: F401  (fixture)

from dvtemplate.compare import NO_CHANGES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _download(page, link, tmp_path, name) -> bytes:
    with page.expect_download() as info:
        link.click()
    target = tmp_path / name
    info.value.save_as(target)
    return target.read_bytes()


def test_changes_since_last_year_in_chromium(server, tmp_path):  # noqa: F811
    ready, folder = server
    with clerk_page(ready) as (page, problems, requests):
        page.get_by_role("link", name="Thực hiện công tác dân vận chính quyền năm 2026").click()
        page.wait_for_selector("#plan-form")

        # next year's plan: the changes come with rollover's result
        page.locator("summary", has_text="Kế hoạch năm sau").click()
        page.get_by_role("button", name="Lập kế hoạch năm sau").click()
        changes = page.locator("#result .changes")
        changes.locator("h3", has_text="Thay đổi so với năm trước").wait_for()
        assert "chưa thay đổi mục, nhiệm vụ, chỉ tiêu, thời hạn nào" in changes.inner_text()
        sheet = _download(page, changes.locator("a", has_text="Bảng thay đổi"), tmp_path, "bang.xlsx")
        rows = list(openpyxl.load_workbook(io.BytesIO(sheet)).worksheets[0].iter_rows(values_only=True))
        assert rows[0][:2] == ("Phần", "Nội dung") and [r[1] for r in rows[1:]] == [NO_CHANGES]
        word = _download(page, changes.locator("a", has_text="đánh dấu thay đổi"), tmp_path, "so-sanh.docx")
        with zipfile.ZipFile(io.BytesIO(word)) as z:
            assert etree.fromstring(z.read("word/document.xml")).find(f".//{W}ins") is not None

        # the clerk changes a target of the new plan (in the file), then compares it with last year's
        new = folder / "ke-hoach-tinh-2027.yaml"
        new.write_text(new.read_text("utf-8").replace('value: "20"', 'value: "30"', 1), "utf-8")
        page.locator("#result a", has_text="Mở ke-hoach-tinh-2027.yaml").click()
        page.wait_for_selector("#plan-form")
        page.locator("summary", has_text="So sánh với kế hoạch năm trước").click()
        assert page.locator("#compare-old").input_value() == PLAN
        page.get_by_role("button", name="So sánh", exact=True).click()
        changes = page.locator("#result .changes")
        changes.locator("summary", has_text="Chỉ tiêu (1)").wait_for()
        text = changes.inner_text()
        assert "có 1 thay đổi (không kể việc đổi năm): 1 chỉ tiêu." in text
        assert "năm 2026 là «20 mô hình" in text and "năm 2027 là «30 mô hình" in text
        assert "Nhiệm vụ (" not in text  # only parts that changed are listed
    assert problems == []
    assert off_this_machine(ready, requests) == []
