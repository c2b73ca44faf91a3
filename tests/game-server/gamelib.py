"""gamelib.py - what the game server's tests share: starting and killing the server, HTTP calls,
the persist tool, and checks that stop the test with a message."""
import hashlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RULES = os.path.join(ROOT, "examples", "game-server", "rules")
V1 = os.path.join(RULES, "v1", "compiled", "main.optimize.js")
V2 = os.path.join(RULES, "v2", "compiled", "main.optimize.js")


class Failed(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failed(what)


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def build_dir():
    b = os.environ.get("BUILD", "build")
    return b if os.path.isabs(b) else os.path.join(ROOT, b)


def wait_for(cond, what, seconds=30.0, step=0.05):
    """Waits until cond() is true; fails after `seconds` (a deadline against hangs, not a timing
    assertion: the tests never depend on how fast the server is)."""
    end = time.monotonic() + seconds
    while True:
        v = cond()
        if v:
            return v
        if time.monotonic() > end:
            raise Failed("timed out waiting for " + what)
        time.sleep(step)


class Server:
    """One game server process on 127.0.0.1 with a data directory; started again on the same
    port after a kill."""

    def __init__(self, data, logdir, *args):
        self.binary = os.path.join(build_dir(), "examples", "game-server", "game-server")
        self.data, self.logdir, self.args = data, logdir, list(args)
        self.proc, self.port, self.starts = None, 0, 0
        self.logs = []
        self.preexec = None  # run in the child before the server starts (limits, say)

    def start(self):
        port_file = os.path.join(self.logdir, "port")
        if os.path.exists(port_file):
            os.unlink(port_file)
        self.starts += 1
        log = os.path.join(self.logdir, "server-%d.log" % self.starts)
        self.logs.append(log)
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                [self.binary, "--data", self.data, "--port", str(self.port), "--port-file", port_file]
                + self.args, stdout=out, stderr=subprocess.STDOUT, preexec_fn=self.preexec)

        def ready():
            if self.proc.poll() is not None:
                raise Failed("the server exited with status %d:\n%s" % (self.proc.returncode, self.log_text()))
            return os.path.exists(port_file)

        wait_for(ready, "the server's port file")
        with open(port_file) as f:
            self.port = int(f.read())
        return self

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        """SIGTERM: a clean stop (under AddressSanitizer, LeakSanitizer checks the exit)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise Failed("the server did not stop within 30 s of SIGTERM")
        return self.proc.returncode if self.proc else 0

    def stop_cleanly(self):
        """SIGTERM must end the server with status 0 and nothing in its log from the sanitizers."""
        self.check_logs()
        rc = self.stop()
        check(rc == 0, "the server exited with status %d on SIGTERM:\n%s" % (rc, self.log_text()))
        self.check_logs()

    def log_text(self):
        text = ""
        for log in self.logs:
            with open(log, errors="replace") as f:
                text += f.read()
        return text

    def check_logs(self):
        text = self.log_text()
        for bad in ("AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer"):
            check(bad not in text, "the server's log reports %s:\n%s" % (bad, text))

    def call(self, method, path, body=None, headers=None, timeout=30):
        """One request on a new connection: (status, parsed JSON or None, raw body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            if isinstance(body, (dict, list)):
                body = json.dumps(body)
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            raw = r.read()
        finally:
            conn.close()
        try:
            doc = json.loads(raw)
        except ValueError:
            doc = None
        return r.status, doc, raw

    def call_retrying(self, method, path, body=None, seconds=60):
        """The same request again after a connection error (the server is being restarted)."""
        end = time.monotonic() + seconds
        while True:
            try:
                return self.call(method, path, body)
            except (OSError, http.client.HTTPException):
                if time.monotonic() > end:
                    raise Failed("no answer to %s %s for %d s" % (method, path, seconds))
                time.sleep(0.05)


def persist(*args, ok=True):
    """Runs the persist tool with --json; returns its document."""
    tool = os.path.join(build_dir(), "persist")
    p = subprocess.run([tool, *args, "--json"], capture_output=True, text=True, check=False)
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        raise Failed("persist %s printed no JSON: %s %s" % (" ".join(args), p.stdout, p.stderr))
    if ok:
        check(p.returncode == 0 and doc.get("ok"), "persist %s failed: %s" % (" ".join(args), p.stdout))
    return doc


def log_records(store):
    return persist("log", store, "--limit", "1000000")["records"]


def run(name, server, tmp, scenarios, cleanup=None):
    """Starts the server, runs the scenarios in order (one line each), and always stops what was
    started and removes `tmp`; exits 1 at the first failure."""
    failed = None
    try:
        server.start()
        for scenario in scenarios:
            scenario()
            print("%s: %s: ok" % (name, scenario.__name__))
    except (Failed, OSError) as e:
        failed = "%s: FAILED in %s: %s" % (name, scenario.__name__ if "scenario" in locals() else "start", e)
    finally:
        if cleanup:
            cleanup()
        if server.proc and server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    if failed:
        print(failed)
        sys.exit(1)
