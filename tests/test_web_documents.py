"""``dvtemplate serve``: the document buttons (make, preview, batch, import, rollover, loops) and the command."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from starlette.testclient import TestClient

from conftest import EXAMPLES, ROOT
from dvtemplate.check import check_docx
from dvtemplate.loading import load_plan, read_yaml
from dvtemplate.pdf import find_soffice
from dvtemplate.web import prepare
from dvtemplate.web.app import create_app
from dvtemplate.web.forms import plain

TOKEN = "bi-mat-thu-nghiem"
HOST = "127.0.0.1:8765"
PLAN = "ke-hoach-tinh-2026.yaml"
needs_soffice = pytest.mark.skipif(find_soffice() is None or shutil.which("pdftoppm") is None, reason="cần LibreOffice")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "lam-viec"
    shutil.copytree(EXAMPLES, work)
    return work


@pytest.fixture
def client(folder: Path):
    with TestClient(create_app(folder, token=TOKEN, hosts={HOST}), base_url=f"http://{HOST}") as c:
        c.get(f"/?token={TOKEN}")
        yield c


def _values(folder: Path, name: str = PLAN) -> dict:
    return plain(read_yaml((folder / name).read_text("utf-8")))


def _text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [p.text for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_make_plan_from_the_form_values(client, folder):
    values = _values(folder)
    values["title"] = "Thực hiện công tác dân vận chính quyền năm 2026 (bản trên trang)"
    r = client.post(f"/api/make/plan/{PLAN}", json={"values": values})
    body = r.json()
    assert r.status_code == 200 and body["seconds"] < 10
    (made,) = body["files"]
    assert made["rel"].startswith("ket-qua/ke-hoach-tinh-2026/") and made["name"].endswith(".docx")
    download = client.get(made["url"])
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    assert "(BẢN TRÊN TRANG)" in _text(download.content).upper()
    assert check_docx(folder / made["rel"]).errors == []
    again = client.post(f"/api/make/plan/{PLAN}", json={"values": values})
    assert again.status_code == 200  # the page's own output folder: a second click replaces the file


def test_make_refuses_an_invalid_plan_with_the_fields(client, folder):
    values = _values(folder)
    values["signer"]["name"] = ""
    body = client.post(f"/api/make/plan/{PLAN}", json={"values": values}).json()
    assert "còn 1 lỗi" in body["error"]
    assert body["issues"][0]["path"] == "signer.name"
    assert not (folder / "ket-qua").exists()


def test_make_letter_and_report(client, folder):
    values = _values(folder)
    letter = client.post(f"/api/make/letter/{PLAN}", json={"values": values, "separate": True}).json()
    names = [f["name"] for f in letter["files"]]
    assert len(names) == 2 and any("Cong-van" in n for n in names) and any("du-thao" in n for n in names)
    report = client.post(
        f"/api/make/report/{PLAN}",
        json={"values": values, "period": "2026-Q2", "unit": "Ủy ban nhân dân xã Diên Khánh", "units": "don-vi.csv"},
    ).json()
    (made,) = report["files"]
    assert "Q2" in made["name"] and check_docx(folder / made["rel"]).errors == []
    assert "ỦY BAN NHÂN DÂN XÃ DIÊN KHÁNH" in _text(client.get(made["url"]).content).upper()
    missing = client.post(f"/api/make/report/{PLAN}", json={"values": values, "period": "2026-Q2", "unit": ""})
    assert missing.status_code == 422 and "tên đơn vị" in missing.json()["error"]
    wrong = client.post(
        f"/api/make/report/{PLAN}", json={"values": values, "period": "2026-Q7", "unit": "UBND xã An Bình"}
    )
    assert wrong.status_code == 422 and "Traceback" not in wrong.text
    assert client.post(f"/api/make/khac/{PLAN}", json={"values": values}).status_code == 422


def test_letter_without_a_letter_section_is_a_message(client, folder):
    values = _values(folder)
    del values["letter"]
    r = client.post(f"/api/make/letter/{PLAN}", json={"values": values})
    assert r.status_code == 422 and "letter" in r.json()["error"]


@needs_soffice
def test_make_with_pdf(client, folder):
    body = client.post(f"/api/make/plan/{PLAN}", json={"values": _values(folder), "pdf": True}).json()
    pdf = [f for f in body["files"] if f["name"].endswith(".pdf")]
    assert pdf and client.get(pdf[0]["url"]).content.startswith(b"%PDF")


def test_preview_as_html_text(client, folder):
    body = client.post(f"/api/preview/{PLAN}", json={"values": _values(folder), "html": True}).json()
    assert body["kind"] == "html"
    texts = [run["text"] for b in body["blocks"] if b["type"] == "p" for run in b["runs"]]
    joined = " ".join(texts)
    assert "KẾ HOẠCH" in joined and "Tuyên truyền, phổ biến" in joined
    assert any(b["type"] == "table" for b in body["blocks"])
    assert any(b["align"] == "center" for b in body["blocks"] if b["type"] == "p")
    assert not (folder / "ket-qua").exists()  # previews stay out of the user's folder


@needs_soffice
def test_preview_as_png_pages(client, folder):
    body = client.post(f"/api/preview/{PLAN}", json={"values": _values(folder)}).json()
    assert body["kind"] == "png" and len(body["pages"]) >= 2
    image = client.get(body["pages"][0])
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert client.get("/xem-truoc/xem" + "0" * 32 + "/trang-1.png").status_code == 422
    assert client.get("/xem-truoc/..%2F..%2Fetc/passwd").status_code in (404, 422)


def test_batch_with_progress_and_zip(client, folder):
    values = _values(folder)
    units = (folder / "don-vi.csv").read_bytes()
    r = client.post(
        f"/api/batch/{PLAN}",
        data={"values": json.dumps(values), "period": "2026-H1"},
        files={"units": ("don-vi.csv", units)},
    )
    start = r.json()
    assert r.status_code == 200 and start["total"] > 0
    deadline = time.time() + 60
    while True:
        status = client.get(f"/api/job/{start['job']}").json()
        if status["finished"] or time.time() > deadline:
            break
        time.sleep(0.1)
    assert status["finished"] and not status["error"]
    assert status["done"] == status["total"] == status["count"]
    archive = zipfile.ZipFile(io.BytesIO(client.get(status["zip"]["url"]).content))
    names = archive.namelist()
    assert "manifest.csv" in names and sum(n.endswith(".docx") for n in names) == status["count"]
    assert client.get("/api/job/khong-co").status_code == 422
    bad = client.post(
        f"/api/batch/{PLAN}",
        data={"values": "{}", "period": "2026-H1"},
        files={"units": ("don-vi.csv", units)},
    ).json()
    assert "lỗi" in bad["error"]
    wrong = client.post(
        f"/api/batch/{PLAN}",
        data={"values": json.dumps(values), "period": "2026-H1"},
        files={"units": ("don-vi.txt", b"x")},
    )
    assert wrong.status_code == 422 and "không đúng loại" in wrong.json()["error"]


def test_import_a_docx_into_a_new_plan(client, folder):
    made = client.post(f"/api/make/plan/{PLAN}", json={"values": _values(folder)}).json()
    data = client.get(made["files"][0]["url"]).content
    r = client.post("/api/import", files={"file": ("ke-hoach-cu.docx", data)})
    body = r.json()
    assert r.status_code == 200, body
    assert body["rel"].endswith(".yaml") and "/" not in body["rel"]
    assert load_plan(folder / body["rel"]).plan.year == 2026
    second = client.post("/api/import", files={"file": ("ke-hoach-cu.docx", data)}).json()
    assert second["rel"] != body["rel"]  # never over an existing file
    assert client.get(f"/ke-hoach/{body['rel']}").status_code == 200


def test_rollover_to_next_year_shows_the_review_list(client, folder):
    body = client.post(f"/api/rollover/{PLAN}", json={}).json()
    assert body["rel"] == "ke-hoach-tinh-2027.yaml"
    assert any(line.startswith("[xem lại]") for line in body["review"])
    assert load_plan(folder / body["rel"]).plan.year == 2027
    again = client.post(f"/api/rollover/{PLAN}", json={"year": "2027"}).json()
    assert again["rel"] == "ke-hoach-tinh-2027-2.yaml"
    bad = client.post(f"/api/rollover/{PLAN}", json={"year": "năm sau"})
    assert bad.status_code == 422 and "không hợp lệ" in bad.json()["error"]
    assert client.post(f"/api/rollover/{PLAN}", json={"year": 2020}).status_code == 422


def test_schema_route(client):
    schema = client.get("/api/schema").json()
    assert schema["title"] == "Kế hoạch (dvtemplate)"


# --- the command ------------------------------------------------------------------------------------------


def test_serve_refuses_a_remote_address_without_the_flag(run_cli, tmp_path):
    code, _, err = run_cli("serve", str(tmp_path), "--host", "0.0.0.0", "--no-browser")
    assert code == 2 and "--allow-remote" in err
    code, _, err = run_cli("serve", str(tmp_path / "khong-co"), "--no-browser")
    assert code == 2 and "Không tìm thấy thư mục" in err


def test_prepare_binds_loopback_and_prints_a_token_url(tmp_path):
    ready = prepare(tmp_path, port=0)
    try:
        host, port = ready.sock.getsockname()[:2]
        assert host == "127.0.0.1"
        assert ready.url == f"http://127.0.0.1:{port}/?token={ready.token}" and len(ready.token) >= 32
        other = prepare(tmp_path, port=0)
        other.sock.close()
        assert other.token != ready.token
    finally:
        ready.sock.close()


def test_start_up_is_quick(tmp_path):
    """Interpreter start, import, app build and the first page, in a fresh process: under 2 s of CPU.

    CPU time (user + system) rather than wall time: the machine running the tests may be shared.
    """
    import resource

    code = (
        "from starlette.testclient import TestClient\n"
        "from dvtemplate.web.app import create_app\n"
        f"app = create_app({str(EXAMPLES)!r}, token='t', hosts={{'127.0.0.1:1'}})\n"
        "c = TestClient(app, base_url='http://127.0.0.1:1')\n"
        "assert c.get('/?token=t').status_code == 200\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert out.returncode == 0, out.stderr
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < 2.0, f"start-up used {cpu:.2f} s of CPU"


def test_serve_runs_the_real_server_and_stops_on_ctrl_c(tmp_path):
    import re
    import signal

    import httpx

    shutil.copytree(EXAMPLES, tmp_path / "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dvtemplate", "serve", str(tmp_path / "w"), "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        url = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", "".join(lines)).group(0)
        base = url.split("/?")[0]
        deadline = time.time() + 30
        with httpx.Client() as client:
            while True:
                try:
                    refused = client.get(base + "/")
                    break
                except httpx.TransportError:
                    assert time.time() < deadline
                    time.sleep(0.05)
            assert refused.status_code == 403
            port = base.rsplit(":", 1)[1]
            assert client.get(base + "/", headers={"host": f"dvtemplate.example:{port}"}).status_code == 403
            page = client.get(url, follow_redirects=True)
            assert page.status_code == 200 and "Các kế hoạch trong thư mục" in page.text
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Đã dừng." in out and "Traceback" not in err


def test_preview_of_the_letter(client, folder):
    body = client.post(f"/api/preview/{PLAN}", json={"values": _values(folder), "kind": "letter", "html": True}).json()
    joined = " ".join(run["text"] for b in body["blocks"] if b["type"] == "p" for run in b["runs"])
    assert "Kính gửi" in joined
    bad = client.post(f"/api/preview/{PLAN}", json={"values": _values(folder), "kind": "khac", "html": True})
    assert bad.status_code == 422


def test_templates_folder_must_be_inside_the_workspace(client, folder):
    values = _values(folder)
    values["templates"] = "../../"
    r = client.post(f"/api/make/plan/{PLAN}", json={"values": values})
    assert r.status_code == 422 and "phải nằm trong thư mục làm việc" in r.json()["error"]
    values["templates"] = "/etc"
    assert client.post(f"/api/make/plan/{PLAN}", json={"values": values}).status_code == 422


def test_a_busy_port_moves_to_the_next_one(tmp_path):
    import socket

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    try:
        ready = prepare(tmp_path, port=port)
        try:
            assert ready.sock.getsockname()[1] != port
            assert f":{ready.sock.getsockname()[1]}/?token=" in ready.url
        finally:
            ready.sock.close()
    finally:
        busy.close()
