"""``dvtemplate serve``: every route through Starlette's TestClient (token, Host, traversal, uploads, saving)."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import EXAMPLES
from dvtemplate.errors import InputError
from dvtemplate.loading import load_plan, parse_plan_text, read_yaml
from dvtemplate.web.app import create_app
from dvtemplate.web.forms import plain
from dvtemplate.web.security import inside

TOKEN = "bi-mat-thu-nghiem"
HOST = "127.0.0.1:8765"
PLAN = "ke-hoach-tinh-2026.yaml"


def _app(folder: Path, **kw):
    return create_app(folder, token=TOKEN, hosts={HOST, "localhost:8765"}, **kw)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "lam-viec"
    shutil.copytree(EXAMPLES, work)
    (tmp_path / "bi-mat.yaml").write_text("title: BÍ MẬT NGOÀI THƯ MỤC\n", encoding="utf-8")
    return work


@pytest.fixture
def client(folder: Path):
    with TestClient(_app(folder), base_url=f"http://{HOST}") as c:
        assert c.get(f"/?token={TOKEN}").status_code == 200
        yield c


def _values(folder: Path, name: str = PLAN) -> dict:
    return plain(read_yaml((folder / name).read_text("utf-8")))


def _sha(page: str) -> str:
    return re.search(r'data-sha="([0-9a-f]{64})"', page).group(1)


# --- token, Host, origin ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", f"/ke-hoach/{PLAN}", "/static/app.js", f"/tai-ve/{PLAN}", "/api/schema"])
def test_without_token_everything_is_refused(folder, path):
    with TestClient(_app(folder), base_url=f"http://{HOST}") as c:
        for url in (path, path + ("&" if "?" in path else "?") + "token=sai"):
            r = c.get(url)
            assert r.status_code == 403
            assert "token" in r.text and "Traceback" not in r.text
        assert c.post(f"/api/save/{PLAN}", json={"values": {}}).status_code == 403
        c.cookies.set("dvtemplate_token", "sai")
        assert c.get(path).status_code == 403


def test_token_sets_a_strict_cookie_and_leaves_the_url(folder):
    with TestClient(_app(folder), base_url=f"http://{HOST}", follow_redirects=False) as c:
        r = c.get(f"/ke-hoach/{PLAN}?token={TOKEN}&x=1")
        assert r.status_code == 303
        assert r.headers["location"] == f"/ke-hoach/{PLAN}?x=1"
        cookie = r.headers["set-cookie"]
        assert f"dvtemplate_token={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = c.get(f"/ke-hoach/{PLAN}")
        assert page.status_code == 200
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["referrer-policy"] == "no-referrer"


def test_host_header_must_be_this_server(client):
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    for host in ("evil.example", "evil.example:8765", "127.0.0.1:9999", "127.0.0.1.evil.example:8765"):
        r = client.get("/", headers={"host": host})
        assert r.status_code == 403, host
        assert "Địa chỉ máy chủ không hợp lệ" in r.text


def test_post_from_another_origin_is_refused(client, folder):
    before = (folder / PLAN).read_bytes()
    r = client.post(f"/api/save/{PLAN}", json={"values": {}}, headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    assert (folder / PLAN).read_bytes() == before
    ok = client.post(f"/api/validate/{PLAN}", json={"values": {}}, headers={"origin": f"http://{HOST}"})
    assert ok.status_code == 200


# --- paths ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel",
    ["../bi-mat.yaml", "a/../../bi-mat.yaml", "/etc/passwd", "..\\bi-mat.yaml", "C:/Windows/win.ini", "", "a\x00b"],
)
def test_inside_refuses_every_way_out(folder, rel):
    with pytest.raises(InputError):
        inside(folder, rel)


def test_inside_refuses_a_symlink_out(folder):
    (folder / "loi-tat.yaml").symlink_to(folder.parent / "bi-mat.yaml")
    with pytest.raises(InputError, match="ngoài thư mục"):
        inside(folder, "loi-tat.yaml")


@pytest.mark.parametrize(
    "path",
    [
        "%2e%2e/bi-mat.yaml",
        "..%2Fbi-mat.yaml",
        "%2E%2E%2Fbi-mat.yaml",
        "sub%2F..%2F..%2Fbi-mat.yaml",
        "%2Fetc%2Fpasswd",
        "..%5Cbi-mat.yaml",
        "loi-tat.yaml",
    ],
)
def test_no_route_reads_or_writes_outside_the_folder(client, folder, path):
    (folder / "loi-tat.yaml").symlink_to(folder.parent / "bi-mat.yaml")
    secret = folder.parent / "bi-mat.yaml"
    before = secret.read_bytes()
    responses = [
        client.get(f"/ke-hoach/{path}"),
        client.get(f"/tai-ve/{path}"),
        client.post(f"/api/validate/{path}", json={"values": {}}),
        client.post(f"/api/save/{path}", json={"values": {"title": "ghi đè"}, "sha256": "x", "force": True}),
        client.post(f"/api/save-copy/{path}", json={"values": {"title": "ghi đè"}}),
        client.post(f"/api/make/plan/{path}", json={"values": _values(folder)}),
        client.post(f"/api/rollover/{path}", json={}),
    ]
    for r in responses:
        assert r.status_code in (404, 422), (path, r.status_code, r.text[:200])
        assert "BÍ MẬT" not in r.text and "root:" not in r.text
    assert secret.read_bytes() == before
    assert not list(folder.parent.glob("bi-mat-*"))
    assert "loi-tat.yaml" not in client.get("/").text


def test_download_only_result_kinds(client, folder):
    (folder / "ghi-chu.txt").write_text("x", encoding="utf-8")
    r = client.get("/tai-ve/ghi-chu.txt")
    assert r.status_code == 422 and "Không tải được loại tệp" in r.text
    assert client.get("/tai-ve/khong-co.yaml").status_code == 422
    ok = client.get(f"/tai-ve/{PLAN}")
    assert ok.status_code == 200 and ok.content == (folder / PLAN).read_bytes()


def test_unknown_page_is_vietnamese(client):
    r = client.get("/khong-co-trang-nay")
    assert r.status_code == 404 and "Không có trang này" in r.text
    assert client.get("/api/khong-co").json()["error"] == "Không có địa chỉ này."


# --- uploads ------------------------------------------------------------------------------------------


def test_upload_over_20_mb_is_refused_in_vietnamese(client):
    big = b"0" * (20 * 1024 * 1024 + 10)
    r = client.post("/api/check", files={"file": ("to.docx", big)})
    assert r.status_code == 413
    assert "quá lớn (tối đa 20 MB)" in r.text


def test_chunked_upload_over_the_limit_is_cut_off(folder):
    def chunks():
        for _ in range(40):
            yield b"x" * 1024

    with TestClient(_app(folder, max_body=16 * 1024), base_url=f"http://{HOST}") as c:
        c.get(f"/?token={TOKEN}")
        r = c.post("/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413
        assert "quá lớn" in r.json()["error"]


def test_check_an_uploaded_docx(client, folder, tmp_path):
    made = client.post(f"/api/make/plan/{PLAN}", json={"values": _values(folder)}).json()
    data = client.get(made["files"][0]["url"]).content
    r = client.post("/api/check", files={"file": ("ke-hoach.docx", data)})
    body = r.json()
    assert r.status_code == 200 and body["errors"] == 0 and body["kind"] == "plan"
    bad = client.post("/api/check", files={"file": ("hong.docx", b"PK\x03\x04 not a zip")})
    assert bad.status_code == 422 and "Traceback" not in bad.text and bad.json()["error"]
    wrong = client.post("/api/check", files={"file": ("ghi-chu.txt", b"abc")})
    assert wrong.status_code == 422 and "không đúng loại" in wrong.json()["error"]
    assert client.post("/api/check", files={}).status_code == 422


# --- the list and the form ---------------------------------------------------------------------------


def test_list_shows_plans_with_title_year_and_status(client, folder):
    (folder / "hong.yaml").write_text("issuer:\n  name: [\n", encoding="utf-8")
    (folder / "thieu.yaml").write_text("title: Chưa xong\nyear: 2026\n", encoding="utf-8")
    page = client.get("/").text
    assert "Thực hiện công tác dân vận chính quyền năm 2026" in page
    assert page.count("Hợp lệ") == 2
    assert "hong.yaml" in page and "sai cú pháp" in page
    assert re.search(r"Chưa xong.*?2026.*?thieu\.yaml.*?\d+ lỗi", page, re.S)


def test_form_is_built_from_the_schema_with_vietnamese_labels(client):
    page = client.get(f"/ke-hoach/{PLAN}").text
    for text in (
        "Cơ quan ban hành kế hoạch",
        "Tên cơ quan ban hành",
        "Trích yếu",
        "Người ký",
        "Nơi nhận",
        "Mục đích, yêu cầu",
    ):
        assert text in page
    for tpl in ("Section", "Item", "Point", "Bullet", "Target", "Assignment", "Duty", "ScheduleEntry", "map"):
        assert f'id="tpl-{tpl}"' in page
    assert "Ủy ban nhân dân tỉnh Khánh Hòa" in page
    assert 'id="f-letter"' in page and 'id="f-reporting"' in page
    assert '<script src="/static/app.js">' in page


def test_form_of_a_broken_file_says_where(client, folder):
    (folder / "hong.yaml").write_text("issuer:\n  name: a\n   level: xã\n", encoding="utf-8")
    r = client.get("/ke-hoach/hong.yaml")
    assert r.status_code == 422 and "dòng" in r.text and "Traceback" not in r.text


def test_page_assets_are_local(client):
    page = client.get(f"/ke-hoach/{PLAN}").text
    assert not re.search(r'(src|href)="(https?:)?//', page)
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "http://" not in js.text and "https://" not in js.text
    assert client.get("/static/app.css").status_code == 200


# --- validation as you type ----------------------------------------------------------------------------


def test_validation_gives_the_same_messages_as_validate(client, folder):
    values = _values(folder)
    assert client.post(f"/api/validate/{PLAN}", json={"values": values}).json() == {"issues": []}
    values["issuer"]["name"] = ""
    values["year"] = "hai nghìn"
    values["tittle"] = values.pop("title")
    values["sections"][0]["items"][0]["points"][1] = {"bullets": []}
    issues = client.post(f"/api/validate/{PLAN}", json={"values": values}).json()["issues"]
    by_path = {i["path"]: i["message"] for i in issues}
    assert by_path["issuer.name"] == "không được để trống"
    assert by_path["year"] == "phải là số nguyên"
    assert "Có phải 'title'?" in by_path["tittle"]
    assert "title" not in by_path  # the typo explains the missing field
    assert any(i["loc"][:5] == ["sections", 0, "items", 0, "points"] for i in issues)


def test_validation_messages_match_the_cli(client, folder):
    values = _values(folder)
    values["issuer"]["abbreviation"] = ""
    values["signer"]["authority"] = "KT."
    del values["signer"]["head_title"]
    issues = client.post(f"/api/validate/{PLAN}", json={"values": values}).json()["issues"]
    text = (folder / PLAN).read_text("utf-8").replace("abbreviation: UBND", 'abbreviation: ""')
    text = text.replace("authority: TM. KT.", "authority: KT.").replace("  head_title: Chủ tịch\n", "")
    with pytest.raises(InputError) as caught:
        parse_plan_text(text, PLAN)
    assert issues
    for issue in issues:
        if issue["severity"] == "error":
            assert f"trường {issue['path']}: {issue['message']}" in caught.value.message


def test_validate_rejects_non_json(client):
    r = client.post(f"/api/validate/{PLAN}", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["error"]


# --- saving ----------------------------------------------------------------------------------------------


def _open(client, name: str = PLAN) -> str:
    return _sha(client.get(f"/ke-hoach/{name}").text)


def test_unchanged_save_rewrites_the_same_bytes(client, folder):
    before = (folder / PLAN).read_bytes()
    r = client.post(f"/api/save/{PLAN}", json={"values": _values(folder), "sha256": _open(client)})
    assert r.status_code == 200 and r.json()["issues"] == []
    assert (folder / PLAN).read_bytes() == before


def test_save_keeps_comments_order_and_short_forms(client, folder):
    original = (folder / PLAN).read_text("utf-8")
    comments = [line.split("#", 1)[1] for line in original.splitlines() if "#" in line and "[^" not in line]
    values = _values(folder)
    values["title"] = "Thực hiện công tác dân vận chính quyền năm 2026 (sửa đổi)"
    values["sections"][0]["items"].append({"title": "Mục mới thêm từ trang web", "bullets": [{"text": "Việc một;"}]})
    values["recipients"]["items"].insert(0, "Văn phòng Chính phủ (b/c)")
    del values["closing"]
    r = client.post(f"/api/save/{PLAN}", json={"values": values, "sha256": _open(client)})
    assert r.status_code == 200, r.text
    text = (folder / PLAN).read_text("utf-8")
    for comment in comments:
        assert comment in text
    assert "(sửa đổi)" in text and "Mục mới thêm từ trang web" in text and "closing:" not in text
    keys = [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert keys == [
        k
        for k in [line.split(":")[0] for line in original.splitlines() if re.match(r"^[a-z_]+:", line)]
        if k != "closing"
    ]
    assert "- Lồng ghép nội dung dân vận vào các lớp bồi dưỡng" in text  # a point stays a plain string
    loaded = load_plan(folder / PLAN)
    assert loaded.plan.sections[0].items[-1].title == "Mục mới thêm từ trang web"
    assert loaded.plan.recipients.items[0] == "Văn phòng Chính phủ (b/c)"
    assert r.json()["sha256"] == _open(client)


def test_save_of_an_invalid_plan_keeps_what_was_typed(client, folder):
    values = _values(folder)
    values["year"] = "hai nghìn"
    r = client.post(f"/api/save/{PLAN}", json={"values": values, "sha256": _open(client)})
    assert r.status_code == 200
    assert any(i["path"] == "year" for i in r.json()["issues"])
    assert "year: hai nghìn" in (folder / PLAN).read_text("utf-8")


def test_concurrent_edit_is_refused_and_both_versions_offered(client, folder):
    sha = _open(client)
    disk = (folder / PLAN).read_text("utf-8").replace("name: Trần Văn Minh", "name: Người Sửa Bằng Notepad")
    (folder / PLAN).write_text(disk, encoding="utf-8")
    values = _values(folder)
    values["title"] = "Bản sửa trên trang web"
    r = client.post(f"/api/save/{PLAN}", json={"values": values, "sha256": sha})
    assert r.status_code == 409
    body = r.json()
    assert "đã bị sửa trên đĩa" in body["error"]
    assert body["disk_text"] == disk and "Bản sửa trên trang web" in body["mine_text"]
    assert (folder / PLAN).read_text("utf-8") == disk  # nothing lost
    copy = client.post(f"/api/save-copy/{PLAN}", json={"values": values}).json()
    assert copy["rel"] == "ke-hoach-tinh-2026-ban-cua-toi.yaml"
    assert load_plan(folder / copy["rel"]).plan.title == "Bản sửa trên trang web"
    again = client.post(f"/api/save-copy/{PLAN}", json={"values": values}).json()
    assert again["rel"] == "ke-hoach-tinh-2026-ban-cua-toi-2.yaml"
    forced = client.post(f"/api/save/{PLAN}", json={"values": values, "sha256": sha, "force": True})
    assert forced.status_code == 200 and load_plan(folder / PLAN).plan.title == "Bản sửa trên trang web"


def test_save_rejects_bad_payload(client):
    r = client.post(f"/api/save/{PLAN}", json={"values": [1, 2]})
    assert r.status_code == 422 and r.json()["error"] == "Dữ liệu biểu mẫu không hợp lệ."


def test_remote_mode_on_every_interface_still_needs_the_token(folder):
    app = create_app(folder, token=TOKEN, hosts=None)
    with TestClient(app, base_url="http://192.168.1.5:8765") as c:
        assert c.get("/").status_code == 403
        assert c.get(f"/?token={TOKEN}").status_code == 200
        r = c.post(f"/api/validate/{PLAN}", json={"values": {}}, headers={"origin": "http://evil.example"})
        assert r.status_code == 403
        ok = c.post(f"/api/validate/{PLAN}", json={"values": {}}, headers={"origin": "http://192.168.1.5:8765"})
        assert ok.status_code == 200


def test_hostile_bodies_are_answered_quickly_and_in_vietnamese(client, folder):
    import tracemalloc

    tracemalloc.start()
    started = time.perf_counter()
    deep = b"[" * 200_000 + b"]" * 200_000
    r = client.post(f"/api/validate/{PLAN}", content=b'{"values": ' + deep + b"}")
    assert r.status_code == 422 and "JSON" in r.json()["error"]
    wide = {"title": "x", "sections": [{"title": f"Phần {i}"} for i in range(20_000)]}
    r = client.post(f"/api/validate/{PLAN}", json={"values": wide})
    assert r.status_code == 200 and r.json()["issues"]
    (folder / "sau.yaml").write_text("a:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)), encoding="utf-8")
    r = client.get("/ke-hoach/sau.yaml")
    assert r.status_code in (200, 422) and "Traceback" not in r.text
    assert client.get("/").status_code == 200
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 30 and peak < 400 * 1024 * 1024


def test_a_bug_gives_a_short_vietnamese_500(client, monkeypatch, capsys):
    from dvtemplate.web import workspace

    monkeypatch.delenv("DVTEMPLATE_DEBUG", raising=False)
    monkeypatch.setattr(workspace.Workspace, "entries", lambda self: 1 / 0)
    r = client.get("/")
    assert r.status_code == 500 and "lỗi của phần mềm" in r.text and "Traceback" not in r.text
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "Traceback" not in err
