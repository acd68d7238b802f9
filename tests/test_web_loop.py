"""The return loop on the page: replies → bản tổng hợp → answers → Tờ trình; forms → báo cáo tổng hợp,
workbook, đôn đốc; calendar. Through Starlette's TestClient; the browser test clicks the same."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
from collectfill import fill
from commentdocs import LETTER_REF, reply_docx
from test_web_routes import PLAN, client, folder  # noqa: F401  (fixtures)

from dvtemplate.batch import run_batch
from dvtemplate.comments import read_responses
from dvtemplate.loading import load_plan

UNITS = (
    "Tên đơn vị,Cấp,Viết tắt\n"
    "Sở Tư pháp,sở,STP\n"
    "Ủy ban nhân dân phường Nha Trang,phường,\n"
    "Ủy ban nhân dân xã Diên Khánh,xã,\n"
)
INTRO = f"Thực hiện {LETTER_REF}, đơn vị có ý kiến như sau:"
STP = [
    INTRO,
    "1. Tại điểm a khoản 1 Mục II: đề nghị bổ sung phổ biến Luật Tiếp công dân.",
    "2. Đề nghị rà soát chính tả.",
]
AGREE = [f"Phúc đáp {LETTER_REF}, Ủy ban nhân dân phường thống nhất với nội dung dự thảo."]
A, B, C = "Ủy ban nhân dân xã An Bình", "Ủy ban nhân dân xã Cam Hải", "Ủy ban nhân dân đặc khu Trường Sa"


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        from lxml import etree

        return "".join(etree.fromstring(z.read("word/document.xml")).itertext())


def replies_and_units(folder: Path) -> list[tuple]:  # noqa: F811
    (folder / "don-vi-gop-y.csv").write_text(UNITS, encoding="utf-8")
    nt = reply_docx(parent=None, issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG NHA TRANG"], so="Số: 45/UBND-VP", body=AGREE)
    return [("files", ("stp.docx", reply_docx(body=STP))), ("files", ("nt.docx", nt))]


def test_comments_answers_and_to_trinh(client, folder):  # noqa: F811
    files = replies_and_units(folder)
    r = client.post(f"/api/comments/{PLAN}", data={"units": "don-vi-gop-y.csv"}, files=files)
    assert r.status_code == 200, r.text
    assert r.json()["received"] == ["stp.docx", "nt.docx"]
    body = _job(client, r.json()["job"])
    assert not body["error"], body["error"]
    assert (body["done"], body["total"]) == (2, 2)  # the bar's numbers: both letters read
    assert body["summary"]["lines"][0].startswith("Vừa nhận 2 tệp")
    groups = {g["title"]: g["items"] for g in body["summary"]["groups"]}
    assert groups["Đơn vị có ý kiến"] == ["Sở Tư pháp"]
    assert groups["Đơn vị không trả lời (coi như thống nhất)"] == ["Ủy ban nhân dân xã Diên Khánh"]
    comments = body["comments"]
    assert [c["unit"] for c in comments] == ["Sở Tư pháp", "Sở Tư pháp"]
    assert {f["what"] for f in body["files"]} == {
        "Bản tổng hợp ý kiến góp ý (Word)",
        "Bảng tiếp thu, giải trình (Excel)",
    }

    first, second = comments[0]["id"], comments[1]["id"]
    partly = client.post(f"/api/answers/{PLAN}", json={"answers": {first: {"choice": "Tiếp thu một phần"}}})
    assert partly.status_code == 422 and "cần ghi lý do" in partly.json()["error"]
    saved = client.post(
        f"/api/answers/{PLAN}",
        json={
            "answers": {
                first: {"choice": "Tiếp thu", "reason": ""},
                second: {"choice": "Giải trình, giữ nguyên dự thảo", "reason": "Đã rà soát khi hoàn thiện."},
            }
        },
    ).json()
    assert saved["message"] == "Đã lưu 2 trả lời vào bảng tiếp thu, giải trình."
    sheet = folder / body["sheet"]
    answers = read_responses(sheet)  # the same reader as `comments --responses`
    assert answers[first].choice == "Tiếp thu"
    assert answers[second].reason == "Đã rà soát khi hoàn thiện."
    book = openpyxl.load_workbook(sheet)
    assert book["Danh mục"].sheet_state == "hidden" and book.worksheets[0].data_validations.dataValidation

    made = client.post(f"/api/to-trinh/{PLAN}", json={}).json()
    whats = {f["what"]: f for f in made["files"]}
    assert "Tờ trình đề nghị ban hành (Word)" in whats
    table = _docx_text(folder / whats["Bản tổng hợp ý kiến góp ý (Word)"]["rel"])
    assert "Giải trình, giữ nguyên dự thảo: Đã rà soát khi hoàn thiện." in table
    assert [(c["choice"], c["reason"]) for c in made["comments"]] == [
        ("Tiếp thu", ""),
        ("Giải trình, giữ nguyên dự thảo", "Đã rà soát khi hoàn thiện."),
    ]
    to_trinh = docx.Document(str(folder / whats["Tờ trình đề nghị ban hành (Word)"]["rel"]))
    assert "TỜ TRÌNH" in "\n".join(p.text for p in to_trinh.paragraphs).upper()
    # the units list chosen first is kept for the next runs (the silent unit still counted)
    again = _job(client, client.post(f"/api/comments/{PLAN}", data={}, files=[]).json()["job"])
    assert {g["title"]: g["items"] for g in again["summary"]["groups"]}[
        "Đơn vị không trả lời (coi như thống nhất)"
    ] == ["Ủy ban nhân dân xã Diên Khánh"]


def test_comments_without_replies_is_a_message(client):  # noqa: F811
    r = client.post(f"/api/comments/{PLAN}", data={}, files=[])
    assert r.status_code == 422 and r.json()["error"].startswith("Chưa có văn bản góp ý nào")
    bad = client.post(f"/api/answers/{PLAN}", json={"answers": {"GY-1": {"choice": "Bỏ qua"}}})
    assert bad.status_code == 422


def forms_for(folder: Path) -> tuple[bytes, bytes, Path]:  # noqa: F811
    units = folder / "don-vi-bao-cao.csv"
    units.write_text("Tên đơn vị,Cấp\n" + "\n".join(f"{u},xã" for u in (A, B, C)) + "\n", encoding="utf-8")
    made = run_batch(load_plan(folder / PLAN).plan, units, "2026-H1", folder / "ket-qua" / "mau", jobs=1).files
    by_unit = {f.name: f.read_bytes() for f in made}
    a = next(v for k, v in by_unit.items() if "An-Binh" in k)
    b = next(v for k, v in by_unit.items() if "Cam-Hai" in k)
    a = fill(a, {"dvt:ind:doi-thoai": "10 cuộc", "dvt:ind:phan-anh": "100"})
    b = fill(b, {"dvt:ind:doi-thoai": "mười", "dvt:ind:phan-anh": "50"})
    return a, b, units


def _job(client, key: str) -> dict:  # noqa: F811
    deadline = time.time() + 120
    while time.time() < deadline:
        status = client.get(f"/api/job/{key}").json()
        if status["finished"]:
            return status
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def test_collect_in_words_with_downloads(client, folder):  # noqa: F811
    a, b, _ = forms_for(folder)
    on_time = time.mktime((2026, 6, 10, 9, 0, 0, 0, 0, -1)) * 1000
    late = time.mktime((2026, 7, 20, 9, 0, 0, 0, 0, -1)) * 1000
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("ghi-chu.txt", "không phải mẫu")
    r = client.post(
        f"/api/collect/{PLAN}",
        data={
            "period": "2026-H1",
            "units": "don-vi-bao-cao.csv",
            "dates": json.dumps([on_time, late, on_time, on_time]),
        },
        files=[
            ("files", ("an-binh.docx", a)),
            ("files", ("cam-hai.docx", b)),
            ("files", ("khac.zip", zipped.getvalue())),
            ("files", ("hong.docx", b"PK\x03\x04 hong")),
        ],
    )
    assert r.status_code == 200, r.text
    status = _job(client, r.json()["job"])
    assert status["error"] == "" and status["done"] == status["total"] >= 2
    summary = status["summary"]
    assert "3 đơn vị; 1 gửi đúng hạn, 1 gửi trễ, 1 chưa gửi, 0 không đọc được" in " ".join(summary["lines"])
    groups = {g["title"]: g["items"] for g in summary["groups"]}
    assert groups["Đã gửi đúng hạn"] == [f"{A} (an-binh.docx)"]
    assert groups["Gửi trễ hạn"] == [f"{B} (cam-hai.docx, gửi ngày 20/7/2026)"]
    assert groups["Chưa gửi (có trong công văn đôn đốc)"] == [C]
    assert any("mười" in item for item in groups["Giá trị sai kiểu (không cộng vào tổng)"])
    assert groups["Tệp không dùng và lý do"] == ["hong.docx: " + groups["Tệp không dùng và lý do"][0].split(": ", 1)[1]]
    assert "1 tệp không phải văn bản Word (.docx) nên không đọc" in summary["lines"][-1]
    assert "Kỳ 6 tháng đầu năm 2026, hạn gửi 15/6/2026" in summary["lines"][1]
    whats = {f["what"]: f["url"] for f in status["files"]}
    assert set(whats) == {"Báo cáo tổng hợp (Word)", "Bảng tổng hợp số liệu (Excel)", "Công văn đôn đốc (Word)"}
    remind = client.get(whats["Công văn đôn đốc (Word)"])
    assert remind.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(remind.content)).paragraphs)
    assert "Trường Sa" in text


def test_collect_needs_a_period_and_a_file(client, folder):  # noqa: F811
    no_period = client.post(f"/api/collect/{PLAN}", data={"period": ""}, files=[])
    assert no_period.status_code == 422 and "kỳ báo cáo" in no_period.json()["error"]
    no_file = client.post(f"/api/collect/{PLAN}", data={"period": "2026-H1"}, files=[])
    assert no_file.status_code == 422 and no_file.json()["error"].startswith("Chưa có mẫu báo cáo nào")
    wrong = client.post(f"/api/collect/{PLAN}", data={"period": "2026-H1"}, files=[("files", ("a.pdf", b"%PDF"))])
    assert wrong.status_code == 422 and "không đúng loại" in wrong.json()["error"]


def test_calendar_button(client, folder):  # noqa: F811
    body = client.post(f"/api/calendar/{PLAN}", json={}).json()
    whats = {f["what"] for f in body["files"]}
    assert whats == {"Lịch thời hạn (.ics, mở bằng Outlook, Lịch Google)", "Bảng theo dõi thời hạn (Excel)"}
    ics = next(f for f in body["files"] if f["name"].endswith(".ics"))
    assert client.get(ics["url"]).content.startswith(b"BEGIN:VCALENDAR")
    assert "thời hạn" in body["message"]


def test_loop_page_and_list_link(client):  # noqa: F811
    listing = client.get("/").text
    assert f'href="/tong-hop/{PLAN}"' in listing and "Tổng hợp góp ý các đơn vị gửi về" in listing
    page = client.get(f"/tong-hop/{PLAN}").text
    for words in ("Tải lên và tổng hợp góp ý", "Tải lên và tổng hợp báo cáo", "Xuất lịch và bảng theo dõi"):
        assert words in page
    assert "don-vi.xlsx" in page


def test_hostile_loop_requests_are_bounded_and_vietnamese(client, folder):  # noqa: F811
    started = time.perf_counter()
    many = {f"GY-{i}": {"choice": "Tiếp thu"} for i in range(5001)}
    assert client.post(f"/api/answers/{PLAN}", json={"answers": many}).status_code == 422
    long = client.post(f"/api/answers/{PLAN}", json={"answers": {"GY-1": {"reason": "x" * 4001}}})
    assert long.status_code == 422 and "quá dài (tối đa 4.000 ký tự)" in long.json()["error"]
    odd = client.post(f"/api/answers/{PLAN}", json={"answers": {"../x": {"choice": "Tiếp thu"}}})
    assert odd.status_code == 422 and odd.json()["error"] == "Dữ liệu trả lời không hợp lệ."
    # a file name that tries to leave the inbox stays in it; a broken dates field is ignored
    files = [("files", ("../../../ra-ngoai.docx", reply_docx(body=STP)))]
    r = client.post(f"/api/comments/{PLAN}", data={"dates": "[không phải JSON"}, files=files)
    assert r.status_code == 200, r.text
    assert not _job(client, r.json()["job"])["error"]
    assert not (folder.parent / "ra-ngoai.docx").exists() and not (folder / "ra-ngoai.docx").exists()
    assert [p.name for p in (folder / "ket-qua" / "ke-hoach-tinh-2026" / "gop-y" / "nhan-ve").iterdir()] == [
        "ra-ngoai.docx"
    ]
    too_many = client.post(
        f"/api/collect/{PLAN}", data={"period": "2026-H1"}, files=[("files", ("a.docx", b"x"))] * 302
    )
    assert too_many.status_code == 422 and "tối đa 300 tệp" in too_many.json()["error"]
    assert time.perf_counter() - started < 30


def test_background_jobs_end_in_a_message(tmp_path):
    """Every job (batch, collect, comments) runs in start_job: our error is its message, a bug is said
    as a bug, and the job is finished either way."""
    from dvtemplate.errors import InputError
    from dvtemplate.web.actions import State, start_job
    from dvtemplate.web.workspace import Workspace

    state = State(Workspace(tmp_path), tmp_path)

    def bad_data(job):
        job.advance(2)
        raise InputError("Tệp don-vi.xlsx: dòng 3 thiếu tên đơn vị.")

    def bug(job):
        return {}["khong-co"]

    def fine(job):
        job.total = 1
        job.advance()
        return {"summary": "xong"}

    keys = [start_job(state, "th", work)[0] for work in (bad_data, bug, fine)]
    deadline = time.time() + 10
    while not all(state.jobs[k].finished for k in keys) and time.time() < deadline:
        time.sleep(0.01)
    bad, broken, done = (state.job_status(k) for k in keys)
    assert (bad["finished"], bad["done"], bad["error"]) == (True, 2, "Tệp don-vi.xlsx: dòng 3 thiếu tên đơn vị.")
    assert broken["finished"] and broken["error"] == "Lỗi không mong đợi trong dvtemplate (KeyError)."
    assert (done["error"], done["done"], done["total"], done["summary"]) == ("", 1, 1, "xong")
