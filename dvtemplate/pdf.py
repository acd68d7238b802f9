"""PDF output through LibreOffice headless.

Offices publish and send PDFs; LibreOffice is the converter that lays out a .docx as Word
does on every user's machine without a licence. Callers write the .docx first, so when
LibreOffice is missing or fails the user keeps the Word files and only lacks the PDFs.

Speed: starting ``soffice`` costs far more than converting one small document,
so files are converted many per process (``--convert-to pdf --outdir DIR
a.docx b.docx …``) and split into ``jobs`` processes that run at the same
time. Two LibreOffice processes sharing one user profile hang or fail
silently, so every process gets its own throw-away profile
(``-env:UserInstallation=<file URI>``) in a temporary directory.

Safety: soffice may exit 0 having skipped a file, so every expected PDF is checked (exists,
non-empty, starts with ``%PDF-``). A PDF is converted into a hidden temporary directory beside
its target and moved over it with ``os.replace``: a half-written PDF never replaces a good one.

Fonts: the templates use Times New Roman (Nghị định 30/2020/NĐ-CP). Where it
is installed (Windows, macOS with Office) LibreOffice uses it; on Linux
fontconfig substitutes Liberation Serif (package ``fonts-liberation2``; 1.07 has
no Vietnamese letters), which has the same metrics, so line breaks and the page
count match what Word shows. ``--pdf`` warns first when no such face has the
Vietnamese letters (:func:`dvtemplate.fonts.font_warning`).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PureWindowsPath

from dvtemplate.errors import DvtemplateError, InputError, OutputError, ToolMissingError, os_reason

__all__ = [
    "ENV_VAR",
    "PDFA_FILTER",
    "DEFAULT_TIMEOUT",
    "find_soffice",
    "start_soffice",
    "candidate_paths",
    "install_hint",
    "split_chunks",
    "convert_to_pdf",
    "kill_tree",
]

ENV_VAR = "DVTEMPLATE_SOFFICE"
#: Seconds allowed per document; a process converting k files gets (k + 1) times
#: this (the extra share is LibreOffice's start-up), so big batches do not time out.
DEFAULT_TIMEOUT = 60.0
_STAGING_PREFIX = ".dvtemplate-pdf-"
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""``--convert-to`` for PDF/A-2b: LibreOffice's JSON filter options (7.4 and later). LibreOffice then
embeds every font (subsets), writes the sRGB output intent and the ``pdfaid`` markers."""


# --------------------------------------------------------------------------- discovery


def candidate_paths(environ: Mapping[str, str], platform: str) -> list[str]:
    """The usual install places of soffice for ``platform`` (``sys.platform`` values).

    Pure apart from globbing ``/opt/libreoffice*`` on Linux; kept separate from
    :func:`find_soffice` so the Windows list can be tested on any machine.
    """
    if platform == "win32":
        tail = ("LibreOffice", "program", "soffice.exe")
        roots = [environ.get(k) for k in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        out: list[str] = []
        for root in roots:
            if root:
                p = str(PureWindowsPath(root, *tail))
                if p not in out:
                    out.append(p)
        return out
    if platform == "darwin":
        home = environ.get("HOME", "")
        out = ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
        if home:
            out.append(f"{home}/Applications/LibreOffice.app/Contents/MacOS/soffice")
        return out
    out = [
        "/usr/bin/soffice",
        "/usr/bin/libreoffice",
        "/usr/local/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        "/usr/lib64/libreoffice/program/soffice",
    ]
    # Official .deb/.rpm builds install into /opt/libreofficeX.Y: newest first.
    out += sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)
    out += ["/snap/bin/libreoffice", "/var/lib/flatpak/exports/bin/org.libreoffice.LibreOffice"]
    home = environ.get("HOME", "")
    if home:
        out.append(f"{home}/.local/share/flatpak/exports/bin/org.libreoffice.LibreOffice")
    return out


def _is_program(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _from_env(value: str) -> str | None:
    """Resolve what a user typed into DVTEMPLATE_SOFFICE.

    Windows users copy paths with quotes, or give the ``program`` folder; a bare
    name such as ``soffice`` is looked up on PATH.
    """
    value = os.path.expandvars(os.path.expanduser(value.strip().strip('"').strip("'")))
    if not value:
        return None
    if os.path.isdir(value):
        for name in ("soffice.exe", "soffice"):
            inner = os.path.join(value, name)
            if _is_program(inner):
                return inner
        return None
    if _is_program(value):
        return value
    return shutil.which(value) if os.sep not in value and "/" not in value else None


def find_soffice() -> str | None:
    """Path of the LibreOffice program, or None.

    Order: env var ``DVTEMPLATE_SOFFICE`` (when set it wins, and a wrong value
    gives None rather than quietly using another copy), then ``soffice`` /
    ``libreoffice`` on PATH, then :func:`candidate_paths`.
    """
    if os.environ.get(ENV_VAR, "").strip():
        return _from_env(os.environ[ENV_VAR])
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in candidate_paths(os.environ, sys.platform):
        if _is_program(path):
            return path
    return None


def install_hint(platform: str) -> str:
    """Vietnamese 'how to install LibreOffice' for the user's system."""
    if platform == "win32":
        how = (
            "Tải và cài LibreOffice từ trang chính thức https://www.libreoffice.org/download/ "
            "rồi chạy lại; hoặc đặt biến môi trường DVTEMPLATE_SOFFICE là đường dẫn tới "
            r"soffice.exe (thường là C:\Program Files\LibreOffice\program\soffice.exe)."
        )
    elif platform == "darwin":
        how = (
            "Tải và cài LibreOffice từ trang chính thức https://www.libreoffice.org/download/ "
            "(hoặc `brew install --cask libreoffice`); hoặc đặt biến môi trường "
            "DVTEMPLATE_SOFFICE là đường dẫn tới soffice."
        )
    else:
        how = (
            "Trên Debian/Ubuntu: `sudo apt-get install -y libreoffice-writer fonts-liberation`; "
            "bản khác: tải từ trang chính thức https://www.libreoffice.org/download/. "
            "Hoặc đặt biến môi trường DVTEMPLATE_SOFFICE là đường dẫn tới soffice."
        )
    return how


def _missing_error(count: int) -> ToolMissingError:
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        msg = (
            f"Biến môi trường {ENV_VAR} trỏ tới '{env}' nhưng ở đó không có chương trình "
            "LibreOffice (soffice) nên không xuất được PDF."
        )
    else:
        msg = "Không tìm thấy LibreOffice (soffice) nên không xuất được PDF."
    msg += f" {count} tệp .docx đã tạo vẫn còn nguyên, chỉ chưa có bản PDF."
    return ToolMissingError(msg, hint=install_hint(sys.platform))


# --------------------------------------------------------------------------- planning


def split_chunks(items: Sequence[Path], jobs: int) -> list[list[Path]]:
    """Split into at most ``jobs`` contiguous chunks whose sizes differ by at most one."""
    n = max(1, min(jobs, len(items)))
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        if end > start:
            out.append(list(items[start:end]))
        start = end
    return out


def _plan(docx_paths: Sequence[Path], outdir: Path | None) -> dict[Path, Path]:
    """Source .docx → target .pdf, in input order; duplicates and clashes caught early."""
    targets: dict[Path, Path] = {}
    owner: dict[Path, Path] = {}
    for raw in docx_paths:
        src = Path(raw).resolve()
        if not src.is_file():
            raise InputError(f"Không tìm thấy tệp để chuyển sang PDF: {raw}")
        target = ((outdir.resolve() if outdir else src.parent) / src.stem).with_suffix(".pdf")
        other = owner.get(target)
        if other is not None and other != src:
            raise OutputError(
                f"Hai tệp '{other}' và '{src}' cùng cho ra một tệp PDF '{target}'.",
                hint="Đổi tên một tệp hoặc xuất vào hai thư mục khác nhau.",
            )
        owner[target] = src
        targets[src] = target
    return targets


# --------------------------------------------------------------------------- running


def start_soffice(soffice: str, profile: Path, convert_to: str, outdir: Path, sources: Sequence[Path]):
    """Start one headless LibreOffice converting *sources* into *outdir*, with its own *profile* and
    in its own process group (so :func:`_kill_tree` can stop it and its children); OSError if it
    cannot be started."""
    cmd = [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nologo",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        convert_to,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    popen_kw: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL}
    if os.name == "nt":
        popen_kw["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        popen_kw["start_new_session"] = True
    return subprocess.Popen(cmd, **popen_kw)


def _kill_tree(proc: subprocess.Popen) -> None:
    """soffice is a launcher: kill its whole process group, not only the launcher."""
    try:
        if os.name == "nt":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        proc.kill()
    except OSError:
        pass
    # A grandchild that escaped the group may hold our pipes open for ever:
    # never wait on them unbounded, only on the launcher itself.
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        for pipe in (proc.stdout, proc.stderr):
            if pipe:
                pipe.close()
        proc.wait()


kill_tree = _kill_tree  # shared with the importer's .doc conversion


def _names(paths: Sequence[Path], limit: int = 5) -> str:
    shown = ", ".join(p.name for p in paths[:limit])
    return shown + (f" và {len(paths) - limit} tệp khác" if len(paths) > limit else "")


def _tail(text: str, lines: int = 3) -> str:
    kept = [ln for ln in text.strip().splitlines() if ln.strip()][-lines:]
    return " | ".join(kept)


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def _run_group(
    soffice: str,
    profile: Path,
    target_dir: Path,
    sources: list[Path],
    targets: dict[Path, Path],
    timeout: float,
    convert_to: str = "pdf",
) -> None:
    """One soffice process: convert ``sources`` into a staging dir, then move into place."""
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=target_dir))
    except OSError as exc:
        raise OutputError(f"Không tạo được thư mục để ghi PDF: {target_dir} ({os_reason(exc)}).") from exc
    try:
        limit = timeout * (len(sources) + 1)
        try:
            proc = start_soffice(soffice, profile, convert_to, staging, sources)
        except OSError as exc:
            raise ToolMissingError(
                f"Không chạy được LibreOffice '{soffice}': {exc.strerror or exc}.", hint=install_hint(sys.platform)
            ) from exc
        try:
            out, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _kill_tree(proc)
            raise ToolMissingError(
                f"LibreOffice chạy quá {limit:.0f} giây khi chuyển sang PDF các tệp "
                f"{_names(sources)} nên đã bị dừng. Các tệp .docx vẫn còn nguyên.",
                hint="Đóng các cửa sổ LibreOffice đang treo rồi chạy lại, hoặc chuyển ít tệp hơn mỗi lần.",
            ) from None
        failed: list[Path] = []
        for src in sources:
            staged = staging / (src.stem + ".pdf")
            if not (staged.is_file() and staged.stat().st_size > 0 and _is_pdf(staged)):
                failed.append(src)
                continue
            try:
                os.replace(staged, targets[src])
            except OSError as exc:
                raise OutputError(
                    f"Không ghi được tệp PDF '{targets[src]}' ({os_reason(exc)}).",
                    hint="Tệp có thể đang mở trong trình đọc PDF: đóng tệp rồi chạy lại.",
                ) from exc
        if failed:
            detail = _tail(err.decode("utf-8", "replace") + "\n" + out.decode("utf-8", "replace"))
            msg = f"LibreOffice không tạo được bản PDF cho: {_names(failed)} (mã thoát {proc.returncode})."
            if detail:
                msg += f" LibreOffice báo: {detail}"
            raise ToolMissingError(
                msg,
                hint="Mở tệp bằng Word hoặc LibreOffice để xem tệp có hỏng "
                "không, đóng các cửa sổ LibreOffice rồi chạy lại.",
            )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run_chunk(
    soffice: str, profile: Path, chunk: list[Path], targets: dict[Path, Path], timeout: float, convert_to: str = "pdf"
) -> list[DvtemplateError]:
    """All groups of one chunk, one after another, sharing this worker's profile."""
    groups: dict[Path, list[Path]] = {}
    for src in chunk:
        groups.setdefault(targets[src].parent, []).append(src)
    errors: list[DvtemplateError] = []
    for target_dir, sources in groups.items():
        try:
            _run_group(soffice, profile, target_dir, sources, targets, timeout, convert_to)
        except DvtemplateError as exc:
            errors.append(exc)
    return errors


def convert_to_pdf(
    docx_paths: Sequence[Path],
    *,
    jobs: int = 1,
    outdir: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    soffice: str | None = None,
    pdfa: bool = False,
) -> list[Path]:
    """Convert .docx files to PDF; return the PDF paths in input order.

    Each PDF goes beside its .docx, or into ``outdir``. The files are split into
    ``jobs`` chunks, one soffice process per chunk and per target folder in it,
    processes of different chunks running at the same time. ``timeout`` is
    seconds per document (see :data:`DEFAULT_TIMEOUT`). ``soffice`` overrides
    :func:`find_soffice`. ``pdfa`` asks for PDF/A-2b (:data:`PDFA_FILTER`). Every chunk runs even if another fails; the errors
    are then raised together (the PDFs that did convert are kept).
    """
    if jobs < 1:
        raise InputError(f"Số tiến trình chuyển PDF phải từ 1 trở lên (đang là {jobs}).")
    if not docx_paths:
        return []
    targets = _plan(docx_paths, outdir)
    program = soffice or find_soffice()
    if program is None:
        raise _missing_error(len(targets))
    # Keep files of one target folder together so a chunk needs few processes.
    order = sorted(targets, key=lambda s: str(targets[s].parent))
    chunks = split_chunks(order, jobs)
    with tempfile.TemporaryDirectory(prefix="dvtemplate-lo-", ignore_cleanup_errors=True) as tmp:
        profiles = [Path(tmp, f"lo-profile-{i}") for i in range(len(chunks))]
        with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
            futures = [
                pool.submit(_run_chunk, program, prof, chunk, targets, timeout, PDFA_FILTER if pdfa else "pdf")
                for prof, chunk in zip(profiles, chunks, strict=False)
            ]
            errors = [e for f in futures for e in f.result()]
    if errors:
        if len(errors) == 1:
            raise errors[0]
        first = errors[0]
        raise type(first)("\n".join(e.message for e in errors), hint=first.hint)
    return [targets[Path(p).resolve()] for p in docx_paths]
