"""Writing outputs so that a failed build never leaves half-written files behind.

A build writes into a staging folder next to its final place and swaps it in only when everything
succeeded; a previous good output stays untouched until then.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import CannotWrite


def umask() -> int:
    """The process's umask, read without setting it (``os.umask`` can only swap it: for that moment, a file
    another thread creates would get the wrong mode)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    previous = os.umask(0o022)
    os.umask(previous)
    return previous


def ordinary(path: Path) -> Path:
    """``path``, made by ``tempfile`` (which makes folders 0700 and files 0600), with the mode any other folder or
    file gets from the umask: a published edition is read by others (a colleague, the office share, the web
    server that publishes it for ITA)."""
    os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask())
    return path


def write_pdf(writer, target: Path) -> None:
    """Write a pypdf ``PdfWriter`` to ``target``, which is never seen half-written (a temporary file beside it,
    renamed), with the mode the umask gives any file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf.tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            writer.write(out)
        ordinary(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def writing_to(root: Path) -> Iterator[None]:
    """A failure to write under ``root`` that the clerk can fix (see ``CannotWrite``), or a full disk, reported
    as such instead of a traceback."""
    try:
        yield
    except OSError as exc:
        if exc.errno in CannotWrite.REASONS and (exc.filename is None or _within(Path(exc.filename), root)):
            raise CannotWrite(root, exc) from exc
        raise


def _within(path: Path, root: Path) -> bool:
    return path.absolute().is_relative_to(root.absolute())


class Staging:
    """A private folder that becomes ``final_dir`` on commit, or disappears on failure."""

    def __init__(self, final_dir: Path):
        self.final_dir = final_dir
        self._made_parent = not final_dir.parent.exists()  # the organisation's folder, on its first build
        final_dir.parent.mkdir(parents=True, exist_ok=True)
        self.path = ordinary(Path(tempfile.mkdtemp(prefix=f".{final_dir.name}.staging-", dir=final_dir.parent)))

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None or self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)
            if self._made_parent:  # created for an output that was not published: leave no empty folder
                try:
                    self.final_dir.parent.rmdir()
                except OSError:  # not empty: another edition lives there now
                    pass

    def file(self, relative: str) -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, relative: str, content: bytes) -> Path:
        target = self.file(relative)
        target.write_bytes(content)
        return target

    def commit(self) -> list[Path]:
        """Swap the staged folder into place; returns the published files."""
        old = None
        if self.final_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.final_dir.name}.old-", dir=self.final_dir.parent))
            os.rmdir(old)
            os.replace(self.final_dir, old)
        try:
            os.replace(self.path, self.final_dir)
        except OSError:
            if old is not None:
                os.replace(old, self.final_dir)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return sorted(p for p in self.final_dir.rglob("*") if p.is_file())
