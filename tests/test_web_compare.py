"""What changed since last year, on the page: rollover's result and the «So sánh» button show the table
of changes in words (sections, tasks, targets, deadlines) and offer its two files, as ``rollover
--compare`` writes them. Through Starlette's TestClient; the browser test clicks the same."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from lxml import etree
from test_web_routes import PLAN, client, folder  # noqa: F401  (fixtures)

from dvtemplate.compare import CHANGE_COLUMNS, NO_CHANGES, PlanChange
from dvtemplate.web.compare import changes_words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TASK = 'Xây dựng và nhân rộng mô hình "Dân vận khéo"'


def _download(client, item: dict) -> bytes:  # noqa: F811
    r = client.get(item["url"])
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    return r.content


def _tracked(data: bytes) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    inserted = ["".join(t.text or "" for t in e.iter(f"{W}t")) for e in root.iter(f"{W}ins")]
    deleted = ["".join(t.text or "" for t in e.iter(f"{W}delText")) for e in root.iter(f"{W}del")]
    return [t for t in inserted if t], [t for t in deleted if t]


def _rows(data: bytes) -> list[tuple]:
    return [tuple(r) for r in openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True)]


def test_rollover_result_has_the_changes_and_both_files(client, folder):  # noqa: F811
    body = client.post(f"/api/rollover/{PLAN}", json={}).json()
    assert body["rel"] == "ke-hoach-tinh-2027.yaml"
    changes = body["compare"]
    assert changes["summary"]["lines"] == [
        "So với kế hoạch năm 2026, kế hoạch năm 2027 chưa thay đổi mục, nhiệm vụ, chỉ tiêu, thời hạn nào "
        "(không kể việc đổi năm). Sửa kế hoạch mới rồi bấm «So sánh» để xem lại."
    ]
    files = {f["what"]: f for f in changes["files"]}
    table = files["Bảng thay đổi so với năm trước (Excel)"]
    word = files["Kế hoạch năm nay, đánh dấu thay đổi so với năm trước (Word, Track Changes)"]
    assert (table["name"], word["name"]) == ("so-sanh-2026-2027.xlsx", "so-sanh-2026-2027.docx")
    assert table["rel"].startswith("ket-qua/ke-hoach-tinh-2027/")
    # the year alone is not a change: the table says so in one row
    assert _rows(_download(client, table)) == [CHANGE_COLUMNS, (None, NO_CHANGES, None, None, None)]
    inserted, deleted = _tracked(_download(client, word))
    assert any("năm 2027" in t for t in inserted) and any("năm 2026" in t for t in deleted)


def _edit(path, *pairs) -> None:
    text = path.read_text("utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")


def test_compare_button_after_the_clerk_edits_the_new_plan(client, folder):  # noqa: F811
    new_rel = client.post(f"/api/rollover/{PLAN}", json={}).json()["rel"]
    _edit(
        folder / new_rel,
        ('value: "20"', 'value: "25"'),
        ("deadline: 31/3/2027", "deadline: 30/6/2027"),
        (f"title: {TASK}", "title: Nhân rộng mô hình dân vận khéo ở xã, phường"),
    )
    page = client.get(f"/ke-hoach/{new_rel}").text
    assert f'<option value="{PLAN}">{PLAN} (năm 2026)</option>' in page  # last year's plan offered first
    body = client.post(f"/api/compare/{new_rel}", json={"old": PLAN}).json()
    summary = body["summary"]
    assert summary["lines"] == [
        "So với kế hoạch năm 2026, kế hoạch năm 2027 có 4 thay đổi (không kể việc đổi năm): "
        "2 nhiệm vụ, 1 chỉ tiêu, 1 thời hạn."
    ]
    groups = {g["title"]: g["items"] for g in summary["groups"]}
    assert groups["Mục (phần) của kế hoạch"] == []
    tasks = groups["Nhiệm vụ"]
    assert tasks[0].startswith(
        "Thêm nhiệm vụ «Nhân rộng mô hình dân vận khéo ở xã, phường» ở phần «Nội dung thực hiện»: Mỗi cơ quan"
    )
    assert tasks[1].startswith(f"Bỏ nhiệm vụ «{TASK}» ở phần «Nội dung thực hiện» (có trong kế hoạch năm 2026): ")
    assert tasks[0].count("Nhân rộng mô hình dân vận khéo") == 1  # the title once, then the rest of the text
    assert len(groups["Chỉ tiêu"]) == 1 and "năm 2026 là «20 mô hình" in groups["Chỉ tiêu"][0]
    assert "năm 2027 là «25 mô hình" in groups["Chỉ tiêu"][0]
    assert len(groups["Thời hạn thực hiện"]) == 1 and groups["Thời hạn thực hiện"][0].endswith(
        "năm 2026 là «31/3/2026», năm 2027 là «30/6/2027»"
    )
    table = next(f for f in body["files"] if f["name"].endswith(".xlsx"))
    rows = _rows(_download(client, table))
    assert len(rows) == 5 and {r[0] for r in rows[1:]} == {"Nhiệm vụ", "Chỉ tiêu", "Thời hạn"}
    word = next(f for f in body["files"] if f["name"].endswith(".docx"))
    inserted, deleted = _tracked(_download(client, word))
    assert any("Nhân rộng mô hình dân vận khéo" in t for t in inserted)
    assert any(TASK in t for t in deleted)


def test_compare_refusals_are_vietnamese(client, folder):  # noqa: F811
    for payload, words in (({}, "Chưa chọn kế hoạch năm trước"), ({"old": PLAN}, "khác với kế hoạch đang mở")):
        r = client.post(f"/api/compare/{PLAN}", json=payload)
        assert r.status_code == 422 and words in r.json()["error"]
    r = client.post(f"/api/compare/{PLAN}", json={"old": "../bi-mat.yaml"})
    assert r.status_code == 422 and "BÍ MẬT" not in r.text


def test_changes_in_words():
    changes = [
        PlanChange("Mục", "Kiểm tra, giám sát", "", "Kiểm tra, giám sát", "thêm"),
        PlanChange("Nhiệm vụ", "Nội dung: Tiếp dân", "Tiếp dân định kỳ", "", "bỏ"),
    ]
    words = changes_words(changes, 2026, 2027)
    assert words["lines"][0].endswith("có 2 thay đổi (không kể việc đổi năm): 1 mục, 1 nhiệm vụ.")
    groups = {g["title"]: g["items"] for g in words["groups"]}
    assert groups["Mục (phần) của kế hoạch"] == ["Thêm Kiểm tra, giám sát"]
    assert groups["Nhiệm vụ"] == ["Bỏ nhiệm vụ «Tiếp dân» ở phần «Nội dung» (có trong kế hoạch năm 2026): định kỳ"]
