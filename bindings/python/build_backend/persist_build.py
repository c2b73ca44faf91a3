"""PEP 517 build backend of the Python binding, written with the standard library only.

The package is pure Python, so building it is copying ``src/persist`` into a zip file with the
metadata from ``pyproject.toml``: no setuptools, no wheel, nothing to download. pip therefore
installs it offline, in a fresh virtual environment, with or without build isolation
(``requires = []``). The backend writes only where pip asks (``wheel_directory`` and
``sdist_directory``), never into the source tree.

Hooks: ``build_wheel``, ``build_sdist``, ``build_editable`` (PEP 660: a ``.pth`` file pointing at
``src``) and the ``get_requires_for_build_*`` hooks (nothing is required).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.util
import io
import os
import re
import sys
import tarfile
import time
import zipfile
from typing import Any, Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bindings/python
PACKAGE = "persist"  # the import name, under src/
WHEEL_TAG = "py3-none-any"


def _forget_own_bytecode() -> None:
    # Importing this module wrote its bytecode next to it (pip imports the backend in the source
    # tree) before this code ran; remove it, so that building leaves the source tree as it was.
    if sys.dont_write_bytecode:
        return
    cached = importlib.util.cache_from_source(os.path.abspath(__file__))
    try:
        os.remove(cached)
        os.rmdir(os.path.dirname(cached))  # only when empty
    except OSError:
        pass


_forget_own_bytecode()
sys.dont_write_bytecode = True  # and nothing else this process imports from the tree


# ---- pyproject.toml --------------------------------------------------------------------------


def parse_toml_subset(text: str) -> Dict[str, Any]:
    """The subset of TOML that pyproject.toml uses here: [tables], key = "string" and arrays of
    strings (over several lines), comments. For Python < 3.11, which has no tomllib."""
    data: Dict[str, Any] = {}
    table = data
    lines = iter(text.splitlines())
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            table = data
            for part in line.strip("[]").split("."):
                table = table.setdefault(part.strip().strip('"'), {})
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError("pyproject.toml: cannot parse %r" % line)
        value = _strip_comment(value.strip())
        while value.startswith("[") and value.count("[") > value.count("]"):
            value += " " + _strip_comment(next(lines).strip())
        table[key.strip().strip('"')] = ast.literal_eval(value)
    return data


def _strip_comment(value: str) -> str:
    # A '#' outside double quotes starts a comment.
    quoted = False
    for i, ch in enumerate(value):
        if ch == '"' and (i == 0 or value[i - 1] != "\\"):
            quoted = not quoted
        elif ch == "#" and not quoted:
            return value[:i].rstrip()
    return value


def load_pyproject(root: str = ROOT) -> Dict[str, Any]:
    with open(os.path.join(root, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    try:
        import tomllib  # Python 3.11+
    except ImportError:
        return parse_toml_subset(text)
    return tomllib.loads(text)


def _project(root: str = ROOT) -> Dict[str, Any]:
    project = load_pyproject(root)["project"]
    for key in ("name", "version"):
        if not isinstance(project.get(key), str):
            raise ValueError("pyproject.toml: [project] needs a %s" % key)
    return project


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def metadata(root: str = ROOT) -> str:
    """The METADATA file (core metadata 2.1) for the [project] table."""
    project = _project(root)
    lines = [
        "Metadata-Version: 2.1",
        "Name: %s" % project["name"],
        "Version: %s" % project["version"],
    ]
    if project.get("description"):
        lines.append("Summary: %s" % project["description"])
    if project.get("requires-python"):
        lines.append("Requires-Python: %s" % project["requires-python"])
    for classifier in project.get("classifiers", []):
        lines.append("Classifier: %s" % classifier)
    for label, url in sorted(project.get("urls", {}).items()):
        lines.append("Project-URL: %s, %s" % (label, url))
    body = ""
    readme = project.get("readme")
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(root, readme), encoding="utf-8") as f:
            body = "\n" + f.read()
    return "\n".join(lines) + "\n" + body


# ---- archives ----------------------------------------------------------------------------------


def _epoch() -> int:
    # Reproducible archives: SOURCE_DATE_EPOCH when set, else the zip format's earliest date.
    return max(int(os.environ.get("SOURCE_DATE_EPOCH") or 0), 315532800)  # 1980-01-01


def _timestamp() -> Tuple[int, int, int, int, int, int]:
    return tuple(time.gmtime(_epoch())[:6])  # type: ignore[return-value]


def _package_files(root: str) -> List[Tuple[str, str]]:
    """(path in the wheel, path on disk) of the package's files, sorted, without bytecode."""
    base = os.path.join(root, "src")
    found = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(base, PACKAGE)):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            full = os.path.join(dirpath, name)
            found.append((os.path.relpath(full, base).replace(os.sep, "/"), full))
    if not found:
        raise FileNotFoundError("no package in %s" % os.path.join(base, PACKAGE))
    return found


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class _Wheel:
    """A wheel being written: each file is hashed into RECORD, which is written last."""

    def __init__(self, path: str) -> None:
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.records: List[str] = []
        self.date = _timestamp()

    def add(self, arcname: str, data: bytes, mode: int = 0o644) -> None:
        info = zipfile.ZipInfo(arcname, date_time=self.date)
        info.external_attr = (0o100000 | mode) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        self.records.append("%s,%s,%d" % (arcname, _record_hash(data), len(data)))

    def close(self, dist_info: str) -> None:
        record = dist_info + "/RECORD"
        self.records.append(record + ",,")
        info = zipfile.ZipInfo(record, date_time=self.date)
        info.external_attr = 0o100644 << 16
        self.zip.writestr(info, "\n".join(self.records) + "\n")
        self.zip.close()


def _build(wheel_directory: str, editable: bool) -> str:
    project = _project()
    name, version = _normalized(project["name"]), project["version"]
    filename = "%s-%s-%s.whl" % (name, version, WHEEL_TAG)
    dist_info = "%s-%s.dist-info" % (name, version)
    path = os.path.join(wheel_directory, filename)
    wheel = _Wheel(path + ".tmp")
    try:
        if editable:
            src = os.path.join(ROOT, "src")
            wheel.add("_%s_editable.pth" % name, (src + "\n").encode())
        else:
            for arcname, full in _package_files(ROOT):
                with open(full, "rb") as f:
                    wheel.add(arcname, f.read())
        wheel.add(dist_info + "/METADATA", metadata().encode("utf-8"))
        generator = "persist_build (bindings/python/build_backend)"
        wheel.add(
            dist_info + "/WHEEL",
            (
                "Wheel-Version: 1.0\nGenerator: %s\nRoot-Is-Purelib: true\nTag: %s\n"
                % (generator, WHEEL_TAG)
            ).encode(),
        )
        wheel.add(dist_info + "/top_level.txt", (PACKAGE + "\n").encode())
        wheel.close(dist_info)
        os.replace(path + ".tmp", path)
    except BaseException:
        wheel.zip.close()
        os.unlink(path + ".tmp")
        raise
    return filename


# ---- PEP 517 / PEP 660 hooks -------------------------------------------------------------------


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None) -> List[str]:
    return []


def get_requires_for_build_editable(
    config_settings: Optional[Dict[str, Any]] = None,
) -> List[str]:
    return []


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Dict[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    return _build(wheel_directory, editable=False)


def build_editable(
    wheel_directory: str,
    config_settings: Optional[Dict[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    return _build(wheel_directory, editable=True)


# What an sdist holds besides the package: enough to build the wheel again from it.
SDIST_FILES = ["pyproject.toml", "README.md", "build_backend/persist_build.py"]


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    project = _project()
    base = "%s-%s" % (_normalized(project["name"]), project["version"])
    filename = base + ".tar.gz"
    mtime = _epoch()
    files = [(name, os.path.join(ROOT, name)) for name in SDIST_FILES]
    files += [("src/" + arc, full) for arc, full in _package_files(ROOT)]
    pkg_info = metadata().encode("utf-8")
    path = os.path.join(sdist_directory, filename)
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for arcname, full in files + [("PKG-INFO", None)]:
            data = pkg_info
            if full is not None:
                with open(full, "rb") as f:
                    data = f.read()
            info = tarfile.TarInfo("%s/%s" % (base, arcname))
            info.size, info.mtime, info.mode = len(data), mtime, 0o644
            tar.addfile(info, io.BytesIO(data))
    return filename
