"""One persistent conversion worker: a LibreOffice process and the XML-RPC port that feeds it.

Runs as a script on the *system* Python (Debian's python3-uno lives there), in the venv that
``prongsai serve-converters`` creates with --system-site-packages and unoserver installed. It imports nothing
from Prongsai. It is built on unoserver's UnoConverter (its connection and API); this script adds what Prongsai
needs:

- LibreOffice listens on a private named pipe, not a shared port, so workers never collide;
- the digit style (profile setting CTLTextNumerals) is switched per request, so one worker serves documents
  with Thai and with Arabic page numbers;
- a per-request timeout kills LibreOffice, and the worker exits after ``--stop-after`` requests (recycling),
  when LibreOffice dies (the supervisor starts a fresh one), or when the process that started it is gone;
- ``prongsai_convert`` loads, exports and closes the document itself: unoserver's ``convert`` also looks up the
  document type, the export type and the filter list for every document, which cost a third of a short
  document's time here. The document is closed after the answer: closing the 45-page plan takes 70 ms, which
  the build need not wait for (the next request waits for it). ``convert`` and ``info`` keep unoserver's API 3,
  so ``unoconvert --port N`` can talk to a worker too.

On start it prints one JSON line, ``{"ready": true, "port": …, "soffice_pid": …}``, on standard output.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from concurrent import futures
from urllib.parse import urlparse
from urllib.request import url2pathname
from xmlrpc.client import Fault
from xmlrpc.server import SimpleXMLRPCServer

import uno
from com.sun.star.beans import PropertyValue
from unoserver.converter import UnoConverter

API_VERSION = "3"
RECYCLING = 4001  # XML-RPC fault code of a job refused because this worker is about to be recycled
CTL_NODE = "/org.openoffice.Office.Common/I18N/CTL"


class PipeConverter(UnoConverter):
    """unoserver's converter, connected through a named pipe instead of a TCP port."""

    def __init__(self, pipe_name):
        self.local_context = uno.getComponentContext()
        self.resolver = self.local_context.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", self.local_context)
        self.context = self.resolver.resolve(f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext")
        self.service = self.context.ServiceManager
        self.desktop = self.service.createInstanceWithContext("com.sun.star.frame.Desktop", self.context)
        self.filter_service = self.service.createInstanceWithContext("com.sun.star.document.FilterFactory", self.context)
        self.type_service = self.service.createInstanceWithContext("com.sun.star.document.TypeDetection", self.context)
        self.temp_dir = None
        self._export_filters = None
        self._import_filters = None
        self._numerals = None
        self._closing = None  # the last document's close, still running after its PDF was answered

    def settle(self):
        """Wait until the last document is closed: requests never overlap in one LibreOffice."""
        if self._closing is not None:
            self._closing.join()
            self._closing = None

    def set_numerals(self, value):
        if value == self._numerals:
            return
        provider = self.service.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider",
                                                          self.context)
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess", (PropertyValue(Name="nodepath", Value=CTL_NODE),))
        access.setPropertyValue("CTLTextNumerals", int(value))
        access.commitChanges()
        self._numerals = value

    def export_pdf(self, inpath, outpath, filter_options=()):
        """Load ``inpath`` hidden and read-only, store it as PDF at ``outpath`` (options "Name=value", as
        unoserver takes them); it is closed in the background."""
        self.settle()
        document = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(inpath)), "_blank", 0,
            (PropertyValue(Name="Hidden", Value=True), PropertyValue(Name="ReadOnly", Value=True)))
        if document is None:
            raise RuntimeError(f"LibreOffice could not open {inpath}")
        try:
            properties = (PropertyValue(Name="FilterName", Value="writer_pdf_Export"),
                          PropertyValue(Name="Overwrite", Value=True))
            data = tuple(PropertyValue(Name=name, Value=_option_value(value))
                         for name, value in (option.split("=", 1) for option in filter_options))
            if data:
                properties += (PropertyValue(Name="FilterData",
                                             Value=uno.Any("[]com.sun.star.beans.PropertyValue", data)),)
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(outpath)), properties)
        except BaseException:
            document.close(True)
            raise
        self._closing = threading.Thread(target=_close, args=(document,), daemon=True)
        self._closing.start()


def _close(document):
    try:
        document.close(True)
    except Exception:  # noqa: BLE001 - LibreOffice gone: the worker notices that by itself (watch_office)
        pass


def _option_value(text):
    return {"true": True, "false": False}.get(text, int(text) if text.isdecimal() else text)


def start_libreoffice(soffice, profile_url, pipe_name):
    cmd = [soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo", "--nofirststartwizard",
           "--norestore", "--nolockcheck", f"-env:UserInstallation={profile_url}",
           f"--accept=pipe,name={pipe_name};urp;StarOffice.ComponentContext"]
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


def kill_office(process):
    """Kill LibreOffice: its launcher (oosplash) and the soffice.bin under it."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == process.pid:
                        os.kill(int(entry), signal.SIGKILL)
            except (OSError, ValueError):
                continue
    try:
        process.kill()
    except OSError:
        pass


def pipe_files(pipe_name):
    """Where LibreOffice's named pipe lives: ``OSL_PIPE_<uid>_<name>`` in /tmp, or /var/tmp where /tmp is not
    usable (LibreOffice's sal library)."""
    return [os.path.join(folder, f"OSL_PIPE_{os.getuid()}_{pipe_name}") for folder in ("/tmp", "/var/tmp")]


def remove_pipe(pipe_name):
    """A killed LibreOffice leaves its pipe behind; every worker has a pipe name of its own, so without this
    each worker started would leave one more file in /tmp."""
    for path in pipe_files(pipe_name):
        try:
            os.unlink(path)
        except OSError:
            pass


def connect(process, pipe_name, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return PipeConverter(pipe_name)
        except Exception:  # NoConnectException until LibreOffice listens
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


WARM_UP_DOCUMENT = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        '<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr>'
        '<w:rFonts w:ascii="TH SarabunIT๙" w:hAnsi="TH SarabunIT๙" w:cs="TH SarabunIT๙"/><w:sz w:val="32"/>'
        '<w:szCs w:val="32"/><w:lang w:bidi="th-TH"/></w:rPr><w:t>ประกาศองค์การบริหารส่วนตำบล เรื่อง '
        'มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม 2566</w:t></w:r></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ลำดับ 1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        '<w:p/></w:body></w:document>'),
}


def warm_up(converter, profile_url):
    """Convert a small Thai document once before saying ready: LibreOffice loads its Word import, Thai line
    breaking, the fonts and the PDF export on first use (about a quarter of a second), which would otherwise
    fall on the first real document. A failure here is left to the real documents to show.

    The files go into the worker's own profile slot (beside the profile), so a worker stopped while warming up
    leaves nothing behind: its slot's next worker writes over them."""
    slot = os.path.dirname(url2pathname(urlparse(profile_url).path))
    folder = os.path.join(slot, "warm-up")
    try:
        os.makedirs(folder, exist_ok=True)
        source, target = os.path.join(folder, "warm-up.docx"), os.path.join(folder, "warm-up.pdf")
        with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as docx:
            for name, xml in WARM_UP_DOCUMENT.items():
                docx.writestr(name, xml)
        converter.export_pdf(source, target)
    except Exception:  # noqa: BLE001
        pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--soffice", default="soffice")
    parser.add_argument("--profile-url", required=True)
    parser.add_argument("--pipe", required=True)
    parser.add_argument("--port", type=int, default=0, help="XML-RPC port; 0 picks a free one")
    parser.add_argument("--job-timeout", type=float, default=120)
    parser.add_argument("--stop-after", type=int, default=200)
    args = parser.parse_args()

    office = start_libreoffice(args.soffice, args.profile_url, args.pipe)

    def quit_now(code):
        kill_office(office)
        remove_pipe(args.pipe)
        os._exit(code)

    signal.signal(signal.SIGTERM, lambda *_: quit_now(0))
    signal.signal(signal.SIGINT, lambda *_: quit_now(0))
    try:
        converter = connect(office, args.pipe, timeout=120)
    except Exception as exc:
        print(json.dumps({"ready": False, "error": str(exc)}), flush=True)
        quit_now(2)
    warm_up(converter, args.profile_url)

    def watch_office():  # LibreOffice gone (crash, kill, timeout): this worker is of no use any more
        office.wait()
        quit_now(3)

    def watch_parent():  # the supervisor or build that started this worker is gone: so is the need for it
        parent = os.getppid()
        while os.getppid() == parent:
            time.sleep(1)
        quit_now(0)

    threading.Thread(target=watch_office, daemon=True).start()
    threading.Thread(target=watch_parent, daemon=True).start()
    lock = threading.Lock()
    served = [0]
    server = SimpleXMLRPCServer(("127.0.0.1", args.port), allow_none=True, logRequests=False)

    def run(call, *call_args):
        with lock:
            if served[0] >= args.stop_after:  # the client tries another worker without using up a retry
                raise Fault(RECYCLING, "this worker is being recycled")

            def job():
                converter.settle()  # the last document's close, which ran after its answer
                return call(*call_args)

            pool = futures.ThreadPoolExecutor(1)
            future = pool.submit(job)
            pool.shutdown(wait=False)
            try:
                result = future.result(timeout=args.job_timeout)
            except futures.TimeoutError:
                kill_office(office)  # watch_office then ends this worker
                raise TimeoutError(f"conversion took longer than {args.job_timeout:.0f} s; LibreOffice stopped")
            served[0] += 1
            if served[0] >= args.stop_after:
                threading.Timer(0.2, quit_now, (0,)).start()  # recycle after answering
            return result

    def ping():
        return {"pid": os.getpid(), "soffice_pid": office.pid, "served": served[0]}

    def info():
        return {"unoserver": "prongsai-worker", "api": API_VERSION, "import_filters": {}, "export_filters": {}}

    def convert(inpath=None, indata=None, outpath=None, convert_to=None, filtername=None, filter_options=(),
                update_index=True, infiltername=None, password=None):
        if indata is not None:
            indata = indata.data
        return run(converter.convert, inpath, indata, outpath, convert_to, filtername, list(filter_options),
                   update_index, infiltername, password)

    def prongsai_convert(inpath, outpath, ctl_numerals, filter_options):
        """Convert to PDF with the digit style given (CTLTextNumerals 0 or 3)."""
        def job():
            converter.set_numerals(ctl_numerals)
            converter.export_pdf(inpath, outpath, filter_options)
        run(job)
        return True

    for function in (ping, info, convert, prongsai_convert):
        server.register_function(function)
    print(json.dumps({"ready": True, "port": server.server_address[1], "soffice_pid": office.pid}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
