"""``python build.py serve``: what it serves, how, and how it stops (HTTP on 127.0.0.1)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import REPO, copy_example_site, parse_html
from tests.preview import start_preview, tree

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

SUB = "/archive/"


def _sub_path_site(tmp_path: Path) -> Path:
    site = copy_example_site(tmp_path / "site")
    toml = site / "site.toml"
    toml.write_text(re.sub(r'^base_url = .*$', 'base_url = "https://user.github.io/archive/"',
                           toml.read_text(), flags=re.M))
    return site


@pytest.fixture
def preview(tmp_path):
    site = _sub_path_site(tmp_path)
    running = start_preview(site, base_path=SUB, out=tmp_path / "out")
    yield running
    assert running.stop() == 0
    assert "Traceback" not in "".join(running.stderr)


def test_site_is_served_under_the_base_path(preview):
    status, headers, _ = preview.get("/")
    assert status == 301 and headers["Location"] == SUB
    status, headers, _ = preview.get("/archive")
    assert status == 301 and headers["Location"] == SUB
    status, headers, body = preview.get(SUB)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    home = parse_html(body.decode())
    links = [a["href"] for a in home.find_all("a") if (a.get("href") or "").startswith("/")]
    assert links and all(href.startswith(SUB) for href in links)
    article = next(h for h in links if h.startswith(SUB + "articles/20"))
    assert preview.get(article)[0] == 200
    # A folder without its slash redirects, as on GitHub Pages.
    status, headers, _ = preview.get(article.rstrip("/"))
    assert status == 301 and headers["Location"] == article


def test_reload_script_is_added_to_served_pages_only(preview):
    _, _, body = preview.get(SUB)
    assert b'<script src="/__clippings/livereload.js"' in body
    on_disk = (preview.out / "index.html").read_bytes()
    assert b"__clippings" not in on_disk and body.replace(b"__clippings", b"") != on_disk
    status, headers, script = preview.get("/__clippings/livereload.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript") and b"EventSource" in script
    assert not any(b"__clippings" in data for data in tree(preview.out).values())


def test_content_types(preview):
    files = tree(preview.out)
    css = next(name for name in files if name.startswith("static/") and name.endswith(".css"))
    js = next(name for name in files if name.startswith("static/") and name.endswith(".js"))
    capture = next(name for name in files if name.startswith("captures/"))
    expected = {
        "feed.xml": "application/xml", "feed.json": "application/json", "sitemap.xml": "application/xml",
        "robots.txt": "text/plain", css: "text/css", js: "text/javascript", capture: "text/plain",
        "search/manifest.json": "application/json", "static/favicon.svg": "image/svg+xml",
    }
    for name, kind in expected.items():
        status, headers, body = preview.get(SUB + name)
        assert status == 200, name
        assert headers["Content-Type"].split(";")[0] == kind, name
        assert body == files[name], f"{name} is not served as built"


def test_unknown_paths_get_the_sites_404_page(preview):
    for path in (SUB + "no/such/page/", SUB + "nothing.css", "/elsewhere/"):
        status, headers, body = preview.get(path)
        assert status == 404, path
        assert headers["Content-Type"].startswith("text/html")
        assert body.startswith((preview.out / "404.html").read_bytes().split(b"</body>")[0])


def test_validators_give_304(preview):
    status, headers, _body = preview.get(SUB + "feed.xml")
    assert status == 200 and headers["ETag"] and headers["Last-Modified"] and headers["Cache-Control"] == "no-cache"
    assert preview.get(SUB + "feed.xml", {"If-None-Match": headers["ETag"]})[0] == 304
    assert preview.get(SUB + "feed.xml", {"If-None-Match": '"stale"'})[0] == 200
    assert preview.get(SUB + "feed.xml", {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert preview.get(SUB + "feed.xml", {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200
    # Pages too (the injected script is part of what the tag covers).
    status, headers, _ = preview.get(SUB)
    assert preview.get(SUB, {"If-None-Match": headers["ETag"]})[0] == 304


def test_head_sends_no_body(preview):
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    connection.request("HEAD", SUB)
    response = connection.getresponse()
    assert response.status == 200 and int(response.headers["Content-Length"]) > 1000
    assert response.read() == b""
    connection.close()


def _raw_status(port: int, target: str) -> int:
    """The status for a request line sent exactly as written (no client-side normalizing)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1])


def test_nothing_outside_the_output_folder_is_served(preview, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (preview.out / "escape").symlink_to(tmp_path)  # a symlink inside the output that leads out
    (preview.out / "escape.txt").symlink_to(secret)
    attempts = [
        SUB + "../site/site.toml", SUB + "%2e%2e/site/site.toml", SUB + "%2E%2E%2Fsite%2Fsite.toml",
        SUB + "..%2f..%2fsecret.txt", SUB + "tags/../../site/site.toml", SUB + "%00", SUB + "a%5c..%5csite.toml",
        SUB + "escape/secret.txt", SUB + "escape.txt", "/../secret.txt", "//etc/passwd",
    ]
    for target in attempts:
        status = _raw_status(preview.port, target)
        assert status in (400, 404), f"{target} gave {status}"
    for target in (SUB + "escape/secret.txt", SUB + "escape.txt"):
        assert b"private" not in preview.get(target)[2]


def test_busy_port_is_reported_clearly(tmp_path):
    site = copy_example_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "serve", "--site", str(site),
                                 "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"error: port {port} on 127.0.0.1 is in use (another preview?); "
                                     "choose another with --port")


def test_default_port_moves_on_when_taken(tmp_path):
    site = copy_example_site(tmp_path / "site")
    with socket.socket() as taken:
        try:
            taken.bind(("127.0.0.1", 8000))
        except OSError:
            pass  # something already holds 8000: the preview must move on all the same
        else:
            taken.listen()
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--site", str(site)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Serving on"):
                break
        process.send_signal(2)
        _out, err = process.communicate(timeout=60)
    moved = [line for line in lines if line.startswith("Port 8000 is in use; using ")]
    assert moved, "".join(lines) + err
    port = int(moved[0].split("using ")[1].split()[0])
    assert f"Serving on http://127.0.0.1:{port}/" in "".join(lines)
    assert process.returncode == 0 and "Traceback" not in err


def test_ctrl_c_stops_cleanly_and_leaves_no_files(tmp_path):
    site = copy_example_site(tmp_path / "site")
    temp = tmp_path / "tmp"
    temp.mkdir()
    preview = start_preview(site, env={"TMPDIR": str(temp)})
    stream = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)  # an open event stream
    stream.request("GET", "/__clippings/events")
    assert stream.getresponse().status == 200
    idle = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)  # an idle keep-alive one
    idle.request("GET", "/")
    idle.getresponse().read()
    assert list(temp.iterdir()), "the preview's output should be in the temporary folder"
    started = time.monotonic()
    assert preview.stop() == 0
    assert time.monotonic() - started < 10
    time.sleep(0.2)  # the pumps finish reading
    assert "Stopped." in "".join(preview.stdout)
    assert "".join(preview.stderr) == ""
    assert list(temp.iterdir()) == []
    assert not list(site.glob(".*pending*")) and (site / ".cache").is_dir()


def test_a_temporary_folder_too_deep_for_a_unix_socket_still_previews(tmp_path):
    """The forkserver's socket lives in TMPDIR; past ~100 bytes a Unix socket path is refused."""
    site = copy_example_site(tmp_path / "site")
    temp = tmp_path / ("deep-" * 20)
    temp.mkdir()
    preview = start_preview(site, env={"TMPDIR": str(temp)})
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    connection.request("GET", "/")
    assert connection.getresponse().status == 200
    assert preview.stop() == 0
    assert "".join(preview.stderr) == ""


def test_sigterm_stops_cleanly(tmp_path):
    site = copy_example_site(tmp_path / "site")
    preview = start_preview(site, out=tmp_path / "out")
    preview.process.terminate()
    assert preview.process.wait(timeout=30) == 0
    time.sleep(0.2)
    assert "".join(preview.stderr) == ""
    assert (tmp_path / "out" / "index.html").is_file(), "--out keeps the output"


def test_listens_on_loopback_only_by_default(preview):
    """The listening socket is bound to 127.0.0.1, not to every interface (Linux's socket table)."""
    listening = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port = local.split(":")
        if state == "0A" and int(port, 16) == preview.port:  # 0A: LISTEN
            listening.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    assert listening == ["127.0.0.1"]


def test_errors_show_and_clear_while_serving_the_last_good_build(tmp_path):
    site = copy_example_site(tmp_path / "site")
    preview = start_preview(site, out=tmp_path / "out")
    try:
        article = sorted((site / "content" / "articles").rglob("*.md"))[0]
        good = article.read_text()
        page = preview.get("/")[2]
        article.write_text(good.replace("title:", "title: [unclosed", 1))
        status = preview.failed()
        where = f"{article.relative_to(site).as_posix()}:2:"
        assert status["error"].startswith(where), status["error"]
        assert "invalid YAML" in status["error"]
        assert preview.get("/")[0] == 200 and preview.get("/")[2].split(b"<script src=\"/__clippings")[0] == \
            page.split(b"<script src=\"/__clippings")[0]
        deadline = time.monotonic() + 10
        while not any(line.startswith(f"error: {where}") for line in preview.stderr):
            assert time.monotonic() < deadline, "".join(preview.stderr)
            time.sleep(0.05)
        before = status["generation"]
        article.write_text(good.replace("title: ", "title: Fixed ", 1))
        status = preview.settled_after(before)
        assert status["error"] is None
        assert b"Fixed " in preview.get("/")[2]
    finally:
        assert preview.stop() == 0


def test_many_clients_during_rebuilds_see_no_errors(tmp_path, corpus_site):
    """Fifty clients on keep-alive connections for ten seconds, while articles are edited."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(corpus_site, site, ignore=shutil.ignore_patterns(".cache", "_site"))
    preview = start_preview(site, out=tmp_path / "out")
    articles = sorted((site / "content" / "articles").rglob("*.md"))[:10]
    urls = [preview.base_path, *[preview.base_path + f"articles/{a.parent.parent.name}/{a.parent.name}/{a.stem}/"
                                 for a in articles], preview.base_path + "feed.xml",
            preview.base_path + "search/manifest.json"]
    stop = time.monotonic() + 10
    failures: list[str] = []
    counts = [0] * 50

    def client(n: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
        i = n
        while time.monotonic() < stop:
            url = urls[i % len(urls)]
            i += 1
            try:
                connection.request("GET", url)
                response = connection.getresponse()
                body = response.read()
                if response.status != 200 or len(body) != int(response.headers["Content-Length"]):
                    failures.append(f"{url}: {response.status}")
                elif url.endswith("/") and not body.rstrip().endswith(b"</html>"):
                    failures.append(f"{url}: incomplete page")
                counts[n] += 1
            except (OSError, http.client.HTTPException) as exc:
                failures.append(f"{url}: {exc!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
        connection.close()

    def editor() -> None:
        n = 0
        while time.monotonic() < stop - 1:
            article = articles[n % len(articles)]
            article.write_text(article.read_text() + f"\nEdit {n} during the load test.\n")
            n += 1
            time.sleep(0.4)

    try:
        generation = preview.status()["generation"]
        threads = [threading.Thread(target=client, args=(n,)) for n in range(50)] + [threading.Thread(target=editor)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == [], failures[:10]
        assert sum(counts) > 200, counts
        assert preview.settled_after(generation)["generation"] > generation + 3
        assert preview.status()["error"] is None
    finally:
        assert preview.stop() == 0
    assert "Traceback" not in "".join(preview.stderr)
    assert os.path.isdir(tmp_path / "out")
