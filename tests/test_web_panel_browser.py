"""The plan page's panel clicked in Debian's chromium: a report for a unit that is not a People's
Committee, stale links cleared after a failed save, next year's plan with its review in words."""

from __future__ import annotations

import re
import zipfile

from lxml import etree
from test_web_browser import PLAN, clerk_page, off_this_machine, server  # noqa: F401  (fixture)

CONFLICT = "Failed to load resource: the server responded with a status of 409 (Conflict)"


def test_panel_in_chromium(server, tmp_path):  # noqa: F811
    ready, folder = server
    with clerk_page(ready) as (page, problems, requests):
        page.get_by_role("link", name="Thực hiện công tác dân vận chính quyền năm 2026").click()
        page.wait_for_selector("#plan-form")
        assert page.locator("#status").inner_text().startswith(f"Đang sửa {PLAN}: hợp lệ")

        # a report form for Phòng Tư pháp: its abbreviation and signer's title from the panel
        page.locator("summary", has_text="Mẫu báo cáo của một đơn vị").click()
        page.locator("#report-period").fill("2026-H1")
        page.locator("#report-unit").fill("Phòng Tư pháp")
        page.get_by_label("Chữ viết tắt trong ký hiệu").fill("TP")
        page.get_by_label("Chức vụ người ký").fill("Trưởng phòng")
        page.get_by_role("button", name="Soạn mẫu báo cáo").click()
        link = page.locator("#result ul.files a").first
        link.wait_for()
        assert re.search(r"Đã soạn trong \d+,\d\d giây", page.locator("#result").inner_text())
        with page.expect_download() as info:
            link.click()
        saved = tmp_path / "bao-cao.docx"
        info.value.save_as(saved)
        with zipfile.ZipFile(saved) as z:
            text = "".join(etree.fromstring(z.read("word/document.xml")).itertext())
        assert "/BC-TP" in text and "TRƯỞNG PHÒNG" in text.upper()

        # a failed save (the file changed on disk) clears the links of documents made before
        (folder / PLAN).write_text((folder / PLAN).read_text("utf-8") + "\n# sửa bằng Notepad\n", "utf-8")
        page.locator("#f-issuer button.fold").click()
        page.locator('#f-issuer > .fields > [data-key="place"] input').fill("Nha Trang")
        page.locator("#save").click()
        page.locator("#status", has_text="Chưa lưu: tệp đã đổi trên đĩa").wait_for()
        assert page.locator("#result a").count() == 0
        assert page.locator("#conflict").is_visible()
        page.get_by_role("button", name="Ghi đè bản trên đĩa").click()
        page.locator("#status", has_text=f"Đã lưu {PLAN}").wait_for()

        # next year's plan: the review list names places, not paths
        page.locator("summary", has_text="Kế hoạch năm sau").click()
        page.get_by_role("button", name="Lập kế hoạch năm sau").click()
        page.locator("#result a", has_text="ke-hoach-tinh-2027.yaml").wait_for()
        review = page.locator("#result .review").all_inner_texts()
        assert review and not [line for line in review if re.search(r"\[\d|\w\.\w+\[|draft", line)]
        assert any("Ngày ban hành" in line for line in review), review
    assert [p for p in problems if p != CONFLICT] == []
    assert problems.count(CONFLICT) == 1  # the one refused save, shown to the clerk as the conflict box
    assert off_this_machine(ready, requests) == []
