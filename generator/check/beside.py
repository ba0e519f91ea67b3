"""The preflight check beside the build, in a child process.

Python runs one thread at a time: a check in a thread of the build takes turns with rendering, the สารบัญ pass
and the bundle instead of running beside them. So the build forks a child before it starts any thread; the
child inherits the loaded data and checks it while the build renders, then checks the rendered documents and
the filled-in สารบัญ it is sent, and sends its report back. The findings are exactly those of ``check_rendered``
and ``check_contents`` in the build's own process, which is what runs where a child cannot be forked or dies.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import traceback
from pathlib import Path

from generator import pages
from generator.check import words
from generator.check.build import check_contents, check_data, check_documents, check_rendered, enforce
from generator.check.run import Report
from generator.load import OrganisationData

_checks_forked = 0  # preflight checks this process has forked (see _share_word_tables)
CHILD_ENDS_S = 2.0  # how long a build waits for its check's child to keep what it tokenized (it takes ~0.02 s)


class Preflight:
    """``check(documents)``, later ``check_contents(plan, pdf)``, then ``report(draft)``; ``close()`` at the end.

    ``report`` raises ChecksFailed as the build did when it checked in line: with the findings up to the
    rendered documents when they have errors, else with the สารบัญ's findings added."""

    def __init__(self, data: OrganisationData, *, undated: bool = False):
        self._data, self._undated = data, undated
        self._documents: list | None = None
        self._contents: tuple | None = None
        self._conn = self._child = None
        self._reported = False  # the child sent its last report
        if "fork" in multiprocessing.get_all_start_methods():
            _share_word_tables()
            context = multiprocessing.get_context("fork")
            self._conn, child_end = context.Pipe()
            self._child = context.Process(target=_serve, args=(child_end, self._conn, data, undated), daemon=True,
                                          name="prongsai-check")
            self._child.start()
            child_end.close()

    def __enter__(self) -> "Preflight":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def check(self, documents: list) -> None:
        """The rendered documents (the plan with its first-pass สารบัญ first)."""
        self._documents = documents
        self._send(documents)

    def check_contents(self, plan, pdf: Path) -> None:
        """The plan with its filled-in สารบัญ, and its converted PDF (read until ``report`` returns). The child
        is sent what the build read from the PDF already (its printed numbers and headings), to read it once."""
        self._contents = (plan, pdf)
        self._send((plan, pdf, pages.printed_numbers(pdf), pages.headings(pdf)))

    def report(self, draft: bool) -> Report:
        rendered = self._receive()
        if rendered is None:
            return self._in_line(draft)
        enforce(rendered, draft)
        final = self._receive()
        if final is None:
            return self._in_line(draft)
        self._reported = True
        enforce(final, draft)
        return final

    def close(self) -> None:
        if self._child is not None:
            self._conn.close()
            if self._reported:  # it is keeping what it tokenized
                self._child.join(timeout=CHILD_ENDS_S)
            if self._child.is_alive():
                self._child.kill()
            self._child.join()
            self._child = None

    def _send(self, message) -> None:
        if self._child is None:
            return
        try:
            self._conn.send(message)
        except OSError:  # the child is gone; ``report`` checks in line
            self.close()

    def _receive(self) -> Report | None:
        if self._child is None:
            return None
        try:
            kind, value = self._conn.recv()
        except (EOFError, OSError):
            self.close()
            return None
        if kind == "error":
            self.close()
            raise value
        return value

    def _in_line(self, draft: bool) -> Report:
        report = check_rendered(self._data, self._documents, undated=self._undated)
        enforce(report, draft)
        check_contents(report, self._data, *self._contents)
        enforce(report, draft)
        return report


def _share_word_tables() -> None:
    """From a process's second check on (a batch of folders, a program calling ``pipeline.build`` again), build
    the checker's word tables here, once, before forking: each child would otherwise build them again (0.3–0.6
    CPU-seconds) and throw them away. A process's first check leaves them to its child, which builds them while
    the build renders. (The warm build process has built them before it forks any build.)"""
    global _checks_forked
    if _checks_forked:
        words.prepare()
    _checks_forked += 1


def _serve(conn, build_end, data: OrganisationData, undated: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle; it stops this process
    build_end.close()  # so that a build that is gone reads as the end of the conversation
    inbox: queue.Queue = queue.Queue()
    threading.Thread(target=_receive_all, args=(conn, inbox), daemon=True).start()  # the build never waits to send
    try:
        words.load_tokenized()
        report = check_data(data)
        check_documents(report, data, _next(inbox), undated=undated)
        conn.send(("report", _portable(report)))
        plan, pdf, numbers, headings = _next(inbox)
        pages.pages_taken(pdf, numbers, headings)
        check_contents(report, data, plan, pdf)
        conn.send(("report", _portable(report)))
        words.keep_tokenized()  # while the build publishes; ``close`` waits for it
    except EOFError:  # the build stopped waiting
        return
    except Exception as exc:  # noqa: BLE001 - the build raises it
        try:
            conn.send(("error", exc))
        except Exception:  # noqa: BLE001 - not picklable: say what it was
            conn.send(("error", RuntimeError(f"the preflight check failed:\n{traceback.format_exc()}")))


def _receive_all(conn, inbox: queue.Queue) -> None:
    while True:
        try:
            inbox.put(conn.recv())
        except (EOFError, OSError):
            inbox.put(EOFError())
            return


def _next(inbox: queue.Queue):
    message = inbox.get()
    if isinstance(message, EOFError):
        raise message
    return message


def _portable(report: Report) -> Report:
    """The report without each document's parsed XML and text, which the build does not print (and lxml
    elements cannot be sent between processes)."""
    for result in report.results:
        result.document.xml_parts = {}
        result.document.blocks = []
        result.document.pages = []
    return report
