"""The one PDF helper: bytes out, Vietnamese file names, and a URL fetcher that serves static files only."""

import http.server
import io
import threading

import pytest
from django.template import engines
from pypdf import PdfReader

from center.pdf import (
    BASE_URL,
    RefusedURL,
    StaticOnlyFetcher,
    ascii_filename,
    content_disposition,
    html_to_pdf,
    pdf_response,
)

TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


class RecordingFetcher(StaticOnlyFetcher):
    """The portal's fetcher, recording every URL WeasyPrint asks for and what it answered."""

    def __init__(self):
        super().__init__()
        self.calls: list[tuple[str, str]] = []

    def fetch(self, url, headers=None):
        try:
            response = super().fetch(url, headers)
        except Exception:
            self.calls.append((url, "refused"))
            raise
        self.calls.append((url, "served"))
        return response


class _Handler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    """A server on 127.0.0.1 that must receive no request at all."""
    _Handler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Handler.requests
    server.shutdown()
    server.server_close()


def _render(template: str, **context) -> str:
    return engines["django"].from_string("{% load static %}" + template).render(context)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _image_count(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


DOC = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{% static 'css/print-doc.css' %}"></head>
<body class="doc"><div class="sheet"><p>Họ và tên: {{ name }}</p><p>Đơn vị: {{ unit }}</p></div></body></html>"""


def test_it_renders_a_pdf_with_the_bundled_font_and_page_numbers():
    fetcher = RecordingFetcher()
    pdf = html_to_pdf(_render(DOC, name="Nguyễn Thị Ưng", unit="Đảng ủy xã Phú Hưng"), url_fetcher=fetcher)
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    assert "Nguyễn Thị Ưng" in text and "Đảng ủy xã Phú Hưng" in text
    assert "Trang" not in text and "1" not in text.split()  # HD 36: no number on the first page
    served = [url for url, answer in fetcher.calls if answer == "served"]
    assert f"{BASE_URL}static/css/print-doc.css" in served
    assert any(url.endswith("LiberationSerif-Regular.ttf") for url in served)
    fonts = {
        font["/BaseFont"] for page in PdfReader(io.BytesIO(pdf)).pages for font in page["/Resources"]["/Font"].values()
    }
    assert any("Doc-Serif" in str(font) for font in fonts), fonts


def test_markup_in_a_trainees_name_prints_as_text_and_fetches_nothing(http_server, tmp_path):
    base, requests = http_server
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT")
    name = f'<img src="file://{secret}"><img src="{base}/img.png"><link rel="stylesheet" href="{base}/x.css">'
    unit = f"url({base}/font.ttf) url(file://{secret})"
    fetcher = RecordingFetcher()
    pdf = html_to_pdf(_render(DOC, name=name, unit=unit), url_fetcher=fetcher)
    text = _text(pdf)
    assert "<img src=" in text and f"url({base}/font.ttf)" in text.replace("\n", "")
    assert "BÍ MẬT" not in text
    assert requests == []
    assert all(url.startswith(BASE_URL) for url, _answer in fetcher.calls), fetcher.calls
    assert _image_count(pdf) == 0


def test_urls_outside_the_static_files_are_refused_without_any_io(http_server, tmp_path, monkeypatch):
    base, requests = http_server
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    # Even a template that itself points at a file or a server gets nothing: no request, no read.
    html = f"""<html><head><link rel="stylesheet" href="{base}/evil.css">
    <style>@import url("{base}/import.css"); body {{ background: url("file://{secret}") }}
    @font-face {{ font-family: X; src: url("{base}/f.ttf") }}</style></head>
    <body><img src="file://{secret}"><img src="{base}/a.png"><img src="/etc/passwd">
    <img src="{BASE_URL}static/../../../etc/passwd"><img src="{BASE_URL}static/%2e%2e/%2e%2e/etc/passwd">
    <img src="{BASE_URL}media/x.png"><img src="ftp://127.0.0.1/x"><p>Nội dung</p></body></html>"""
    opened = []
    real_open = open

    def spy_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy_open)
    fetcher = RecordingFetcher()
    pdf = html_to_pdf(html, url_fetcher=fetcher)
    assert "Nội dung" in _text(pdf)
    assert requests == []
    assert not [path for path in opened if "secret" in path or path == "/etc/passwd"]
    assert fetcher.calls and all(answer == "refused" for _url, answer in fetcher.calls), fetcher.calls
    assert _image_count(pdf) == 0


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/x.css",
        "https://example.com/x.css",
        f"{BASE_URL}static/../settings.py",
        f"{BASE_URL}static/css/../../center/settings.py",
        f"{BASE_URL}static/%2e%2e/center/settings.py",
        f"{BASE_URL}static//etc/passwd",
        f"{BASE_URL}static/css/nothing-here.css",
        f"{BASE_URL}media/upload.png",
        f"{BASE_URL}admin/",
        "https://portal.invalid.example.com/static/css/print-doc.css",
        "data:text/html,<script>1</script>",
        "data:image/png;base64,@@@",
    ],
)
def test_the_fetcher_refuses(url):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_static_files_and_data_images():
    css = StaticOnlyFetcher().fetch(f"{BASE_URL}static/css/print-doc.css")
    assert css.content_type == "text/css" and b"@page" in css.read()
    image = StaticOnlyFetcher().fetch(f"data:image/png;base64,{TINY_PNG}")
    assert image.content_type == "image/png" and image.read().startswith(b"\x89PNG")


def test_a_data_image_is_drawn():
    pdf = html_to_pdf(f'<img src="data:image/png;base64,{TINY_PNG}" width="20">')
    assert _image_count(pdf) == 1


def test_file_names_keep_vietnamese_with_an_ascii_fallback():
    assert ascii_filename("Danh sách học viên – Lớp ĐV mới K2.pdf") == "danh-sach-hoc-vien-lop-dv-moi-k2.pdf"
    header = content_disposition("Danh sách học viên.pdf", inline=False)
    assert header.startswith('attachment; filename="danh-sach-hoc-vien.pdf"; ')
    assert "filename*=UTF-8''Danh%20s%C3%A1ch%20h%E1%BB%8Dc%20vi%C3%AAn.pdf" in header
    assert '"' not in ascii_filename('a"b\r\n.pdf') and "\n" not in content_disposition('a"\n.pdf', inline=True)


def test_pdf_response_is_inline_by_default():
    response = pdf_response(filename="Thời khóa biểu.pdf", content=b"%PDF-1.7")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="thoi-khoa-bieu.pdf"')


def test_static_files_on_another_host_are_read_from_disk_not_fetched(settings, http_server):
    base, requests = http_server
    settings.STATIC_URL = f"{base}/static/"
    fetcher = RecordingFetcher()
    pdf = html_to_pdf(_render(DOC, name="Lê Thị Ưng", unit="Chi bộ"), url_fetcher=fetcher)
    assert requests == []
    assert (f"{base}/static/css/print-doc.css", "served") in fetcher.calls
    assert "Nguyễn" not in _text(pdf) and "Lê Thị Ưng" in _text(pdf)
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(f"{base}/static/../center/settings.py")
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(f"{base}/other/x.css")


def test_collected_static_files_with_hashed_names_are_served(settings, tmp_path):
    """Production: ManifestStaticFilesStorage gives hashed names that only STATIC_ROOT holds."""
    from django.core.management import call_command

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    # Only the print stylesheet and its fonts: collecting the whole tree would be slow.
    src = tmp_path / "src"
    (src / "css").mkdir(parents=True)
    (src / "fonts").mkdir()
    (src / "css" / "print-doc.css").write_bytes((settings.BASE_DIR / "static/css/print-doc.css").read_bytes())
    for font in (settings.BASE_DIR / "static/fonts").glob("*.ttf"):
        (src / "fonts" / font.name).write_bytes(font.read_bytes())
    settings.STATICFILES_DIRS = [src]
    settings.STATIC_ROOT = tmp_path / "root"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    (src / "css" / "print-doc.css").unlink()  # from now on only STATIC_ROOT has it
    fetcher = RecordingFetcher()
    html = _render(DOC, name="Lê Thị Ưng", unit="Chi bộ")
    assert "print-doc.css" not in html.split("print-doc", 1)[1][:5]  # a hashed name: print-doc.<hash>.css
    pdf = html_to_pdf(html, url_fetcher=fetcher)
    served = [url for url, answer in fetcher.calls if answer == "served"]
    assert any("/static/css/print-doc." in url for url in served), fetcher.calls
    assert any("LiberationSerif-Regular." in url for url in served), fetcher.calls
    assert "Nguyễn" not in _text(pdf) and "Lê Thị Ưng" in _text(pdf)


def test_fonts_and_style_sheets_are_loaded_once_and_shared_by_later_documents(monkeypatch):
    import center.pdf

    html_to_pdf(_render(DOC, name="Trần Văn Bình", unit="Xã Phú Hưng"))  # loads and caches the sheet
    fetched: list[str] = []
    real_fetch = StaticOnlyFetcher.fetch

    def recording_fetch(self, url, headers=None):
        fetched.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", recording_fetch)
    pdf = html_to_pdf(_render(DOC, name="Nguyễn Thị Ưng", unit="Đảng ủy xã Phú Hưng"))
    assert fetched == []  # neither the CSS nor its fonts are read again
    assert "Nguyễn Thị Ưng" in _text(pdf)
    fonts = {
        font["/BaseFont"] for page in PdfReader(io.BytesIO(pdf)).pages for font in page["/Resources"]["/Font"].values()
    }
    assert any("Doc-Serif" in str(font) for font in fonts), fonts
    assert any(url.endswith("print-doc.css") for url, _mtime in center.pdf._shared.sheets)


def test_a_link_to_something_else_than_a_static_file_is_left_to_the_fetcher_which_refuses_it(http_server):
    base, requests = http_server
    html = DOC.replace("</head>", f'<link rel="stylesheet" href="{base}/x.css"></head>')
    pdf = html_to_pdf(_render(html, name="Lê Văn Cường", unit="Xã An Hòa"))
    assert "Lê Văn Cường" in _text(pdf)
    assert requests == []
