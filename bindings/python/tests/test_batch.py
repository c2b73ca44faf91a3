"""submit_batch: per-event results, whole-batch failures."""

from __future__ import annotations

import persist
from _support import StoreTest, fixture


class TestBatch(StoreTest):
    def test_results_in_order(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(fixture("testapp_v1.js"))
            head = s.head
            results = s.submit_batch(["add 1", "throw", b"badresp", "add 2", "get"])
            self.assertEqual(len(results), 5)
            self.assertEqual([r.ok for r in results], [True, False, False, True, True])
            self.assertEqual(results[0].unwrap(), "n=1")
            self.assertEqual(results[0].event, b"add 1")
            self.assertIsInstance(results[1].error, persist.ScriptError)
            self.assertIsInstance(results[2].error, persist.ContractError)
            self.assertIsNone(results[1].response)
            with self.assertRaises(persist.ScriptError):
                results[1].unwrap()
            # The failed events are skipped: the next one continues from the state before them.
            self.assertEqual(results[3].response, "n=3")
            self.assertEqual(results[4].response, "n=3 hist=")
            ok, value = results[3]
            self.assertEqual((ok, value), (True, "n=3"))
            ok, value = results[1]
            self.assertFalse(ok)
            self.assertIs(value, results[1].error)
            self.assertEqual(s.head, head + 2)  # two state changes logged, "get" not
            self.assertIn("ok", repr(results[0]))
            self.assertIn("ScriptError", repr(results[1]))

    def test_empty_and_generator(self) -> None:
        with persist.Store(self.path()) as s:
            s.deploy(fixture("testapp_v1.js"))
            self.assertEqual(s.submit_batch([]), [])
            results = s.submit_batch("add %d" % i for i in range(100))
            self.assertEqual(results[-1].unwrap(), "n=%d" % (99 * 100 // 2))
            self.assertEqual(s.head, 101)

    def test_whole_batch_failures(self) -> None:
        with persist.Store(self.path()) as s:
            with self.assertRaises(persist.NoApp):
                s.submit_batch(["add 1"])
            s.deploy(fixture("testapp_v1.js"))
            with self.assertRaises(persist.InvalidArgument) as cm:
                s.submit_batch(["add 1", b"\xff"])
            self.assertIn("items[1]", cm.exception.message)
            self.assertEqual(s.head, 1)  # nothing of the batch was applied
        with persist.Store(self.path(), readonly=True) as r:
            with self.assertRaises(persist.ReadOnly):
                r.submit_batch(["add 1"])

    def test_time_out_fails_the_whole_batch(self) -> None:
        # An app that hits its time or memory limit is rebuilt from disk, so the batch cannot go
        # on from its pending state: the whole batch fails and nothing of it is written.
        with persist.Store(self.path(), js_budget_ms=200) as s:
            s.deploy(fixture("hostile.js"))
            with self.assertRaises(persist.Timeout) as cm:
                s.submit_batch(["add", "loop", "add"])
            self.assertIn("budget", cm.exception.message)
            self.assertEqual(s.head, 1)
            self.assertEqual(s.submit_batch(["add", "add"])[1].response, "n=2")
        with persist.Store(self.path("m"), js_memory_limit=4 << 20) as s:
            s.deploy(fixture("hostile.js"))
            with self.assertRaises(persist.MemoryLimit):
                s.submit_batch(["add", "bomb"])
            self.assertEqual(s.head, 1)
