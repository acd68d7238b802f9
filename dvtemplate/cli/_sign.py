"""``sign`` and ``edxml``: electronic issuance (a thin layer over :mod:`dvtemplate.sign` and :mod:`dvtemplate.edxml`)."""

from __future__ import annotations

import os

import click

from ..errors import InputError
from ._options import done, warn
from ._vi import Command

__all__ = ["sign_cmd", "edxml_cmd"]

docx_option = click.option(
    "--docx",
    metavar="VAN-BAN.docx",
    type=click.Path(dir_okay=False),
    default=None,
    help="Tệp Word của văn bản (mặc định: tệp .docx cùng tên bên cạnh tệp PDF).",
)
"""The document's own Word file, where its number, date and signer block are read (sign, edxml)."""

PASSWORD_ENV = "DVTEMPLATE_CERT_PASSWORD"


def _secret(env: str | None, what: str, default_env: str) -> str:
    """A password from the named environment variable, else typed (hidden) at the prompt."""
    name = env or default_env
    value = os.environ.get(name)
    if value is not None:
        return value
    if env:
        raise InputError(f"Biến môi trường {env} (chứa {what}) chưa được đặt.")
    return click.prompt(f"Nhập {what}", hide_input=True, err=True)


@click.command("sign", cls=Command)
@click.argument("pdfs", metavar="VAN-BAN.pdf…", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", metavar="DA-KY.pdf", default=None, help="Tệp PDF đã ký (khác tệp gốc).")
@click.option(
    "--outdir",
    metavar="THU-MUC",
    default=None,
    help="Ký nhiều tệp: thư mục ghi các tệp đã ký (cùng tên); mỗi tiến trình mở khóa một lần.",
)
@click.option("--jobs", type=click.IntRange(1, 64), default=1, help="Số tiến trình ký song song (với --outdir).")
@click.option(
    "--cert", metavar="KHOA.p12", type=click.Path(dir_okay=False), help="Tệp chứng thư số PKCS#12 (.p12, .pfx)."
)
@click.option(
    "--password-env",
    metavar="BIEN",
    default=None,
    help=f"Tên biến môi trường chứa mật khẩu (mặc định {PASSWORD_ENV}; không có thì hỏi khi chạy).",
)
@click.option("--pkcs11", metavar="THU-VIEN", default=None, help="Thư viện PKCS#11 của USB token (thay cho --cert).")
@click.option("--slot", type=int, default=None, help="Khe (slot) của USB token.")
@click.option("--key-label", default=None, help="Nhãn khóa trên USB token.")
@click.option(
    "--signature-image",
    metavar="CHU-KY.png",
    type=click.Path(dir_okay=False),
    help="Ảnh chữ ký (PNG nền trong suốt, màu xanh).",
)
@click.option(
    "--seal", metavar="DAU.png", type=click.Path(dir_okay=False), help="Ảnh con dấu (PNG nền trong suốt, màu đỏ)."
)
@click.option(
    "--seal-mm", type=float, default=None, help="Đường kính thật của con dấu, mm (mặc định theo DPI của ảnh, hoặc 36)."
)
@click.option(
    "--copy",
    "copy_form",
    type=click.Choice(["sao-y", "sao-luc", "trich-sao"]),
    default=None,
    help="Ký bản sao: khối chữ góc trên bên phải, không có ảnh.",
)
@click.option("--attachment", is_flag=True, help="Ký văn bản kèm theo gửi thành tệp riêng: khối chữ góc trên bên phải.")
@docx_option
@click.option(
    "--number", "number_symbol", default=None, help="Số và ký hiệu in trên khối chữ (mặc định lấy từ văn bản)."
)
@click.option("--agency", default=None, help="Tên cơ quan sao văn bản (mặc định: cơ quan ban hành).")
@click.option(
    "--timestamp",
    "timestamp_url",
    metavar="URL",
    default=None,
    help="Máy chủ dấu thời gian (RFC 3161): chữ ký PAdES B-T.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def sign_cmd(pdfs, output, outdir, jobs, cert, password_env, pkcs11, slot, key_label, force, docx, **fields) -> int:
    """Ký số tệp PDF (PAdES) theo cách trình bày của Nghị định 30: ảnh chữ ký giữa chức vụ và họ tên, dấu trùm 1/3 bên trái."""
    from ..sign import load_p12, load_pkcs11, sign_file

    if bool(cert) == bool(pkcs11):
        raise InputError("Cần đúng một nguồn khóa: --cert KHOA.p12 hoặc --pkcs11 THU-VIEN.")
    if fields["copy_form"] and fields["attachment"]:
        raise InputError("Chọn một trong hai: --copy (bản sao) hoặc --attachment (văn bản kèm theo).")
    if not (fields["copy_form"] or fields["attachment"] or fields["signature_image"]):
        raise InputError("Cần ảnh chữ ký --signature-image CHU-KY.png (hoặc --copy / --attachment).")
    if bool(output) == bool(outdir) or (output and len(pdfs) > 1):
        raise InputError("Ký một tệp: -o DA-KY.pdf; ký nhiều tệp: --outdir THU-MUC.")
    if cert and not os.path.isfile(cert):
        raise InputError(f"Không tìm thấy tệp chứng thư số '{cert}'.")
    fields["seal_image"] = fields.pop("seal")
    if outdir:
        return _sign_batch(pdfs, outdir, cert, password_env, jobs, force, docx, fields)
    if cert:
        signer = load_p12(cert, _secret(password_env, "mật khẩu tệp chứng thư số", PASSWORD_ENV).encode())
    else:
        signer = load_pkcs11(pkcs11, slot, _secret(password_env, "mã PIN của USB token", PASSWORD_ENV), key_label)
    done([sign_file(pdfs[0], output, signer=signer, docx=docx, force=force, **fields)])
    return 0


def _sign_batch(pdfs, outdir, cert, password_env, jobs, force, docx, fields) -> int:
    """Many PDFs with one key file: a pool, the key opened once per worker; exit 1 when a file failed."""
    from pathlib import Path

    from ..sign import load_p12
    from ..sign.many import sign_many

    if not cert or docx:
        raise InputError("Ký nhiều tệp cần --cert KHOA.p12 (không dùng --docx: mỗi tệp PDF có tệp .docx bên cạnh).")
    password = _secret(password_env, "mật khẩu tệp chứng thư số", PASSWORD_ENV).encode()
    load_p12(cert, password)  # a wrong password is one message, before any worker starts
    signed, errors = sign_many(
        [Path(p) for p in pdfs], Path(outdir), p12=Path(cert), password=password, jobs=jobs, force=force, **fields
    )
    done(signed)
    for error in errors:
        click.echo(f"Lỗi: {error}", err=True)
    return 1 if errors else 0


@click.command("edxml", cls=Command)
@click.argument("source", metavar="VAN-BAN.pdf|.docx", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", "output", metavar="GOI.edxml", required=True, help="Tệp gói edXML (QCVN 102:2016/BTTTT)."
)
@docx_option
@click.option(
    "--plan",
    metavar="KE-HOACH.yaml",
    default=None,
    help="Tệp kế hoạch đã soạn ra văn bản (khi không có tệp Word bên cạnh tệp PDF).",
)
@click.option(
    "--units",
    metavar="DON-VI.xlsx",
    default=None,
    help="Danh sách đơn vị có cột 'Mã định danh' (mã cơ quan gửi, nhận).",
)
@click.option(
    "--urgency",
    type=click.Choice(["thuong", "khan", "thuong-khan", "hoa-toc"]),
    default="thuong",
    help="Mức độ khẩn (mặc định: thường).",
)
@click.option("--sphere", default="", help="Phạm vi ban hành (mặc định: theo nơi nhận).")
@click.option("--steering", is_flag=True, help="Văn bản chỉ đạo, điều hành (SteeringType = 1).")
@click.option("--force", is_flag=True, help="Ghi đè tệp đã có.")
def edxml_cmd(source, output, docx, plan, units, urgency, sphere, steering, force) -> None:
    """Đóng gói văn bản (bản PDF đã ký) thành gói edXML theo QCVN 102:2016/BTTTT để gửi qua trục liên thông."""
    from ..edxml import write_edxml

    path, warnings = write_edxml(
        source,
        output,
        docx=docx,
        plan=plan,
        units=units,
        urgency=urgency,
        sphere=sphere,
        steering=steering,
        force=force,
    )
    warn(warnings)
    done([path])
