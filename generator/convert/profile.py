"""LibreOffice user profiles: one per running LibreOffice process, never shared.

Two LibreOffice processes on one profile do not run side by side: the second hands its work to the first (in
the first one's environment, fonts included) or exits with no PDF and no message. So each process takes a
*slot*, a profile folder under ``.cache/libreoffice/`` locked (flock) for as long as the process lives. Slots
are kept between builds, because creating a profile costs LibreOffice about a tenth of a second.

Each slot also holds its own snapshot of the fontconfig file (the shared one may be rewritten when someone
drops a font into ``fonts/`` during a build) and the profile setting that decides how digits are drawn.

LibreOffice opens a named pipe in /tmp for each profile (through it a second soffice on the same profile hands
over its documents). A LibreOffice that is killed, after a timeout or a crash, leaves that pipe behind; the slot
removes it when it is prepared and when it is released, since no LibreOffice of its own runs then.

A profile also records the LibreOffice version it last ran (``ooSetupLastVersion``). Until it does, every start
runs LibreOffice's graphics self-tests, about 0.7 s, and a headless LibreOffice never records it, so a new profile
would pay them at every start. The slot records the installed version itself.

Each LibreOffice process also makes a temporary folder (``lu….tmp``, 76 kB with its copy of the certificate
store) and removes it only when it exits on its own. Workers are stopped with a signal, so in /tmp every stopped,
recycled or killed worker would leave one behind, two per build. So each slot gives its process a temporary
folder of its own (``TMPDIR``), emptied when the slot is prepared and when it is released.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import re
import shutil
import signal
import time
from pathlib import Path

from generator import fonts, paths
from generator.errors import ProngsaiError

PROFILES_DIR = paths.ROOT / ".cache" / "libreoffice"
XCU = "user/registrymodifications.xcu"
# CTLTextNumerals: 0 Arabic digits everywhere; 3 "context": digits in text whose language is Thai are drawn in
# Thai. Page-number fields are Arabic until drawn, so a Thai-digit document needs 3.
NUMERALS_ARABIC, NUMERALS_CONTEXT = 0, 3
_SETTINGS = {
    ("/org.openoffice.Office.Recovery/AutoSave", "Enabled"): "false",
    ("/org.openoffice.Office.Recovery/RecoveryInfo", "Enabled"): "false",
    ("/org.openoffice.Office.Common/Misc", "UseLocking"): "false",
}


_SETUP_VERSION = re.compile(r'<prop oor:name="ooSetupVersion"[^>]*>\s*<value>(\d+\.\d+)</value>')


@functools.cache
def libreoffice_version() -> str | None:
    """The installed LibreOffice's version as its profiles record it ("7.4"), read from its configuration
    defaults (``share/registry/main.xcd``); None if it cannot be found."""
    from generator.convert.soffice import soffice_binary  # soffice.py uses this module

    try:
        program = Path(os.path.realpath(soffice_binary())).parent
    except ProngsaiError:  # no LibreOffice: nothing to record, nothing will start
        return None
    defaults = program.parent / "share" / "registry" / "main.xcd"
    try:
        found = _SETUP_VERSION.search(defaults.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return found.group(1) if found else None


def numerals_setting(thai_numerals: bool) -> int:
    return NUMERALS_CONTEXT if thai_numerals else NUMERALS_ARABIC


def _item(path: str, name: str, value: object) -> str:
    return f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'


def registry(thai_numerals: bool, existing: str = "") -> str:
    """registrymodifications.xcu with our settings, keeping whatever LibreOffice itself stored there."""
    settings = {**_SETTINGS, ("/org.openoffice.Office.Common/I18N/CTL", "CTLTextNumerals"): numerals_setting(thai_numerals)}
    if version := libreoffice_version():
        settings[("/org.openoffice.Setup/Product", "ooSetupLastVersion")] = version
    items = re.findall(r"<item .*?</item>", existing, flags=re.DOTALL)
    ours = {f'oor:path="{p}"><prop oor:name="{n}"' for p, n in settings}
    kept = [item for item in items if not any(key in item for key in ours)]
    kept += [_item(p, n, v) for (p, n), v in settings.items()]
    body = "\n".join(kept)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            f"{body}\n</oor:items>\n")


class ProfileSlot:
    """A locked profile folder for one LibreOffice process; release() (or ``with``) frees it."""

    def __init__(self, folder: Path, lock_fd: int):
        self.folder = folder
        self._lock_fd = lock_fd

    @property
    def profile(self) -> Path:
        return self.folder / "profile"

    @property
    def url(self) -> str:
        return self.profile.as_uri()

    @property
    def office_pipes(self) -> list[Path]:
        """Where LibreOffice's pipe for this profile is: ``OSL_PIPE_<uid>_SingleOfficeIPC_<digest>`` in /tmp (or
        /var/tmp), the digest being the MD5 of the profile URL in UTF-16, each byte in hex without padding."""
        digest = hashlib.md5(self.url.encode("utf-16-le"), usedforsecurity=False).digest()
        name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(f'{byte:x}' for byte in digest)}"
        return [Path(folder) / name for folder in ("/tmp", "/var/tmp")]

    def remove_office_pipe(self) -> None:
        for pipe in self.office_pipes:
            try:
                pipe.unlink(missing_ok=True)
            except OSError:  # another user's /tmp entry, or a read-only /var/tmp: not ours to clean
                pass

    @property
    def fontconfig_file(self) -> Path:
        return self.folder / "fonts.conf"

    @property
    def temp(self) -> Path:
        return self.folder / "tmp"

    def prepare(self, thai_numerals: bool) -> "ProfileSlot":
        """Set the digit style, take a fresh fontconfig snapshot, and clear a lock a crashed process left."""
        xcu = self.profile / XCU
        xcu.parent.mkdir(parents=True, exist_ok=True)
        existing = xcu.read_text(encoding="utf-8", errors="replace") if xcu.is_file() else ""
        _write(xcu, registry(thai_numerals, existing))
        shutil.copyfile(fonts.fontconfig_file(), self.fontconfig_file)
        self.kill_strays()
        self.remove_office_pipe()
        (self.profile / ".lock").unlink(missing_ok=True)
        shutil.rmtree(self.temp, ignore_errors=True)
        self.temp.mkdir()
        return self

    def kill_strays(self) -> None:
        """Kill any LibreOffice still running on this profile: we hold the slot, so it is a leftover of a crashed
        run, and a new LibreOffice would hand its documents to it instead of converting them itself."""
        marker = f"-env:UserInstallation={self.url}".encode()
        for pid in processes_with_argument(marker):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def env(self) -> dict[str, str]:
        env = fonts.fontconfig_env(config_file=self.fontconfig_file)
        env.setdefault("HOME", str(self.folder))
        env["TMPDIR"] = str(self.temp)
        return env

    def reset(self) -> None:
        """Throw the profile away (after a crash it may be damaged); the next use creates a new one."""
        shutil.rmtree(self.profile, ignore_errors=True)

    def release(self) -> None:
        if self._lock_fd >= 0:
            self.remove_office_pipe()
            shutil.rmtree(self.temp, ignore_errors=True)
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = -1

    def __enter__(self) -> "ProfileSlot":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def processes_with_argument(argument: bytes) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if argument in f.read().split(b"\0"):
                        found.append(int(entry))
            except OSError:
                continue
    return found


def acquire(kind: str, wait_s: float = 600) -> ProfileSlot:
    """The first free slot of ``kind`` ("oneshot", "worker"), creating one when all are taken."""
    base = PROFILES_DIR
    base.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    n = 0
    while True:
        folder = base / f"{kind}-{n}"
        folder.mkdir(exist_ok=True)
        fd = os.open(folder / "slot.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return ProfileSlot(folder, fd)
        except BlockingIOError:
            os.close(fd)
        n += 1
        if n >= 64:  # never more than this many LibreOffice processes at once; wait for one to finish
            if time.monotonic() > deadline:
                raise TimeoutError("no free LibreOffice profile slot")
            time.sleep(0.2)
            n = 0


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
