#!/usr/bin/env python3
"""bench_game_server.py - the game server under load (make bench-game-server; a benchmark, not a
test): starts the server on 127.0.0.1 in a temporary directory, creates ROOMS rooms of 200x200,
runs game_load (THREADS clients of PLAYERS players each) for SECONDS, kills the server with
SIGKILL while the clients still send, and checks that every acknowledged move is in its room's
log under the record number its answer gave. Prints moves/s, latency percentiles and the
server's CPU time per move in the window.
Environment: BUILD; BENCH_GAME_ROOMS (10), BENCH_GAME_THREADS (50), BENCH_GAME_PLAYERS (8),
BENCH_GAME_SECONDS (20)."""
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "game-server"))
from gamelib import Server, build_dir, check, log_records, run  # noqa: E402

import subprocess  # noqa: E402

ROOMS = int(os.environ.get("BENCH_GAME_ROOMS", "10"))
THREADS = int(os.environ.get("BENCH_GAME_THREADS", "50"))
PLAYERS = int(os.environ.get("BENCH_GAME_PLAYERS", "8"))
SECONDS = float(os.environ.get("BENCH_GAME_SECONDS", "20"))
TMP = tempfile.mkdtemp(prefix="persist-game-bench.")
DATA = os.path.join(TMP, "data")
SERVER = Server(DATA, TMP, "--max-connections", str(THREADS + 16))
result = {}
LOAD = []  # the load client, stopped by stop_load whatever happens


def create_rooms():
    for r in range(ROOMS):
        status, doc, _ = SERVER.call("POST", "/api/rooms", {"room": "load-%d" % r, "width": 200, "height": 200})
        check(status == 201, "creating load-%d: %s" % (r, doc))


def server_cpu_seconds():
    """The server's user + system CPU time so far (Linux /proc)."""
    with open("/proc/%d/stat" % SERVER.proc.pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load():
    acks = os.path.join(TMP, "acks")
    tool = os.path.join(build_dir(), "tests", "bench", "game_load")
    proc = subprocess.Popen([tool, str(SERVER.port), str(ROOMS), str(THREADS), str(PLAYERS), str(SECONDS), acks],
                            stdout=subprocess.PIPE, text=True)
    LOAD.append(proc)
    check(proc.stdout.readline().strip() == "window start", "game_load stopped early")
    cpu0 = server_cpu_seconds()
    check(proc.stdout.readline().strip() == "window over", "game_load stopped early")
    result["cpu"] = server_cpu_seconds() - cpu0
    time.sleep(0.5)
    SERVER.kill9()  # while the clients still send
    summary = proc.stdout.read().strip()
    proc.wait()
    check(proc.returncode == 0, "game_load failed (%d): %s" % (proc.returncode, summary))
    result.update(kv.split("=") for kv in summary.split())
    with open(acks) as f:
        result["acks"] = [line.split() for line in f]


def stop_load():
    for proc in LOAD:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def nothing_lost():
    logs, found = {}, 0
    for room, seq, cid in result["acks"]:
        if room not in logs:
            logs[room] = {r["seq"]: r for r in log_records(os.path.join(DATA, "rooms", room))}
        record = logs[room].get(int(seq))
        check(record is not None and json.loads(record["event"]).get("client_id") == cid,
              "acknowledged %s %s %s is not in the log: %s" % (room, seq, cid, record))
        found += 1
    result["found"] = found
    result["records"] = sum(len(v) for v in logs.values())
    SERVER.check_logs()  # under SANITIZE, a report from the sanitizers fails the run


def report():
    moves, seconds = int(result["moves"]), float(result["seconds"])
    acked_moves = sum(1 for _, _, cid in result["acks"] if "-m" in cid)
    print("rooms %d of 200x200, clients %d, players %d (%d moves/s allowed by the rules), %.0f s measured"
          ", durability sync (the default), %d CPUs"
          % (ROOMS, THREADS, THREADS * PLAYERS, THREADS * PLAYERS * 5, seconds, os.cpu_count()))
    print("| moves/s | refused/s | errors | p50 ms | p99 ms | max ms | server CPU ms/move "
          "| acknowledged (moves + joins) | found in the logs | records in the logs |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("| %.0f | %.0f | %s | %s | %s | %s | %.2f | %d + %d | %d | %d |"
          % (moves / seconds, int(result["refused"]) / seconds, result["errors"], result["p50_ms"],
             result["p99_ms"], result["max_ms"], 1000 * result["cpu"] / max(moves, 1), acked_moves,
             len(result["acks"]) - acked_moves, result["found"], result["records"]))


if __name__ == "__main__":
    run("game-server bench", SERVER, TMP, [create_rooms, load, nothing_lost, report], cleanup=stop_load)
