"""Throw-away keys and images for the signing tests: a test root CA and a signer certificate made
here (never stored), a blue transparent signature PNG and a red round seal PNG."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw

PASSWORD = "mat-khau-thu"
BLUE = (20, 40, 200, 255)
RED = (220, 20, 20, 255)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _root_ca(cn: str, now: dt.datetime):
    """(certificate, key) of a throw-away root CA valid for 30 days."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(_name(cn))
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    return root, root_key


def make_p12(folder: Path, cn: str = "Đặng Thị Mai") -> tuple[Path, bytes]:
    """(the .p12 file, the root certificate in DER): a root CA and a signer certificate it issued."""
    now = dt.datetime.now(dt.timezone.utc)
    root, root_key = _root_ca("CA thử nghiệm dvtemplate", now)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=10))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, [root], serialization.BestAvailableEncryption(PASSWORD.encode())
    )
    path = folder / "chu-ky-so.p12"
    path.write_bytes(blob)
    return path, root.public_bytes(serialization.Encoding.DER)


def signature_png(folder: Path) -> Path:
    """A blue scribble from edge to edge on a transparent background, 3:1 like a scanned signature."""
    img = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.line([(0, 150), (120, 40), (200, 160), (300, 50), (420, 150), (599, 60)], fill=BLUE, width=14)
    path = folder / "chu-ky.png"
    img.save(path, dpi=(300, 300))
    return path


def seal_png(folder: Path, dpi: int = 300) -> Path:
    """A red ring with a star: 36 mm across at *dpi*."""
    size = round(36 / 25.4 * dpi)
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse([4, 4, size - 5, size - 5], outline=RED, width=max(4, size // 25))
    draw.ellipse([size // 4, size // 4, size * 3 // 4, size * 3 // 4], outline=RED, width=max(3, size // 40))
    path = folder / "dau.png"
    img.save(path, dpi=(dpi, dpi))
    return path


def make_tsa():
    """(TSA certificate, TSA key, root DER) as pyHanko's test time-stamp authority wants them."""
    from asn1crypto import keys as akeys
    from asn1crypto import x509 as ax509

    now = dt.datetime.now(dt.timezone.utc)
    root, root_key = _root_ca("TSA gốc thử nghiệm", now)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA is RSA-only
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("Máy chủ dấu thời gian thử nghiệm"))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=10))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    der = serialization.Encoding.DER
    pkcs8 = key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return (
        ax509.Certificate.load(cert.public_bytes(der)),
        akeys.PrivateKeyInfo.load(pkcs8),
        root.public_bytes(der),
    )
