"""Use from several threads: one store shared, several stores, messages that stay with their call."""

from __future__ import annotations

import json
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
