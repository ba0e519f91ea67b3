"""A warm build process beside ``prongsai serve-converters``: ``prongsai build`` runs in a fork of it.

A new Python process spends about 0.4 s importing Prongsai and its libraries and 0.15 s more building the
checker's word tables before it renders anything, which is a quarter of a build once the converters run; the
checker's and renderer's first use costs 0.15 s more. The service pays that once: it imports everything, loads
the word tables, checks and renders the built-in example, and listens on a Unix socket. For each
``prongsai build`` it receives the command line, the working folder, the environment and the caller's standard
input, output and error (``socket.send_fds``), forks, and the child runs the command exactly as the caller's
own process would, writing to the caller's terminal; the caller gets the child's exit code.

The service declines (the caller then builds in its own process, as without a service):
- when Prongsai's code, its libraries or the catalog changed since it started (it also exits, and the
  supervisor starts a fresh one);
- when the caller runs another Python or has other settings read at import time (PRONGSAI_HOME, …);
- when the caller is another user (the socket is the user's own, 0600, and the peer is checked).

PRONGSAI_BUILD_SERVICE=0 keeps ``prongsai build`` in its own process.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import struct
import sys
import time
from pathlib import Path

from generator import paths
from generator.publish import umask

SOCKET_NAME = "build.sock"
# settings read when modules are imported: a child of the service would see the service's values
IMPORT_TIME_SETTINGS = ("PRONGSAI_HOME", "PRONGSAI_LAKSAMAN_DIR", "PRONGSAI_CONVERT_TIMEOUT", "PYTHONPATH")
IMPORT_TIME_PREFIXES = ("PYTHAINLP_",)
_HEADER = struct.Struct("!I")
HANDSHAKE_TIMEOUT_S = 10


def socket_path() -> Path:
    """Where the service listens: beside the converters' registry (workers.REGISTRY_DIR, not imported here: a
    forwarded build must not pay for importing the converters); PRONGSAI_BUILD_SOCKET moves it, for tests."""
    return Path(os.environ.get("PRONGSAI_BUILD_SOCKET") or paths.ROOT / ".cache" / "converters" / SOCKET_NAME)


def wanted() -> bool:
    return os.environ.get("PRONGSAI_BUILD_SERVICE", "1") != "0"


def running() -> bool:
    """Whether a service listens (a socket left by one that was killed refuses the connection)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(HANDSHAKE_TIMEOUT_S)
        try:
            probe.connect(str(socket_path()))
        except OSError:
            return False
    return True


# --- the caller -----------------------------------------------------------------------------------------------

def forward(argv: list[str]) -> int | None:
    """Run ``prongsai <argv>`` in the service; its exit code, or None when no service takes it (then the
    caller runs the command itself)."""
    path = socket_path()
    if not wanted() or not path.exists():
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(HANDSHAKE_TIMEOUT_S)
    try:
        connection.connect(str(path))
        request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask(),
                              "python": _python(), "stdout": _stream_settings(sys.stdout),
                              "stderr": _stream_settings(sys.stderr)})
        payload = request.encode()
        socket.send_fds(connection, [_HEADER.pack(len(payload)) + payload], [0, 1, 2])
        answer = _read_message(connection)
    except (OSError, ValueError):
        connection.close()
        return None
    if answer is None or "pid" not in answer:
        connection.close()
        return None
    connection.settimeout(None)
    return _wait(connection, answer["pid"])


def _wait(connection: socket.socket, pid: int) -> int:
    """The child's exit code; Ctrl-C here is passed on to it (it stops the build cleanly and says so)."""
    with connection:
        while True:
            try:
                answer = _read_message(connection)
                break
            except KeyboardInterrupt:
                try:
                    os.kill(pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
    if answer is None or "exit" not in answer:
        print("ข้อผิดพลาด: กระบวนการสร้างเอกสารหยุดกลางคัน\nerror: the build process stopped before it finished",
              file=sys.stderr)
        return 1
    return int(answer["exit"])


def _python() -> dict:
    import generator

    return {"executable": os.path.realpath(sys.executable), "prefix": sys.prefix,
            "package": str(Path(generator.__file__).resolve().parent)}


def _stream_settings(stream) -> dict:
    try:
        return {"encoding": stream.encoding, "errors": stream.errors, "tty": stream.isatty()}
    except (AttributeError, ValueError):
        return {}


def _read_message(connection: socket.socket) -> dict | None:
    header = _read_exactly(connection, _HEADER.size)
    if header is None:
        return None
    body = _read_exactly(connection, _HEADER.unpack(header)[0])
    return None if body is None else json.loads(body)


def _read_exactly(connection: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _send_message(connection: socket.socket, message: dict) -> None:
    payload = json.dumps(message).encode()
    connection.sendall(_HEADER.pack(len(payload)) + payload)


# --- the service ----------------------------------------------------------------------------------------------

class BuildService:
    """The listening process: ``serve(listen())`` until its parent (the supervisor) is gone, or its code is out
    of date."""

    def __init__(self, path: Path, startup_env: dict[str, str]):
        self.path = path
        self.settings = _import_time_settings(startup_env)
        # what importing Prongsai set (PYTHAINLP_OFFLINE, …): a child's environment gets it as its own imports would
        self.import_effects = {k: v for k, v in os.environ.items() if k not in startup_env}
        self.python = _python()
        self.fingerprint = code_fingerprint()
        self.parent = os.getppid()
        self.children: set[int] = set()

    def listen(self) -> socket.socket:
        """Bind the socket (the service says it is ready only after this)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.unlink(missing_ok=True)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        previous = os.umask(0o077)
        try:
            listener.bind(str(self.path))
        finally:
            os.umask(previous)
        listener.listen(16)
        listener.settimeout(0.5)
        return listener

    def serve(self, listener: socket.socket) -> None:
        own = self.path.stat().st_ino
        try:
            while os.getppid() == self.parent:
                self._reap()
                try:
                    connection, _ = listener.accept()
                except TimeoutError:
                    continue
                with connection:
                    try:
                        current = self._handle(connection, listener)
                    except OSError:  # the caller went away, or no fork was possible: it builds on its own
                        current = True
                    if not current:
                        return  # out of date: the supervisor starts a fresh service
        finally:
            listener.close()
            try:
                if self.path.stat().st_ino == own:  # not a newer service's socket
                    self.path.unlink()
            except OSError:
                pass

    def _handle(self, connection: socket.socket, listener: socket.socket) -> bool:
        """Fork a child for one request; False when this service is out of date (it declines and stops)."""
        connection.settimeout(5)
        try:
            request, fds = _receive_request(connection)
        except (OSError, ValueError):
            return True
        try:
            if _peer_uid(connection) != os.getuid():
                return self._decline(connection, "another user")
            if code_fingerprint() != self.fingerprint:
                return self._decline(connection, "Prongsai changed since the service started", stop=True)
            if request.get("python") != self.python or _import_time_settings(request["env"]) != self.settings:
                return self._decline(connection, "another Python or other settings")
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                listener.close()
                _run_child(connection, request, fds, self.import_effects)  # never returns
            self.children.add(pid)
            print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} pid {pid}: prongsai {' '.join(request['argv'])}",
                  file=sys.stderr, flush=True)
            return True
        finally:
            for fd in fds:
                os.close(fd)

    @staticmethod
    def _decline(connection: socket.socket, reason: str, stop: bool = False) -> bool:
        print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} declined: {reason}", file=sys.stderr, flush=True)
        _send_message(connection, {"declined": reason})
        return not stop

    def _reap(self) -> None:
        for pid in list(self.children):
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done, status = pid, None
            if done:
                self.children.discard(pid)
                code = "?" if status is None else os.waitstatus_to_exitcode(status)
                print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} pid {pid} exited: {code}", file=sys.stderr, flush=True)


def _receive_request(connection: socket.socket) -> tuple[dict, list[int]]:
    """The request and the caller's three descriptors (closed again if the request is not whole)."""
    first, fds, _, _ = socket.recv_fds(connection, 65536, 3)
    try:
        if len(first) < _HEADER.size or len(fds) != 3:
            raise ValueError("incomplete request")
        size = _HEADER.unpack(first[:_HEADER.size])[0]
        body = first[_HEADER.size:]
        rest = _read_exactly(connection, size - len(body)) if len(body) < size else b""
        if rest is None:
            raise ValueError("incomplete request")
        return json.loads(body + rest), fds
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise


def _peer_uid(connection: socket.socket) -> int:
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[2]


def _run_child(connection: socket.socket, request: dict, fds: list[int], import_effects: dict[str, str]) -> None:
    """In the fork: become the caller's process (its streams, folder, umask, environment), run the command,
    report."""
    code = 1
    try:
        _send_message(connection, {"pid": os.getpid()})
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the caller passes its Ctrl-C on
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.chdir(request["cwd"])
        os.umask(request["umask"])
        os.environ.clear()
        os.environ.update(request["env"])
        for key, value in import_effects.items():
            os.environ.setdefault(key, value)
        sys.stdin = open(0, encoding=sys.stdin.encoding if sys.stdin else None, closefd=False)
        sys.stdout = _stream(1, request.get("stdout") or {}, line_buffering=False)
        sys.stderr = _stream(2, request.get("stderr") or {}, line_buffering=True)
        sys.argv = ["prongsai", *request["argv"]]
        from generator import cli

        code = cli.main(request["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported on the caller's terminal, as its own process would
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:  # noqa: BLE001
            pass
        try:
            _send_message(connection, {"exit": code})
        except OSError:
            pass
        os._exit(code if isinstance(code, int) else 1)


def _stream(fd: int, settings: dict, line_buffering: bool):
    """A text stream on the caller's descriptor, encoded and buffered as the caller's own would be."""
    return open(fd, "w", buffering=1 if line_buffering or settings.get("tty") else -1, closefd=False,
                encoding=settings.get("encoding") or "utf-8", errors=settings.get("errors") or "strict")


def _import_time_settings(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k in IMPORT_TIME_SETTINGS or k.startswith(IMPORT_TIME_PREFIXES)}


def code_fingerprint() -> tuple:
    """Prongsai's loaded modules, the catalog and the library folders (pip adds and removes entries there when
    a library is installed or upgraded), by size and modification time: a service whose code or tables changed
    on disk would build with the old ones."""
    package = os.path.dirname(__file__) + os.sep
    files = {Path(m.__file__) for m in list(sys.modules.values())
             if (getattr(m, "__file__", None) or "").startswith(package)}
    files |= set(paths.CATALOG_DIR.glob("**/*")) if paths.CATALOG_DIR.is_dir() else set()
    files |= {Path(entry) for entry in sys.path if entry.endswith(("site-packages", "dist-packages"))}
    stamps = []
    for file in sorted(files):
        try:
            stat = file.stat()
        except OSError:
            continue
        stamps.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


def preload() -> None:
    """What every build imports, also what it imports only when it runs, and the checker's word tables (built
    from pythainlp's corpus and the catalog, which the fingerprint watches)."""
    import multiprocessing.connection  # noqa: F401 - the preflight check's child
    import multiprocessing.popen_fork  # noqa: F401

    import pypdf.filters  # noqa: F401

    from generator import cli, pipeline, validate_appendix  # noqa: F401
    from generator.check import beside, build, report, words  # noqa: F401
    from generator.edition import changes, checks, publication, reproducible  # noqa: F401
    from generator.model import edition  # noqa: F401
    from generator.render import draft  # noqa: F401

    words.prepare()
    _rehearse()


def _rehearse() -> None:
    """Check and render the built-in example once: the checker and the renderer build more on first use (the
    spelling rules' indexes, compiled templates), 0.15 s of CPU that each fork would otherwise spend again. The
    results are thrown away; nothing of the example's data stays."""
    from generator import pipeline, validate
    from generator.check.build import check_data, check_documents

    try:
        data = validate.load_valid(paths.DEFAULT_EXAMPLE)
        check_documents(check_data(data), data, pipeline.render_all(data))
    except Exception:  # noqa: BLE001 - an example that cannot be built only means no rehearsal
        pass


def _freeze() -> None:
    """Take what ``preload`` loaded out of the garbage collector's sight, once the rehearsal's garbage is collected.
    A build forked from this process then neither walks those objects in its own collections nor, by marking
    them, copies the memory pages it shares with this process: about 0.1 CPU-second less per build (measured
    from /proc over warm builds)."""
    gc.collect()
    gc.freeze()


def main() -> int:
    startup_env = dict(os.environ)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # the supervisor stops it: remove the socket on the way
    started = time.monotonic()
    preload()
    _freeze()
    service = BuildService(socket_path(), startup_env)
    listener = service.listen()
    print(json.dumps({"ready": True, "socket": str(service.path), "seconds": round(time.monotonic() - started, 2)}),
          flush=True)
    service.serve(listener)
    return 0


if __name__ == "__main__":
    sys.exit(main())
