"""Use from several threads: one store shared, several stores, messages that stay with their call."""

from __future__ import annotations

import json
import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import List

import persist
from _support import StoreTest, fixture

THREADS = 8
PER_THREAD = 40


class TestThreads(StoreTest):
    def test_shared_store(self) -> None:
        with persist.Store(self.path(), durability="relaxed") as s:
            s.deploy(fixture("testapp_v1.js"))

            def work(i: int) -> List[str]:
                return [s.submit("add 1") for _ in range(PER_THREAD)]

            with ThreadPoolExecutor(THREADS) as pool:
                responses = [r for rs in pool.map(work, range(THREADS)) for r in rs]
            total = THREADS * PER_THREAD
            # Every event saw a distinct state: the responses are n=1 .. n=total.
            self.assertEqual(sorted(responses, key=lambda r: int(r[2:])), ["n=%d" % i for i in range(1, total + 1)])
            self.assertEqual(json.loads(s.state())["n"], total)
            self.assertEqual(s.head, total + 1)
            s.flush()

    def test_each_error_carries_its_own_message(self) -> None:
        # Failing and succeeding calls interleave; the message of every failure must be the one
        # of that very call (the store lock is held from the call until its message is copied).
        with persist.Store(self.path(), durability="relaxed") as s:
            s.deploy(fixture("testapp_v1.js"))
            wrong: List[str] = []

            def work(t: int) -> None:
                for i in range(PER_THREAD):
                    if (t + i) % 2:
                        s.submit("append %d" % i)
                        continue
                    tag = "t%d-i%d" % (t, i)
                    try:
                        s.submit("throw " + tag)
                    except persist.ScriptError as e:
                        if ("refused throw %s\n" % tag) not in e.message:
                            wrong.append("%s got %r" % (tag, e.message))
                    try:
                        s.set_state('{"v":9,"tag":"%s"}' % tag)
                    except persist.Rejected as e:
                        if tag not in e.message:
                            wrong.append("%s got %r" % (tag, e.message))

            threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            self.assertEqual(wrong, [])

    def test_many_stores_in_parallel(self) -> None:
        def work(i: int) -> str:
            with persist.Store(self.path("s%d" % i), durability="relaxed") as s:
                s.deploy(fixture("testapp_v1.js"))
                for _ in range(i + 1):
                    s.submit("add 1")
                s.submit_batch(["add 1", "throw", "add 1"])
                return s.state()

        with ThreadPoolExecutor(THREADS) as pool:
            states = list(pool.map(work, range(THREADS)))
        self.assertEqual([json.loads(st)["n"] for st in states], [i + 3 for i in range(THREADS)])

    def test_close_while_other_threads_call(self) -> None:
        s = persist.Store(self.path(), durability="relaxed")
        s.deploy(fixture("testapp_v1.js"))
        started = threading.Barrier(THREADS + 1)
        outcomes: List[str] = []
        lock = threading.Lock()

        def work() -> None:
            started.wait()
            for _ in range(200):
                try:
                    s.submit("add 1")
                    result = "ok"
                except persist.Misuse as e:
                    result = "closed" if "closed" in e.message else "other " + e.message
                with lock:
                    outcomes.append(result)

        threads = [threading.Thread(target=work) for _ in range(THREADS)]
        for th in threads:
            th.start()
        started.wait()
        s.close()
        for th in threads:
            th.join()
        self.assertEqual(set(outcomes) - {"ok", "closed"}, set())
        self.assertIn("closed", outcomes)
        with persist.Store(self.path()) as again:
            n = json.loads(again.state())["n"]
            self.assertEqual(n, outcomes.count("ok"))


class TestFork(StoreTest):
    def test_fork_while_another_thread_calls(self) -> None:
        """A child forked while another thread is inside a call on the store: every call on the
        parent's store fails at once with the library's message (before, the child waited forever
        for the store's lock, which the other thread held at the fork), close works, and the child
        can open the store read-only."""
        inside, release = threading.Event(), threading.Event()

        def log(level: persist.LogLevel, msg: str) -> None:
            if "bad_console update" in msg and not release.is_set():
                inside.set()
                release.wait(30)

        with persist.Store(self.path(), log=log) as s:
            s.deploy(fixture("bad_console.js"))
            worker = threading.Thread(target=s.submit, args=("add 5",))
            worker.start()
            self.assertTrue(inside.wait(30))  # the worker holds the store's lock
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child reports through its exit status
                code = 1
                try:
                    signal.alarm(20)
                    try:
                        s.submit("add 1")
                    except persist.Misuse as e:
                        code = 0 if "fork()" in str(e) else 2
                    s.close()
                    with persist.Store(self.path(), readonly=True) as r:
                        # before or after the worker's event, which the parent commits meanwhile
                        code = code or (0 if json.loads(r.state())["n"] in (0, 5) else 3)
                finally:
                    os._exit(code)
            release.set()
            worker.join()
            _, status = os.waitpid(pid, 0)
            self.assertTrue(os.WIFEXITED(status), "the child did not exit: %r" % status)
            self.assertEqual(os.WEXITSTATUS(status), 0)
            self.assertEqual(json.loads(s.state())["n"], 5)
