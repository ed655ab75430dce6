#!/usr/bin/env python3
"""Loket's benchmark: fills SQLite and PostgreSQL with a generated
municipality (`loket bench-data`), serves it with the release build, logs
in many generated residents and staff sessions through the development
provider, and drives each page with wrk from the same machine. Prints one
table per database, with the bare Leptos page and `/healthz` as the
references measured in the same run, and what a phone downloads.

Run through `script/bench`, which installs and builds what this needs and
passes the paths in the environment (LOKET_BIN, BARE_BIN, SITE_ROOT,
TEST_DATABASE_URL, BENCH_DIR). Standard library only.
"""

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import uuid

RESIDENT_SESSIONS = 200
STAFF_SESSIONS = 16
PURPOSE = "klantcontact"


def bsns(count, start=200_000_000):
    """The generated residents' BSNs: from 200,000,000 on, those passing the 11-test."""
    found, n = [], start
    while len(found) < count:
        digits = [int(d) for d in f"{n:09d}"]
        if (sum(d * w for d, w in zip(digits[:8], range(9, 1, -1))) - digits[8]) % 11 == 0:
            found.append(f"{n:09d}")
        n += 1
    return found


class Browser:
    """One browser: a cookie jar over plain HTTP, redirects not followed."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, target, body=None, headers=None):
        url = urllib.parse.urlsplit(target)
        path = url.path + (f"?{url.query}" if url.query else "")
        # Long: after a heavy row the server may still be working off what wrk left queued.
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = self.cookie_header()
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["Origin"] = f"http://127.0.0.1:{self.port}"
        conn.request(method, path, body=body, headers=all_headers)
        res = conn.getresponse()
        data = res.read()
        for value in res.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if "Max-Age=0" in value or not cookie_value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = cookie_value
        conn.close()
        return res.status, res.headers, data

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def login(self, audience, person, loa):
        landing = "/staff" if audience == "staff" else "/mijn"
        status, headers, body = self.request("GET", f"/auth/{audience}/login?next={landing}")
        assert status == 303, f"login start: {status} {body[:200]!r}"
        authorize = headers["Location"]
        status, _, body = self.request("GET", authorize)
        assert status == 200, f"authorize page: {status}"
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize).query))
        fields = {k: query.get(k, "") for k in ("client_id", "redirect_uri", "state", "nonce", "code_challenge")}
        fields.update(person=person, loa=loa)
        status, headers, body = self.request("POST", "/dev-idp/authorize", urllib.parse.urlencode(fields))
        assert status == 303, f"{person}: the provider said {status} {body[:200]!r}"
        status, headers, body = self.request("GET", headers["Location"])
        assert status == 303 and headers["Location"].startswith(landing), f"{person}: callback {status} {headers.get('Location')}"
        return self


def wait_until_up(port, path="/healthz", seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port}")


WRK_SCRIPT = """
local targets = {%s}
local threads = {}
local counter = 0
errors = 0
function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads * 7919)
end
function init(args) counter = offset end
function request()
  counter = counter + 1
  local t = targets[(counter %% #targets) + 1]
  return wrk.format("GET", t[1], {["Cookie"] = t[2], ["Accept-Encoding"] = "br, gzip"}, nil)
end
%s
function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
function done(summary, latency, requests)
  local e = 0
  for _, t in ipairs(threads) do e = e + t:get("errors") end
  io.write(string.format("BENCH %%f %%f %%f %%d %%d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, e + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def lua_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk(port, targets, seconds, connections, scratch, delay_ms=None):
    """Runs wrk over (path, cookie) pairs in turn; returns requests/s, p50 ms, p99 ms, requests, errors."""
    entries = ",".join("{%s,%s}" % (lua_string(p), lua_string(c)) for p, c in targets)
    delay = f"function delay() return {delay_ms} end" if delay_ms else ""
    script = os.path.join(scratch, "wrk.lua")
    with open(script, "w") as f:
        f.write(WRK_SCRIPT % (entries, delay))
    run = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", script, f"http://127.0.0.1:{port}"],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        raise SystemExit(f"wrk failed: {run.stderr}{run.stdout}")
    out = run.stdout
    line = next(l for l in out.splitlines() if l.startswith("BENCH "))
    rps, p50, p99, requests, errors = line.split()[1:]
    print(f"    {targets[0][0][:40]:<40} {float(rps):>9,.0f}/s p50 {float(p50):.2f} ms p99 {float(p99):.2f} ms, {errors} errors", file=sys.stderr, flush=True)
    return float(rps), float(p50), float(p99), int(requests), int(errors)


class SlowCaseSystem:
    """A ZGW case system that answers every call after 2 seconds, with
    nothing in it: what the overview must not notice (it reads Loket's
    copy; the fetching happens in the background)."""

    DELAY = 2.0

    def __init__(self):
        import http.server
        import threading

        delay = self.DELAY

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                time.sleep(delay)
                listed = self.path.split("?")[0].rsplit("/", 1)[-1] in ("zaakinformatieobjecten", "abonnement")
                body = b"[]" if listed else b'{"count": 0, "next": null, "previous": null, "results": []}'
                self.send_response(200 if self.command == "GET" else 201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def env(self):
        return dict(
            LOKET_ZGW_ZAKEN_URL=f"{self.url}/zaken/api/v1",
            LOKET_ZGW_CATALOGI_URL=f"{self.url}/catalogi/api/v1",
            LOKET_ZGW_DOCUMENTEN_URL=f"{self.url}/documenten/api/v1",
            LOKET_ZGW_NOTIFICATIES_URL=f"{self.url}/notificaties/api/v1",
            LOKET_ZGW_CLIENT_ID="loket-bench",
            LOKET_ZGW_SECRET="bench-secret",
            LOKET_ZGW_NOTIFICATION_AUTH="Token bench",
            LOKET_ZGW_TIMEOUT_SECONDS="5",
        )

    def stop(self):
        self.server.shutdown()


class Loket:
    """A release Loket serving one database."""

    def __init__(self, db, port, scratch, log_name, extra_env=None):
        database_url = db.url
        self.port = port
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database_url,
            LOKET_ENVIRONMENT="development",
            LOKET_DEV_IDP="true",
            LOKET_LISTEN=f"127.0.0.1:{port}",
            LOKET_PUBLIC_URL=f"http://127.0.0.1:{port}",
            LOKET_METRICS_LISTEN=f"127.0.0.1:{port + 1}",
            LOKET_SITE_ROOT=os.environ["SITE_ROOT"],
            LOKET_DOCUMENTS_DIR=os.path.join(scratch, "documents"),
            LOKET_LOG_FILTER="warn",
            # Many sessions from one address in a minute: the benchmark's own logins.
            LOKET_LOGIN_RATE_PER_MINUTE="1000000",
        )
        env.update(extra_env or {})
        self.log = open(os.path.join(scratch, log_name), "w")
        self.process = subprocess.Popen([os.environ["LOKET_BIN"], "serve"], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_until_up(port)
        # The daily retention run starts with the server and removes what
        # the generator dated past its terms, a batch per transaction: the
        # pages are measured after it, not during.
        started = time.time()
        while not int(db.query("select count(*) from retention_run where dry_run = false")[0]):
            if time.time() - started > 1800:
                raise SystemExit("the retention run did not finish in 30 minutes")
            time.sleep(1)
        self.retention = (time.time() - started, db.query("select counts from retention_run where dry_run = false")[0])

    def rss_kib(self):
        """Memory of its own (RssAnon): the SQLite file's memory map counts in VmRSS, and the kernel drops those pages as it likes."""
        with open(f"/proc/{self.process.pid}/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("RssAnon:"))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def generate(database_url, residents, scratch, label):
    """Fills a new database with the demo and `residents` generated residents; returns seconds."""
    env = dict(os.environ, DATABASE_URL=database_url, LOKET_ENVIRONMENT="development", LOKET_SEED_DEMO="true", LOKET_LOG_FILTER="warn")
    started = time.time()
    with open(os.path.join(scratch, f"generate-{label}.log"), "w") as log:
        subprocess.run([os.environ["LOKET_BIN"], "bench-data", str(residents)], env=env, stdout=log, stderr=subprocess.STDOUT, check=True)
    return time.time() - started


class Database:
    """A fresh database of one kind: a SQLite file or a PostgreSQL database."""

    def __init__(self, kind, name, scratch):
        self.kind, self.name = kind, name
        if kind == "sqlite":
            path = os.path.join(scratch, f"{name}.db")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
            self.url = f"sqlite://{path}?mode=rwc"
            self.path = path
        else:
            server = os.environ["TEST_DATABASE_URL"]
            subprocess.run(["psql", server, "-qc", f"drop database if exists {name} with (force)", "-c", f"create database {name}"], check=True, stdout=subprocess.DEVNULL)
            self.url = server.rsplit("/", 1)[0] + "/" + name

    def query(self, sql):
        if self.kind == "sqlite":
            import sqlite3
            with sqlite3.connect(self.path) as c:
                # Ids are 16-byte blobs on SQLite: as text, like PostgreSQL's.
                return [str(uuid.UUID(bytes=r[0])) if isinstance(r[0], bytes) and len(r[0]) == 16 else r[0] for r in c.execute(sql)]
        out = subprocess.run(["psql", self.url, "-tAc", sql], capture_output=True, text=True, check=True).stdout
        return [l for l in out.splitlines() if l]

    def size(self):
        if self.kind == "sqlite":
            return sum(os.path.getsize(self.path + s) for s in ("", "-wal") if os.path.exists(self.path + s))
        return int(self.query(f"select pg_database_size('{self.name}')")[0])


def sessions(port, residents):
    """Logged-in residents (generated ones, by BSN) and staff (the demo's teamleider, who sees every team)."""
    people = bsns(min(residents, RESIDENT_SESSIONS))
    resident_browsers = [Browser(port).login("resident", f"bsn-{b}", "midden") for b in people]
    staff_browsers = [Browser(port).login("staff", "medewerker-petra", "") for _ in range(STAFF_SESSIONS)]
    return resident_browsers, staff_browsers


def measure_database(kind, args, scratch, port, results):
    rows = []
    small = Database(kind, "loket_bench_small", scratch)
    seconds_small = generate(small.url, args.small, scratch, f"{kind}-small")
    full = Database(kind, "loket_bench_full", scratch)
    seconds_full = generate(full.url, args.residents, scratch, f"{kind}-full")
    cases_small = int(small.query("select count(*) from service_case")[0])
    cases_full = int(full.query("select count(*) from service_case")[0])
    results["generated"].append((kind, args.small, cases_small, seconds_small, args.residents, cases_full, seconds_full, full.size()))

    loket = Loket(small, port, scratch, f"loket-{kind}-small.log")
    try:
        residents, _ = sessions(port, args.small)
        overview = [("/mijn", b.cookie_header()) for b in residents]
        overview_small = wrk(port, overview, args.seconds, args.connections, scratch)
        rows.append((f"overview, {cases_small:,} cases", overview_small))
    finally:
        loket.stop()

    # The same with cases from a case system that takes 2 s for every
    # call: each login queues finding the resident's cases there.
    case_system = SlowCaseSystem()
    loket = Loket(small, port, scratch, f"loket-{kind}-small-zgw.log", case_system.env())
    try:
        residents, _ = sessions(port, args.small)
        overview = [("/mijn", b.cookie_header()) for b in residents]
        rows.append((f"overview, {cases_small:,} cases, case system answering in 2 s", wrk(port, overview, args.seconds, args.connections, scratch)))
    finally:
        loket.stop()
        case_system.stop()

    loket = Loket(full, port, scratch, f"loket-{kind}-full.log")
    results["retention"].append((kind, *loket.retention))
    try:
        rows.append(("/healthz", wrk(port, [("/healthz", "")], args.seconds, args.connections, scratch)))
        residents, staff = sessions(port, args.residents)
        overview = [("/mijn", b.cookie_header()) for b in residents]
        case_pages = []
        for b in residents:
            status, _, body = b.request("GET", "/mijn")
            assert status == 200, f"overview {status}"
            ids = sorted(set(re.findall(rb"/mijn/zaken/([0-9a-f-]{36})", body)))
            assert ids, "a generated resident has cases on the overview"
            case_pages.append((f"/mijn/zaken/{ids[0].decode()}", b.cookie_header()))
        overview_full = wrk(port, overview, args.seconds, args.connections, scratch)
        rows.append((f"overview, {cases_full:,} cases", overview_full))
        rows.append(("case detail", wrk(port, case_pages, args.seconds, args.connections, scratch)))
        open_conversations = int(full.query("select count(*) from conversation where status = 'open'")[0])
        inbox = [("/staff/gesprekken", b.cookie_header()) for b in staff]
        rows.append((f"staff inbox, {open_conversations:,} open", logged(full, kind, "inbox", results, lambda: wrk(port, inbox, args.seconds, args.connections, scratch))))
        ids = full.query("select id from resident order by id limit 2000")
        client_views = [(f"/staff/inwoners/{rid}?doel={PURPOSE}", staff[i % len(staff)].cookie_header()) for i, rid in enumerate(ids)]
        rows.append(("360° view", logged(full, kind, "360° view", results, lambda: wrk(port, client_views, args.seconds, args.connections, scratch))))
        statistics = [("/staff/statistieken", b.cookie_header()) for b in staff]
        # Team leads are few: two reading at once, not 32.
        rows.append(("statistics, 4 weeks, 2 at once", wrk(port, statistics, args.seconds, 2, scratch)))
        steering = [("/staff/statistieken/kanaalsturing", b.cookie_header()) for b in staff]
        rows.append(("channel steering, 4 weeks, 2 at once", wrk(port, steering, args.seconds, 2, scratch)))
        if kind == "sqlite":
            results["page_bytes"] = page_bytes(residents[0])
        if args.soak_minutes and kind == args.soak_database:
            results["soak"] = soak(loket, overview, overview_full[0], args, scratch)
    finally:
        loket.stop()
    results["tables"][kind] = rows
    results["growth"][kind] = (overview_small, overview_full)


def logged(db, kind, label, results, run):
    """Runs a staff row and notes how many processing-log lines each request wrote."""
    count = lambda: int(db.query("select count(*) from processing_log")[0])
    before = count()
    row = run()
    results["log_lines"].append((kind, label, (count() - before) / max(row[3], 1)))
    return row


def soak(loket, targets, peak, args, scratch):
    """Minutes at 80% of the overview's peak: errors and memory growth."""
    rate = 0.8 * peak
    connections = 32
    delay_ms = max(1, int(connections / rate * 1000))
    wrk(loket.port, targets, 30, connections, scratch, delay_ms)  # warm up
    before = loket.rss_kib()
    rps, p50, p99, requests, errors = wrk(loket.port, targets, args.soak_minutes * 60, connections, scratch, delay_ms)
    after = loket.rss_kib()
    return dict(minutes=args.soak_minutes, target=rate, rps=rps, p50=p50, p99=p99, requests=requests, errors=errors, rss_before=before, rss_after=after)


def page_bytes(browser):
    """What a phone downloads for the overview: the HTML as served, and the shipped JS, WASM and CSS."""
    _, _, raw = browser.request("GET", "/mijn")
    _, headers, compressed = browser.request("GET", "/mijn", headers={"Accept-Encoding": "br"})
    # As served: Loket does not compress pages yet, so both may be the same.
    sizes = [("HTML", len(raw), len(compressed) if headers.get("Content-Encoding") == "br" else len(raw))]
    pkg = os.path.join(os.environ["SITE_ROOT"], "pkg")
    for ext, label in (("js", "JS"), ("wasm", "WASM"), ("css", "CSS")):
        name = next(f for f in os.listdir(pkg) if f.endswith("." + ext))
        path = os.path.join(pkg, name)
        sizes.append((label, os.path.getsize(path), os.path.getsize(path + ".br")))
    return sizes


def bare(args, scratch, port):
    process = subprocess.Popen([os.environ["BARE_BIN"], f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(port, "/", 30)
        return wrk(port, [("/", "")], args.seconds, args.connections, scratch)
    finally:
        process.terminate()
        process.wait()


def report(results, args):
    reference = results["bare"][0]
    print()
    print(f"Loket benchmark: release build, wrk -t2 -c{args.connections}, {args.seconds} s per row, on {os.cpu_count()} cores with the load generator.")
    print(f"Reference, bare Leptos SSR page: {reference:,.0f} requests/s, p50 {results['bare'][1]:.2f} ms, p99 {results['bare'][2]:.2f} ms")
    for kind, rows in results["tables"].items():
        print()
        print(f"{'SQLite' if kind == 'sqlite' else 'PostgreSQL'}")
        print(f"| {'page':<34} | {'requests/s':>10} | {'of bare':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'errors':>6} |")
        print(f"|{'-' * 36}|{'-' * 12}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 8}|")
        for name, (rps, p50, p99, _, errors) in rows:
            print(f"| {name:<34} | {rps:>10,.0f} | {rps / reference:>6.0%} | {p50:>7.2f} | {p99:>7.2f} | {errors:>6} |")
        small, large = results["growth"][kind]
        print(f"The overview with {args.residents // args.small}x the data: p99 {large[2] / small[2]:.2f}x, requests/s {large[0] / small[0]:.2f}x")
    print()
    print("Generated (loket bench-data, release build):")
    for kind, small_res, small_cases, small_s, full_res, full_cases, full_s, size in results["generated"]:
        print(f"  {kind:<8} {small_res:>7,} residents ({small_cases:>9,} cases) in {small_s:6.1f} s; {full_res:>7,} residents ({full_cases:>9,} cases) in {full_s:6.1f} s, {size / 2**30:.2f} GiB")
    print()
    print("Processing-log lines written per staff request (every resident a staff page shows is logged):")
    for kind, label, per_request in results["log_lines"]:
        print(f"  {kind:<8} {label:<10} {per_request:6.1f}")
    print()
    print("The first retention run on the large municipality (before measuring):")
    for kind, seconds, counts in results["retention"]:
        print(f"  {kind:<8} {seconds:6.1f} s, removed {counts}")
    if "page_bytes" in results:
        print()
        print("What a phone downloads for the overview (bytes):")
        total_raw = total_br = 0
        for label, raw, br in results["page_bytes"]:
            total_raw += raw
            total_br += br
            print(f"  {label:<5} {raw:>9,} raw {br:>8,} brotli")
        print(f"  total {total_raw:>9,} raw {total_br:>8,} brotli (budget 102,400)")
    if "soak" in results:
        s = results["soak"]
        growth = (s["rss_after"] - s["rss_before"]) / s["rss_before"]
        print()
        print(f"Soak on {args.soak_database}: {s['minutes']} min at {s['rps']:,.0f} requests/s (target 80% of peak: {s['target']:,.0f}), "
              f"{s['requests']:,} requests, {s['errors']} errors, p99 {s['p99']:.2f} ms; memory {s['rss_before'] / 1024:.0f} -> {s['rss_after'] / 1024:.0f} MiB ({growth:+.1%})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=100_000, help="generated residents of the large municipality (10 cases each)")
    parser.add_argument("--small", type=int, default=1_000, help="generated residents of the small one")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seconds", type=int, default=10, help="per row")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--soak-minutes", type=int, default=0, help="after the table: this long at 80%% of the overview's peak")
    parser.add_argument("--soak-database", default="sqlite")
    args = parser.parse_args()
    scratch = os.environ["BENCH_DIR"]
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    port = 3700
    results = {"tables": {}, "generated": [], "growth": {}, "log_lines": [], "retention": []}
    results["bare"] = bare(args, scratch, port + 10)
    for kind in args.databases.split(","):
        print(f"==> {kind}: generating and measuring", file=sys.stderr, flush=True)
        measure_database(kind, args, scratch, port, results)
    report(results, args)


if __name__ == "__main__":
    main()
