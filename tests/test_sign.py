"""`dvtemplate sign`: a PAdES signature pyHanko validates, images where Nghị định 30 puts them
(measured on the rendered page against the signer block's lines), the file still PDF/A-2b with
every font embedded, the copy/attachment text block in an embedded font with Vietnamese letters,
Vietnamese errors (exit 2) for a wrong password, a missing file, a file that is not a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

import signkit
from conftest import EXAMPLES
from dvtemplate.pdf import find_soffice
from dvtemplate.sign import inspect_pdfa

pytestmark = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice chưa cài")

ISO_VN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """A plan as PDF/A (with its .docx beside it), a throw-away key and the two images."""
    from dvtemplate.cli import main

    folder = tmp_path_factory.mktemp("sign")
    assert main(["render", str(EXAMPLES / "ke-hoach-xa-2026.yaml"), "-o", str(folder / "out"), "--pdf"]) == 0
    pdf = next((folder / "out").glob("*.pdf"))
    p12, root = signkit.make_p12(folder)
    return {
        "pdf": pdf,
        "p12": p12,
        "root": root,
        "sig": signkit.signature_png(folder),
        "seal": signkit.seal_png(folder),
        "dir": folder,
    }


@pytest.fixture
def sign(run_cli, kit, monkeypatch):
    monkeypatch.setenv("DVTEMPLATE_CERT_PASSWORD", signkit.PASSWORD)

    def run(*args, out: Path):
        return run_cli("sign", kit["pdf"], "--cert", kit["p12"], *args, "-o", out)

    return run


def _validate(path: Path, *root_ders: bytes):
    from asn1crypto import x509 as ax509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    with open(path, "rb") as fh:
        reader = PdfFileReader(fh)
        (sig,) = reader.embedded_signatures
        assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached", "PAdES"
        roots = [ax509.Certificate.load(der) for der in root_ders]
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots))
        return status


INFO_XMP = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Producer": "pdf:Producer",
    "/Keywords": "pdf:Keywords",
    "/Creator": "xmp:CreatorTool",
}


def assert_info_matches_xmp(path: Path) -> None:
    """PDF/A: every Info entry present has the same value in XMP (after the signer's update too)."""
    with pikepdf.open(path) as doc:
        meta = doc.open_metadata()
        for key, prop in INFO_XMP.items():
            if key in doc.docinfo:
                value = meta.get(prop)
                value = value if isinstance(value, str) else "; ".join(value or [])
                assert str(doc.docinfo[key]) == value, (key, str(doc.docinfo[key]), value)


def _line(page, text: str) -> dict:
    lines = [ln for ln in page.extract_text_lines() if unicodedata.normalize("NFC", ln["text"]).strip() == text]
    assert lines, text
    return lines[-1]


def _bbox(img: Image.Image, test) -> tuple[int, int, int, int]:
    px = img.load()
    xs, ys = [], []
    for y in range(img.height):
        for x in range(img.width):
            if test(px[x, y]):
                xs.append(x)
                ys.append(y)
    assert xs, "colour not found on the page"
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def _render(pdf: Path, page: int, tmp: Path) -> Image.Image:
    """The page at 72 dpi: one pixel per point, y from the top like pdfplumber's ``top``."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-f", str(page), "-l", str(page), str(pdf), str(tmp / "p")], check=True
    )
    return Image.open(next(tmp.glob("p*.png"))).convert("RGB")


def is_blue(p):
    return p[2] > 140 and p[0] < 110 and p[1] < 120


def is_red(p):
    return p[0] > 150 and p[1] < 110 and p[2] < 110


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler chưa cài")
def test_signed_plan_validates_and_images_follow_the_decree(sign, kit, tmp_path):
    out = tmp_path / "da-ky.pdf"
    code, stdout, err = sign("--signature-image", kit["sig"], "--seal", kit["seal"], out=out)
    assert code == 0, err
    assert "Đã ký" in stdout or "Đã ghi" in stdout
    status = _validate(out, kit["root"])
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"

    with pdfplumber.open(out) as pdf:
        page = pdf.pages[-1]
        title, name = _line(page, "CHỦ TỊCH"), _line(page, "Đặng Thị Mai")
        count = len(pdf.pages)
    img = _render(out, count, tmp_path)
    bx0, by0, bx1, by1 = _bbox(img, is_blue)
    # the signer's image: between the position title and the name, centred on the title
    assert title["bottom"] - 1 <= by0 and by1 <= name["top"] + 1, (title, name, (by0, by1))
    assert abs((bx0 + bx1) / 2 - (title["x0"] + title["x1"]) / 2) <= 3
    rx0, ry0, rx1, ry1 = _bbox(img, is_red)
    # the seal: its real size (36 mm = 102 pt), covering the left third of the signer's image
    assert abs((rx1 - rx0) - 36 / 25.4 * 72) <= 3 and abs((ry1 - ry0) - 36 / 25.4 * 72) <= 3
    assert abs(rx1 - (bx0 + (bx1 - bx0) / 3)) <= 4, (rx0, rx1, bx0, bx1)
    assert rx0 < bx0, "the seal sticks out on the left"
    assert abs((ry0 + ry1) / 2 - (by0 + by1) / 2) <= 3, "seal and signature share a centre line"

    report = inspect_pdfa(out)
    assert report.is_pdfa2b, report
    assert report.metadata["dc:identifier"] == "03/KH-UBND", "metadata kept by the incremental update"
    assert_info_matches_xmp(out)
    assert out.read_bytes().startswith(kit["pdf"].read_bytes()), "the signature is an incremental update"


def test_timestamp_url_makes_pades_b_t(sign, kit, tmp_path, monkeypatch):
    """With --timestamp the signature carries a signature time-stamp token (B-T); the server is
    pyHanko's test authority standing in for the URL (no network in tests)."""
    from pyhanko.sign import timestamps
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    tsa_cert, tsa_key, tsa_root = signkit.make_tsa()
    asked = []

    def fake(url, *args, **kwargs):
        asked.append(url)
        return DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key)

    monkeypatch.setattr(timestamps, "HTTPTimeStamper", fake)
    out = tmp_path / "b-t.pdf"
    code, _, err = sign("--signature-image", kit["sig"], "--timestamp", "http://tsa.example.vn", out=out)
    assert code == 0, err
    assert asked == ["http://tsa.example.vn"]
    status = _validate(out, kit["root"], tsa_root)
    assert status.bottom_line
    assert status.timestamp_validity is not None and status.timestamp_validity.valid
    assert status.timestamp_validity.trusted


def test_unreachable_timestamp_server_is_a_tool_error(sign, kit, tmp_path):
    out = tmp_path / "b-t.pdf"
    code, _, err = sign("--signature-image", kit["sig"], "--timestamp", "http://127.0.0.1:9/tsa", out=out)
    assert code == 3 and "Máy chủ dấu thời gian" in err and "Traceback" not in err, err
    assert not out.exists()


def _actual_texts(pdf: Path) -> tuple[list[str], pikepdf.Array, set[str]]:
    """The stamp's text (ActualText spans), its field box and the font sizes set in it."""
    with pikepdf.open(pdf) as doc:
        annot = [a for a in doc.pages[0].Annots if a.get("/FT") == "/Sig"][-1]
        texts, sizes = [], set()
        todo = [annot.AP.N]
        while todo:
            stream = todo.pop()
            for operands, op in pikepdf.parse_content_stream(stream):
                if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/ActualText" in operands[1]:
                    texts.append(unicodedata.normalize("NFC", str(operands[1].ActualText)))
                if str(op) == "Tf":
                    sizes.add(str(operands[1]))
            todo += [x for x in (stream.get("/Resources") or {}).get("/XObject", {}).values()]
        return texts, [float(v) for v in annot.Rect], sizes


@pytest.mark.parametrize(
    "args, lines",
    [
        (["--attachment"], ["03/KH-UBND"]),
        (
            ["--copy", "sao-y", "--agency", "Văn phòng HĐND và UBND xã Cam Hiệp"],
            ["SAO Y", "Văn phòng HĐND và UBND xã Cam Hiệp"],
        ),
    ],
)
def test_copy_and_attachment_get_the_top_right_text_block(sign, kit, tmp_path, args, lines):
    out = tmp_path / "ban.pdf"
    code, _, err = sign(*args, out=out)
    assert code == 0, err
    assert _validate(out, kit["root"]).bottom_line
    texts, rect, sizes = _actual_texts(out)
    assert texts[: len(lines)] == lines and ISO_VN.fullmatch(texts[-1]), texts
    assert sizes == {"10"}, "Times New Roman 10 pt"
    x0, y0, x1, y1 = rect
    assert 595 - 15 / 25.4 * 72 - 20 < x1 < 595 and y1 > 842 - 20 / 25.4 * 72, "top right of page 1, in the margin"
    report = inspect_pdfa(out)
    assert report.is_pdfa2b, report
    assert_info_matches_xmp(out)
    stamp_fonts = [f for f in report.fonts if "Identity-H" in f]
    assert stamp_fonts and all(report.fonts[f] for f in stamp_fonts), "the stamp's font is embedded"
    with pikepdf.open(out) as doc:
        annot = [a for a in doc.pages[0].Annots if a.get("/FT") == "/Sig"][-1]
        assert int(annot.F) & 4, "printable (PDF/A)"
        fonts = []
        todo = [annot.AP.N]
        while todo:
            stream = todo.pop()
            res = stream.get("/Resources") or {}
            fonts += list((res.get("/Font") or {}).values())
            todo += list((res.get("/XObject") or {}).values())
        widths = [
            w for font in fonts for row in font.DescendantFonts[0].W if isinstance(row, pikepdf.Array) for w in row
        ]
        assert widths and max(widths) <= 1000, "glyph widths in thousandths of an em (letters not spread out)"


@pytest.mark.parametrize(
    "change, words",
    [
        ({"password": "sai"}, "sai mật khẩu"),
        ({"pdf": "khong-co.pdf"}, "Không tìm thấy tệp PDF"),
        ({"pdf": "docx"}, "không phải tệp PDF"),
        ({"image": "khong-co.png"}, "Không tìm thấy tệp ảnh chữ ký"),
        ({"image": "docx"}, "không phải ảnh chữ ký"),
    ],
)
def test_bad_input_is_a_vietnamese_error(run_cli, kit, tmp_path, monkeypatch, change, words):
    monkeypatch.setenv("DVTEMPLATE_CERT_PASSWORD", change.get("password", signkit.PASSWORD))
    docx = kit["pdf"].with_suffix(".docx")
    pdf = {"docx": docx, None: kit["pdf"]}.get(change.get("pdf"), tmp_path / str(change.get("pdf")))
    image = {"docx": docx, None: kit["sig"]}.get(change.get("image"), tmp_path / str(change.get("image")))
    out = tmp_path / "out.pdf"
    code, _, err = run_cli("sign", pdf, "--cert", kit["p12"], "--signature-image", image, "-o", out)
    assert code == 2 and words in err, err
    assert "Traceback" not in err and not out.exists()


def test_signer_block_not_found_names_the_lines(run_cli, kit, tmp_path, monkeypatch):
    monkeypatch.setenv("DVTEMPLATE_CERT_PASSWORD", signkit.PASSWORD)
    pdf = tmp_path / "khac.pdf"
    shutil.copy(kit["pdf"], pdf)  # no .docx beside it: the block is found from the PDF's text alone
    code, _, err = run_cli("sign", pdf, "--cert", kit["p12"], "--signature-image", kit["sig"], "-o", tmp_path / "o.pdf")
    assert code == 0, err
    code, _, err = run_cli(
        "sign",
        pdf,
        "--cert",
        kit["p12"],
        "--signature-image",
        kit["sig"],
        "--docx",
        tmp_path / "x.docx",
        "-o",
        tmp_path / "p.pdf",
    )
    assert code == 2 and "Không tìm thấy tệp Word" in err


def _raw_pdf(objs: list[bytes]) -> bytes:
    """A minimal PDF with a correct cross-reference table around *objs* (object 1 is the catalog)."""
    out, offsets = b"%PDF-1.7\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def _hostile(kind: str) -> bytes:
    import zlib

    catalog, pages = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    if kind == "bomb":  # 300 MB of drawing instructions in a 0.4 MB stream
        data = zlib.compress(b"0 0 m " * 50_000_000, 9)
        stream = f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"
        return _raw_pdf([catalog, pages, page, stream])
    if kind == "deep":
        deep = b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 200_000 + b"]" * 200_000 + b" >>"
        return _raw_pdf([deep, pages, page.replace(b" /Contents 4 0 R", b"")])
    if kind == "loop":
        return _raw_pdf(
            [catalog, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>", page.replace(b" /Contents 4 0 R", b"")]
        )
    return b"%PDF-1.7\n" + bytes(range(256)) * 100


@pytest.mark.parametrize("kind", ["bomb", "deep", "loop", "junk"])
def test_hostile_pdf_is_refused_within_bounds(kit, tmp_path, kind, monkeypatch):
    from hostile import assert_user_error, run_bounded

    monkeypatch.setenv("DVTEMPLATE_CERT_PASSWORD", signkit.PASSWORD)
    pdf = tmp_path / f"{kind}.pdf"
    pdf.write_bytes(_hostile(kind))
    out = tmp_path / "o.pdf"
    result = run_bounded(["sign", pdf, "--cert", kit["p12"], "--signature-image", kit["sig"], "-o", out], seconds=40)
    assert_user_error(result, 2, pdf.name)
    assert not out.exists()


def test_many_files_with_one_key_opening_per_worker(run_cli, kit, tmp_path, monkeypatch):
    monkeypatch.setenv("DVTEMPLATE_CERT_PASSWORD", signkit.PASSWORD)
    sources = []
    for i in range(3):
        folder = tmp_path / f"don-vi-{i}"
        folder.mkdir()
        pdf = folder / f"bao-cao-{i}.pdf"
        shutil.copy(kit["pdf"], pdf)
        shutil.copy(kit["pdf"].with_suffix(".docx"), pdf.with_suffix(".docx"))
        sources.append(pdf)
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\nbroken")
    out = tmp_path / "da-ky"
    args = [
        "--cert",
        kit["p12"],
        "--signature-image",
        kit["sig"],
        "--seal",
        kit["seal"],
        "--outdir",
        out,
        "--jobs",
        "2",
    ]
    code, stdout, err = run_cli("sign", *sources, broken, *args)
    assert code == 1 and "hong.pdf" in err and "Traceback" not in err, err
    signed = sorted(out.glob("*.pdf"))
    assert [p.name for p in signed] == ["bao-cao-0.pdf", "bao-cao-1.pdf", "bao-cao-2.pdf"]
    assert all(_validate(p, kit["root"]).bottom_line for p in signed)
    code, _, err = run_cli("sign", *sources, *args)
    assert code == 1 and "Không ghi đè" in err, "existing signed files are not overwritten without --force"
    code, _, err = run_cli("sign", *sources, "--cert", kit["p12"], "--signature-image", kit["sig"], "-o", out / "x.pdf")
    assert code == 2 and "--outdir" in err
