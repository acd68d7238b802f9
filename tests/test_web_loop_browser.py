"""The return loop clicked through in Debian's chromium, as a clerk would: replies, answers, Tờ trình,
returned forms, đôn đốc, calendar. No console error, no request off this machine."""

from __future__ import annotations

import io
import os
import re
import time

import docx
from test_web_browser import clerk_page, off_this_machine, server  # noqa: F401  (fixture)
from test_web_loop import C, forms_for, replies_and_units


def _download(page, link, tmp_path, name):
    with page.expect_download() as info:
        link.click()
    target = tmp_path / name
    info.value.save_as(target)
    return docx.Document(io.BytesIO(target.read_bytes()))


def test_return_loop_in_chromium(server, tmp_path):  # noqa: F811
    ready, folder = server
    replies = replies_and_units(folder)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    reply_paths = []
    for _, (name, data) in replies:
        (inbox / name).write_bytes(data)
        reply_paths.append(str(inbox / name))
    a, b, _units = forms_for(folder)
    sent = time.mktime((2026, 6, 10, 9, 0, 0, 0, 0, -1))
    form_paths = []
    for name, data in (("an-binh.docx", a), ("cam-hai.docx", b)):
        (inbox / name).write_bytes(data)
        os.utime(inbox / name, (sent, sent))  # the browser sends the file's own date
        form_paths.append(str(inbox / name))
    with clerk_page(ready) as (page, problems, requests):
        row = page.locator("table.plans tr", has_text="ke-hoach-tinh-2026.yaml")
        row.get_by_role("link", name="Góp ý, báo cáo, lịch").click()
        page.wait_for_selector("#loop")

        # góp ý: units list of the folder, two reply letters
        page.locator("#comments-units").select_option("don-vi-gop-y.csv")
        page.locator("#comments-form input[name=files]").set_input_files(reply_paths)
        page.evaluate(  # what the progress bar showed while the letters were read
            """() => { window.barSeen = []; const bar = document.querySelector('#comments-progress');
            new MutationObserver(() => window.barSeen.push([bar.hidden, bar.value, bar.max]))
              .observe(bar, {attributes: true}); }"""
        )
        page.get_by_role("button", name="Tải lên và tổng hợp góp ý").click()
        page.locator("#answers-body tr").first.wait_for()
        seen = page.evaluate("window.barSeen")
        assert seen[0][0] is False and seen[-1] == [True, 2, 2], seen  # shown, filled to 2/2 letters, hidden
        result = page.locator("#comments-result").inner_text()
        assert "Đơn vị có ý kiến (1)" in result and "Sở Tư pháp" in result
        assert "Ủy ban nhân dân xã Diên Khánh" in result  # did not answer

        # answer each comment, then make the Tờ trình
        rows = page.locator("#answers-body tr")
        assert rows.count() == 2
        rows.nth(0).locator("select.choice").select_option("Tiếp thu")
        rows.nth(1).locator("select.choice").select_option("Giải trình, giữ nguyên dự thảo")
        page.get_by_role("button", name="Lưu và soạn Tờ trình").click()
        page.locator("#answers-result", has_text="cần ghi lý do").wait_for()  # a reason is needed
        rows.nth(1).locator("textarea.reason").fill("Nội dung đã có ở điểm b.")
        page.get_by_role("button", name="Lưu và soạn Tờ trình").click()
        link = page.locator("#answers-result a", has_text="Tờ trình đề nghị ban hành")
        link.wait_for()
        lead = page.locator("#answers-result .lead").first.inner_text()
        assert re.search(r"cùng Tờ trình trong \d+,\d\d giây", lead), lead  # decimal comma
        to_trinh = _download(page, link, tmp_path, "to-trinh.docx")
        assert "TỜ TRÌNH" in "\n".join(p.text for p in to_trinh.paragraphs).upper()
        table = _download(page, page.locator("#answers-result a", has_text="Bản tổng hợp"), tmp_path, "bth.docx")
        cells = " ".join(c.text for t in table.tables for r in t.rows for c in r.cells)
        assert "Giải trình, giữ nguyên dự thảo: Nội dung đã có ở điểm b." in cells

        # báo cáo: period, units list, two filled forms → summary in words, downloads
        page.locator("#collect-form input[name=period]").fill("2026-H1")
        page.locator("#collect-units").select_option("don-vi-bao-cao.csv")
        page.locator("#collect-form input[name=files]").set_input_files(form_paths)
        page.get_by_role("button", name="Tải lên và tổng hợp báo cáo").click()
        page.locator("#collect-result a", has_text="Công văn đôn đốc").wait_for(timeout=120000)
        summary = page.locator("#collect-result").inner_text()
        assert "2 gửi đúng hạn, 0 gửi trễ, 1 chưa gửi" in summary
        assert "Giá trị sai kiểu" in summary and "mười" in summary
        remind = _download(page, page.locator("#collect-result a", has_text="Công văn đôn đốc"), tmp_path, "dd.docx")
        assert C.split()[-1] in "\n".join(p.text for p in remind.paragraphs)
        assert page.locator("#collect-result a", has_text="Báo cáo tổng hợp").count() == 1
        assert page.locator("#collect-result a", has_text="Bảng tổng hợp số liệu").count() == 1

        # lịch
        page.get_by_role("button", name="Xuất lịch và bảng theo dõi").click()
        page.locator("#calendar-result a", has_text="Lịch thời hạn").wait_for()
        assert page.locator("#calendar-result a", has_text="Bảng theo dõi thời hạn").count() == 1
        page.screenshot(path=str(tmp_path / "loop.png"), full_page=True)

    assert problems == []
    assert off_this_machine(ready, requests) == []
