"""Writes a wheel (a zip with METADATA, WHEEL, entry points and RECORD) without a build backend from PyPI.

Both wheels Plimsoll builds are simple enough for this: a prebuilt binary plus two Python files, and the
pre-commit hook's metadata-only wheel. Entries are sorted and dated SOURCE_DATE_EPOCH (or 1980), so the same
inputs give the same bytes.
"""
import base64
import hashlib
import os
import time
import zipfile

WHEEL_GENERATOR = "plimsoll-wheel-writer"


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _date_time():
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    return time.gmtime(max(epoch, 315532800))[:6]


def normalized_name(name: str) -> str:
    """The distribution name as wheel file names spell it (PEP 427/503: runs of -_. become _)."""
    return "_".join(part for part in name.replace("-", "_").replace(".", "_").split("_") if part)


def write_wheel(directory, name, version, tag, files, summary, requires=(), console_scripts=None,
                root_is_purelib=False):
    """Writes `<name>-<version>-<tag>.whl` into `directory` and returns its path.

    `files` maps archive names to (bytes, executable). `tag` is python-abi-platform, e.g. py3-none-linux_x86_64.
    """
    dist = normalized_name(name)
    dist_info = f"{dist}-{version}.dist-info"
    metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}", f"Summary: {summary}",
                "Requires-Python: >=3.8"]
    metadata += [f"Requires-Dist: {requirement}" for requirement in requires]
    wheel = ["Wheel-Version: 1.0", f"Generator: {WHEEL_GENERATOR}",
             f"Root-Is-Purelib: {'true' if root_is_purelib else 'false'}"]
    wheel += [f"Tag: {t}" for t in _expand_tag(tag)]
    entries = dict(files)
    entries[f"{dist_info}/METADATA"] = ("\n".join(metadata) + "\n").encode(), False
    entries[f"{dist_info}/WHEEL"] = ("\n".join(wheel) + "\n").encode(), False
    if console_scripts:
        lines = ["[console_scripts]"] + [f"{script} = {target}" for script, target in console_scripts.items()]
        entries[f"{dist_info}/entry_points.txt"] = ("\n".join(lines) + "\n").encode(), False

    record_name = f"{dist_info}/RECORD"
    path = os.path.join(directory, f"{dist}-{version}-{tag}.whl")
    os.makedirs(directory, exist_ok=True)
    record = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for arcname in sorted(entries):
            data, executable = entries[arcname]
            _add(archive, arcname, data, executable)
            record.append(f"{arcname},{_record_hash(data)},{len(data)}")
        record.append(f"{record_name},,")
        _add(archive, record_name, ("\n".join(record) + "\n").encode(), False)
    return path


def _expand_tag(tag):
    # A compressed tag set (py2.py3-none-any) stands for every combination; WHEEL lists each one.
    python, abi, platform = tag.split("-")
    return [f"{p}-{a}-{pl}" for p in python.split(".") for a in abi.split(".") for pl in platform.split(".")]


def _add(archive, arcname, data, executable):
    info = zipfile.ZipInfo(arcname, date_time=_date_time())
    info.external_attr = ((0o755 if executable else 0o644) | 0o100000) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
