"""The files of the checker page, written into the built site: Pyodide and one zip of Python.

The page checks a register in the browser with the validator itself, run by
Pyodide (npm ``pyodide``, pinned in package.json). The npm package holds only
the core, so the Python the check needs is zipped here at build time from what
is installed in this environment, without any network:

- the ``handbook`` package (as installed, editable or not), with the forms, the
  policy and the zh article pages at ``handbook/_shipped/`` exactly as the
  wheel ships them (so ``handbook.project`` finds them there), and those
  forms already loaded, pickled (``handbook.checker.PICKLE_NAME``);
- the pure-Python packages of the validate path: openpyxl, et_xmlfile, xlrd,
  chinese_calendar and PyYAML's ``yaml`` (its optional C extension is left out; ``yaml`` works
  without it).

Layout under ``<site>/assets/checker/``: ``pyodide/`` (the core files),
``python.zip`` (unpacked into site-packages by the page's worker) and
``snapshot.bin``: Pyodide's memory after starting and importing the checker,
made here by running Pyodide under Node (npm's own runtime). Loading it in the
page skips Python's start-up, most of the time to ready (measured: about 11 s
→ 4 s on the 2-core machine under load). It uses Pyodide's experimental
``_makeSnapshot``/``_loadSnapshot`` of the pinned version; the worker falls back
to a plain start if the snapshot cannot be loaded. The zip is
byte-for-byte the same for the same inputs (sorted entries, fixed times), so
ETags and caches stay valid across rebuilds of unchanged sources.
"""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import zipfile
from importlib.metadata import distribution
from pathlib import Path

#: The Pyodide core files the worker loads (the rest of the npm package is for Node and docs).
PYODIDE_FILES = (
    "pyodide.js",
    "pyodide.mjs",  # only for making the snapshot under Node
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
#: Distribution → the top-level packages of it that the check imports.
PURE_PYTHON = {
    "openpyxl": ("openpyxl",),
    "et_xmlfile": ("et_xmlfile",),
    "PyYAML": ("yaml",),
    # working-day deadlines: China's holidays (pure Python)
    "chinese-calendar": ("chinese_calendar",),
    # legacy .xls (BIFF8): the fallback reader in formats.FILE_TYPES, where calamine cannot run
    "xlrd": ("xlrd",),
}
#: Sub-packages of handbook that only the build uses.
BUILD_ONLY = ("site",)
_EPOCH = (1980, 1, 1, 0, 0, 0)
SNAPSHOT = "snapshot.bin"

# Run by Node: start Pyodide, unpack python.zip, import what a check needs, save the memory.
_SNAPSHOT_JS = r"""
const { loadPyodide } = await import(process.env.PYODIDE_MJS);
const fs = await import("node:fs");
const pyodide = await loadPyodide({ _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
const site = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(process.env.PYTHON_ZIP)), "zip", { extractDir: site });
pyodide.runPython(
  "import importlib; importlib.invalidate_caches()\n" +
  "import handbook.checker, openpyxl\nhandbook.checker.forms()",
);
fs.writeFileSync(process.env.SNAPSHOT_OUT, pyodide.makeMemorySnapshot());
"""


class BundleError(RuntimeError):
    """A file the checker page needs is missing (names it and the command that installs it)."""


def pyodide_dir(project: Path) -> Path:
    """Where npm installed Pyodide; raise BundleError saying how to install it."""
    folder = project / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (folder / name).is_file()]
    if missing:
        raise BundleError(
            f"{folder}: missing {', '.join(missing)}; run `npm ci` in {project} "
            "(the checker page needs the npm package pyodide pinned in package.json)"
        )
    return folder


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, _EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=9)


def _python_files(folder: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*.py")
        if "__pycache__" not in p.parts and p.relative_to(folder).parts[0] not in skip
    )


def python_zip(project: Path) -> bytes:
    """The zip of every Python file and data file the check needs, relative to site-packages."""
    import handbook
    from handbook import checker

    entries: dict[str, bytes] = {}
    package = Path(handbook.__file__).parent
    for path in _python_files(package, BUILD_ONLY):
        entries[f"handbook/{path.relative_to(package).as_posix()}"] = path.read_bytes()
    shipped = "handbook/_shipped"
    for path in sorted((project / "forms").glob("*.yaml")):
        entries[f"{shipped}/forms/{path.name}"] = path.read_bytes()
    entries[f"{shipped}/policy.yaml"] = (project / "policy.yaml").read_bytes()
    entries[f"{shipped}/{checker.PICKLE_NAME}"] = pickle.dumps(
        checker.load(project / "forms"), protocol=4
    )
    rules = project / "docs" / "zh" / "rules"
    for path in sorted(rules.rglob("*.md")):
        entries[f"{shipped}/docs/zh/rules/{path.relative_to(rules).as_posix()}"] = path.read_bytes()
    for dist_name, packages in PURE_PYTHON.items():
        dist = distribution(dist_name)
        for file in dist.files or ():
            parts = Path(str(file)).parts
            if parts[0] in packages and file.suffix == ".py" and "__pycache__" not in parts:
                entries[Path(str(file)).as_posix()] = Path(str(dist.locate_file(file))).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            _add(archive, name, entries[name])
    return buffer.getvalue()


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def write_bundle(site: Path, project: Path) -> Path:
    """Write ``<site>/assets/checker/`` (Pyodide core and python.zip); return that folder."""
    source = pyodide_dir(project)
    out = site / "assets" / "checker"
    (out / "pyodide").mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        target = out / "pyodide" / name
        if not target.is_file() or target.stat().st_size != (source / name).stat().st_size:
            shutil.copy2(source / name, target)
    _write_if_changed(out / "python.zip", python_zip(project))
    make_snapshot(source, out / "python.zip", out / SNAPSHOT)
    return out


def make_snapshot(pyodide: Path, python: Path, target: Path) -> None:
    """Pyodide's memory with the checker imported (Node runs it); raise BundleError if it fails."""
    node = shutil.which("node")
    if node is None:
        raise BundleError(
            "node not found: the checker page's snapshot is made with Node (npm's runtime)"
        )
    env = {
        **os.environ,
        "PYODIDE_MJS": (pyodide / "pyodide.mjs").as_uri(),
        "PYTHON_ZIP": str(python),
        "SNAPSHOT_OUT": str(target),
    }
    try:
        subprocess.run(
            [node, "--input-type=module", "-e", _SNAPSHOT_JS],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
        )
    except subprocess.CalledProcessError as exc:
        raise BundleError(f"making {target} with Node failed: {exc.stderr[-2000:]}") from None
