"""The page in words a clerk reads: Vietnamese labels and places, never a code path or Starlette's English."""

from __future__ import annotations

import re

from test_web_routes import PLAN, _values, client, folder  # noqa: F401  (fixtures)

from dvtemplate.web.forms import form_tree, place, templates_for


def _labels(node, out):
    if node.key:
        out.append((node.path, node.label, node.kind))
    for child in (node.children or []) + (node.elements or []):
        _labels(child, out)
    return out


def test_labels_are_vietnamese_words_never_codes():
    tree = form_tree(None)
    found = _labels(tree, [])
    for template in templates_for(tree).values():
        _labels(template, found)
    code = re.compile(r"^(true|false|True|False)\b|\b(integer|decimal|percent|yes_no|sum|mean|weighted)\b|'-'|\[\d")
    bad = [(path, label) for path, label, _ in found if code.search(label) or "_" in label]
    assert bad == []
    booleans = [label for _, label, kind in found if kind == "boolean"]
    assert booleans and all(label.endswith("?") for label in booleans), booleans


def test_place_is_the_fields_vietnamese_place():
    values = {"purposes": {"title": "Mục đích"}}
    assert place(("sections", 0, "items", 0, "points", 2, "text"), values) == "Phần II › Mục 1 › Điểm c › Nội dung điểm"
    assert place(("assignments", "items", 0, "duties", 2, "deadline"), {}) == (
        "Phần tổ chức thực hiện › Cơ quan 1 › Nhiệm vụ 3 › Thời hạn một lần"
    )
    assert place(("title",), {}) == "Trích yếu"
    assert place(("reporting", "indicators", 1, "aggregate"), {}) == (
        "Chế độ báo cáo định kỳ › Chỉ số 2 › Cách cộng số liệu các đơn vị"
    )


def test_form_shows_no_code_path_but_in_a_tooltip(client):  # noqa: F811
    page = client.get(f"/ke-hoach/{PLAN}").text
    visible = re.sub(r'title="[^"]*"|data-[a-z-]+="[^"]*"|id="[^"]*"|href="[^"]*"', "", page)
    visible = re.sub(r"<script.*?</script>", "", visible, flags=re.S)
    assert "issuer.parent" not in visible and "assignments.items" not in visible
    assert 'title="Trong tệp YAML: issuer.parent"' in page
    assert ">Có</option>" in page and ">Không</option>" in page
    assert ">cộng tổng</option>" in page and ">(để trống — theo mặc định)</option>" in page


def test_errors_name_the_place(client, folder):  # noqa: F811
    values = _values(folder)
    values["title"] = ""
    values["assignments"]["items"][0]["duties"][1]["deadline"] = "31/02/2026"
    issues = client.post(f"/api/validate/{PLAN}", json={"values": values}).json()["issues"]
    where = {i["where"] for i in issues if i["severity"] == "error"}
    assert where == {"Trích yếu", "Phần tổ chức thực hiện › Cơ quan 1 › Nhiệm vụ 2 › Thời hạn một lần"}
    assert {i["path"] for i in issues if i["severity"] == "error"} == {
        "title",
        "assignments.items[1].duties[2].deadline",
    }


def test_save_copy_of_a_non_utf8_file_is_a_vietnamese_422(client, folder):  # noqa: F811
    (folder / "cu.yaml").write_bytes("title: Kế hoạch\n".encode("cp1258", errors="replace") + b"\xff\xfe\x81\n")
    save = client.post("/api/save/cu.yaml", json={"values": {"title": "A"}, "sha256": ""})
    copy = client.post("/api/save-copy/cu.yaml", json={"values": {"title": "A"}})
    assert save.status_code == 422 and copy.status_code == 422
    assert copy.json()["error"] == save.json()["error"]
    assert "cu.yaml" in copy.json()["error"]
    assert not list(folder.glob("cu-ban-cua-toi*"))


def test_starlettes_multipart_errors_are_vietnamese(client):  # noqa: F811
    broken = client.post(
        "/api/check",
        content=b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert broken.status_code == 422
    assert "Content-Disposition" not in broken.text and "multipart" in broken.json()["error"]
    many = client.post("/api/check", files=[("file", (f"{i}.docx", b"x")) for i in range(3)])
    assert many.status_code == 422
    assert many.json()["error"].startswith("Tải lên quá nhiều tệp một lần (tối đa 1 tệp)")
    garbage = client.post(
        "/api/check", content=b"\x00garbage", headers={"content-type": "multipart/form-data; boundary="}
    )
    assert garbage.status_code in (413, 422) and re.search(r"[A-Z][a-z]+ [a-z]+ data", garbage.text) is None


def test_a_report_for_a_non_committee_unit_from_the_panel(client, folder):  # noqa: F811
    values = _values(folder)
    payload = {"values": values, "period": "2026-H1", "unit": "Phòng Tư pháp"}
    refused = client.post(f"/api/make/report/{PLAN}", json=payload)
    assert refused.status_code == 422
    message = refused.json()["error"]
    assert "Chữ viết tắt trong ký hiệu" in message and "abbreviation" not in message
    made = client.post(
        f"/api/make/report/{PLAN}",
        json={**payload, "abbreviation": "TP", "signer_title": "Trưởng phòng", "place": "Nha Trang"},
    ).json()
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(folder / made["files"][0]["rel"]) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    text = "".join(root.itertext())
    assert "/BC-TP" in text and "TRƯỞNG PHÒNG" in text.upper() and "Nha Trang" in text


def test_rollover_review_in_words(client, folder):  # noqa: F811
    body = client.post(f"/api/rollover/{PLAN}", json={"values": _values(folder)}).json()
    review = body["review"]
    assert review and not [line for line in review if re.search(r"\[\d|\w\.\w|draft|number:", line)]
    assert any("Ngày ban hành" in line or "Số văn bản" in line for line in review), review


def test_save_keeps_notepads_line_ends_and_bom(client, folder):  # noqa: F811
    path = folder / PLAN
    original = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    page = client.get(f"/ke-hoach/{PLAN}").text
    sha = re.search(r'data-sha="([0-9a-f]{64})"', page).group(1)
    values = _values(folder)
    assert client.post(f"/api/save/{PLAN}", json={"values": values, "sha256": sha}).status_code == 200
    assert path.read_bytes() == original  # untouched: the same bytes, CRLF and BOM kept
    values["year"] = 2027
    sha = client.get(f"/ke-hoach/{PLAN}").text
    sha = re.search(r'data-sha="([0-9a-f]{64})"', sha).group(1)
    client.post(f"/api/save/{PLAN}", json={"values": values, "sha256": sha})
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\r\nyear: 2027\r\n" in after
    changed = [(a, b) for a, b in zip(original.split(b"\r\n"), after.split(b"\r\n"), strict=True) if a != b]
    assert changed == [(b"year: 2026", b"year: 2027")]
    copy = client.post(f"/api/save-copy/{PLAN}", json={"values": values}).json()
    assert (folder / copy["rel"]).read_bytes() == after
