#!/usr/bin/env python3
"""test_api.py - the game server through its HTTP API, as several players would use it: bad input
answered with 4xx and a JSON error and changing nothing, a retried move applied once, a full game
of four players in threads with the server killed (SIGKILL) mid-game and started again, rules v2
deployed live during the game, broken releases refused, captures under v2, and an idle room closed
(its store then writable by the persist tool). Every acknowledged move is checked against the
room's log. Environment: BUILD (default build), where game-server and persist are built."""
import json
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gamelib import (ROOT, V2, Server, check, log_records, persist, run,  # noqa: E402
                     sha256_of, wait_for)

TMP = tempfile.mkdtemp(prefix="persist-game-api.")
DATA = os.path.join(TMP, "data")
SERVER = Server(DATA, TMP, "--idle-seconds", "1")


def store(room):
    return os.path.join(DATA, "rooms", room)


def token():
    with open(os.path.join(DATA, "admin-token")) as f:
        return f.read().strip()


def deploy(room, path, mode="migrate", auth=True):
    with open(path, "rb") as f:
        code = f.read()
    headers = {"Authorization": "Bearer " + token()} if auth else {}
    return SERVER.call("POST", "/admin/rooms/%s/deploy?mode=%s" % (room, mode), code, headers)


def create(room, width, height):
    status, doc, _ = SERVER.call("POST", "/api/rooms", {"room": room, "width": width, "height": height})
    check(status == 201 and doc == {"ok": True, "width": width, "height": height, "room": room},
          "create %s: %d %s" % (room, status, doc))


def join(room, player, client_id=None):
    body = {"player": player, "name": player.capitalize()}
    if client_id:
        body["client_id"] = client_id
    status, doc, _ = SERVER.call_retrying("POST", "/api/rooms/%s/join" % room, body)
    check(status == 200 and doc["ok"] and doc["player"] == player, "join %s: %d %s" % (player, status, doc))
    return doc


def view(room):
    status, doc, _ = SERVER.call_retrying("GET", "/api/rooms/" + room)
    check(status == 200 and doc["ok"], "view of %s: %d %s" % (room, status, doc))
    return doc


def snapshot_of(room):
    """What must not change: the head record, the serialized state, the app."""
    info = persist("info", store(room))
    return info["head"], persist("state", store(room))["state"], info["app_hash"]


def neighbours(x, y, width, height):
    return [(a, b) for a, b in ((x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1))
            if 0 <= a < width and 0 <= b < height]


# ---- bad input ----

def raw_request(data):
    """Bytes straight onto a socket: what the server answers, if anything (a server that answers
    before reading everything and closes may reset the connection: that is not an error here)."""
    answer = b""
    with socket.create_connection(("127.0.0.1", SERVER.port), timeout=30) as s:
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except ConnectionResetError:
            pass
    return answer


def expect_refused(what, status, doc, want_status, want_text):
    check(status == want_status, "%s: status %d, expected %d (%s)" % (what, status, want_status, doc))
    check(isinstance(doc, dict) and doc.get("ok") is False and want_text in doc.get("error", ""),
          "%s: expected a JSON error containing %r, got %s" % (what, want_text, doc))


def out_of_turn(move, free, next_cells):
    """A move right after an accepted one: the rules allow one per 200 ms of the server's time."""
    status, doc, _ = SERVER.call("POST", move, {"player": "ann", "x": free[0], "y": free[1]})
    check(status == 200 and doc["score"] == 2, "a legal move: %d %s" % (status, doc))
    nxt = [c for c in next_cells if c != free][0]
    status, refused, _ = SERVER.call("POST", move, {"player": "ann", "x": nxt[0], "y": nxt[1]})
    expect_refused("out of turn", status, refused, 409, "out of turn")
    check(persist("info", store("bad"))["head"] == doc["seq"], "the move out of turn added a record")
    state = json.loads(persist("state", store("bad"))["state"])
    check(dict(state["players"])["ann"]["score"] == 2, "the move out of turn changed the state: %s" % state)


def bad_input():
    create("bad", 4, 4)
    spawn = join("bad", "ann")
    free = [c for c in neighbours(spawn["x"], spawn["y"], 4, 4)][0]
    far = [(x, y) for x in range(4) for y in range(4)
           if abs(x - spawn["x"]) + abs(y - spawn["y"]) > 1][0]
    move = "/api/rooms/bad/move"
    big = json.dumps({"player": "ann", "x": 0, "y": 0, "pad": "x" * 5000})
    cases = [
        ("malformed JSON", "POST", move, '{"player":"ann","x":1', {}, 400, "malformed JSON"),
        ("not an object", "POST", move, "[1,2]", {}, 400, "must be a JSON object"),
        ("empty body", "POST", move, "", {}, 400, "malformed JSON"),
        ("x is a string", "POST", move, {"player": "ann", "x": "1", "y": 0}, {}, 400, '"x" must be an integer'),
        ("x is huge", "POST", move, {"player": "ann", "x": 10 ** 12, "y": 0}, {}, 400, '"x" must be an integer'),
        ("no player", "POST", move, {"x": 1, "y": 0}, {}, 400, '"player" must be'),
        ("bad player id", "POST", move, {"player": "a b", "x": 1, "y": 0}, {}, 400, '"player" must be'),
        ("invalid UTF-8", "POST", move, b'{"player":"\xff\xfe","x":1,"y":0}', {}, 400, "malformed JSON"),
        ("NUL in a string", "POST", "/api/rooms/bad/join", '{"player":"zed","name":"a\\u0000b"}', {}, 400,
         "malformed JSON"),
        ("control character in a name", "POST", "/api/rooms/bad/join", {"player": "zed", "name": "a\tb"}, {},
         400, '"name" must be text'),
        ("duplicate keys", "POST", move, '{"player":"ann","x":1,"x":2,"y":0}', {}, 400, "malformed JSON"),
        ("nesting 4000 deep", "POST", move, "[" * 4000, {}, 400, "malformed JSON"),
        ("client id too long", "POST", move, {"player": "ann", "x": 1, "y": 0, "client_id": "c" * 200}, {},
         400, '"client_id" must be'),
        ("body over the limit", "POST", move, big, {}, 413, "larger than 4096 bytes"),
        ("chunked body over the limit", "POST", move, iter([big.encode()] * 3), {}, 413,
         "larger than 4096 bytes"),
        ("unknown room", "POST", "/api/rooms/nowhere/move", {"player": "ann", "x": 1, "y": 0}, {}, 404,
         "no room named nowhere"),
        ("unknown room's view", "GET", "/api/rooms/nowhere", None, {}, 404, "no room named nowhere"),
        ("invalid room name", "GET", "/api/rooms/Bad_Name", None, {}, 400, "a room name is"),
        ("unknown path", "GET", "/api/nothing", None, {}, 404, "no such path"),
        ("wrong method", "GET", move, None, {}, 405, "GET is not allowed"),
        ("bad leaderboard limit", "GET", "/api/rooms/bad/leaderboard?limit=0", None, {}, 400, "limit must be"),
        ("room exists", "POST", "/api/rooms", {"room": "bad", "width": 3, "height": 3}, {}, 409, "exists already"),
        ("board size not a number", "POST", "/api/rooms", {"room": "new", "width": "3", "height": 3}, {}, 400,
         "must be integers"),
        ("board too large (the rules refuse)", "POST", "/api/rooms", {"room": "huge", "width": 201, "height": 3},
         {}, 409, "width and height must be 1 to 200"),
        ("deploy without the token", "POST", "/admin/rooms/bad/deploy?mode=migrate", "var app = {};", {}, 401,
         "admin token"),
        ("deploy with a wrong token", "POST", "/admin/rooms/bad/deploy?mode=migrate", "var app = {};",
         {"Authorization": "Bearer 0123456789abcdef0123456789abcdef"}, 401, "admin token"),
    ]
    before = snapshot_of("bad")
    for what, method, path, body, headers, want_status, want_text in cases:
        status, doc, _ = SERVER.call(method, path, body, headers)
        expect_refused(what, status, doc, want_status, want_text)
        check(snapshot_of("bad") == before, "%s changed the room" % what)
    time.sleep(0.25)  # the rules allow one move per 200 ms of the server's time
    refused_by_rules = [
        ("not next to the player's cells", {"player": "ann", "x": far[0], "y": far[1]}, "not next to your territory"),
        ("off the board", {"player": "ann", "x": 4, "y": 0}, "off the board"),
        ("unknown player", {"player": "nobody", "x": 0, "y": 0}, "unknown player: nobody"),
        ("own cell", {"player": "ann", "x": spawn["x"], "y": spawn["y"]}, "the cell is yours already"),
    ]
    for what, body, want_text in refused_by_rules:
        status, doc, _ = SERVER.call("POST", move, body)
        expect_refused(what, status, doc, 409, want_text)
        check(doc["seq"] == 0, "%s: a refused move has no record: %s" % (what, doc))
        check(snapshot_of("bad") == before, "%s changed the room" % what)
    out_of_turn(move, free, neighbours(free[0], free[1], 4, 4))
    before = snapshot_of("bad")
    status, doc, _ = SERVER.call("POST", "/admin/rooms/bad/deploy", "var app = {};",
                                 {"Authorization": "Bearer " + token()})
    expect_refused("deploy without a mode", status, doc, 400, "mode= must be")
    # A body declared far over the limit is refused before it is sent (the answer comes at once).
    answer = raw_request(b"POST /api/rooms/bad/move HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\n\r\n")
    check(answer.startswith(b"HTTP/1.1 413") and b"larger than 4096 bytes" in answer,
          "a body declared as 3 MB: %r" % answer[-200:])
    for garbage in (b"GARBAGE\r\n\r\n", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"POST /api/rooms/bad/move HTTP/1.1\r\nContent-Length: -5\r\n\r\n{}"):
        answer = raw_request(garbage)
        check(answer.startswith(b"HTTP/1.1 4") or answer == b"",
              "garbage %r answered %r" % (garbage[:20], answer[:60]))
    check(SERVER.call("GET", "/api/status")[0] == 200, "the server does not answer after garbage")
    check(snapshot_of("bad") == before, "garbage changed the room")


# ---- a retried move ----

def retried_move():
    create("retry", 5, 5)
    spawn = join("retry", "ann", "join-1")
    again = join("retry", "ann", "join-1")
    check(again == dict(spawn, duplicate=True), "a retried join gets the first answer: %s vs %s" % (again, spawn))
    x, y = neighbours(spawn["x"], spawn["y"], 5, 5)[0]
    time.sleep(0.25)
    body = {"player": "ann", "x": x, "y": y, "client_id": "move-1"}
    status, first, _ = SERVER.call("POST", "/api/rooms/retry/move", body)
    check(status == 200 and first["ok"] and first["score"] == 2 and not first["duplicate"],
          "the first move: %d %s" % (status, first))
    head = persist("info", store("retry"))["head"]
    check(first["seq"] == head, "the move's record is the head: %s, head %d" % (first, head))
    status, second, _ = SERVER.call("POST", "/api/rooms/retry/move", body)
    check(status == 200 and second == dict(first, duplicate=True),
          "the retry gets the first answer: %d %s vs %s" % (status, second, first))
    check(persist("info", store("retry"))["head"] == head, "the retry added a record")
    del body["client_id"]
    time.sleep(0.21)
    status, third, _ = SERVER.call("POST", "/api/rooms/retry/move", body)
    check(status == 409 and third["error"] == "the cell is yours already",
          "without a client id the same move is a new request: %d %s" % (status, third))
    moves = [r for r in log_records(store("retry")) if r["kind"] == "event" and '"move-1"' in r["event"]]
    check(len(moves) == 1 and moves[0]["seq"] == first["seq"], "move-1 is in the log once: %s" % moves)


# ---- a full game with a crash and a live deploy ----

class Game:
    """Four players in threads on an 8x6 board until it is full. Every answer with "ok" is an
    acknowledged move, kept with its client id and record number."""

    def __init__(self, room, players, width, height):
        self.room, self.players, self.width, self.height = room, players, width, height
        self.lock = threading.Lock()
        self.acks = []  # (kind, player, x, y, seq, client_id, duplicate)
        self.errors = []

    def acked(self):
        with self.lock:
            return len(self.acks)

    def send(self, player, action, body, cid):
        body = dict(body, player=player, client_id=cid)
        return SERVER.call_retrying("POST", "/api/rooms/%s/%s" % (self.room, action), body)

    def target(self, player, owned):
        """A free cell next to the player's, from the room's current view."""
        rows = view(self.room)["view"]["rows"]
        free = {(x, y) for y, row in enumerate(rows) for x, c in enumerate(row) if c == "."}
        if not free:
            return None, False
        options = sorted({n for c in owned for n in neighbours(*c, self.width, self.height)} & free)
        return (random.choice(options) if options else None), True

    def play(self, player):
        status, doc, _ = self.send(player, "join", {"name": player.capitalize()}, player + "-join")
        check(status == 200 and doc["ok"], "join %s: %s" % (player, doc))
        owned = {(doc["x"], doc["y"])}
        with self.lock:
            self.acks.append(("join", player, doc["x"], doc["y"], doc["seq"], player + "-join", doc["duplicate"]))
        n = 0
        while True:
            cell, board_open = self.target(player, owned)
            if cell is None:
                if not board_open:
                    return
                time.sleep(0.05)  # boxed in for now: another player may still free nothing, wait
                continue
            n += 1
            cid = "%s-move-%d" % (player, n)
            status, doc, _ = self.send(player, "move", {"x": cell[0], "y": cell[1]}, cid)
            if status == 200:
                owned.add(cell)
                with self.lock:
                    self.acks.append(("move", player, cell[0], cell[1], doc["seq"], cid, doc["duplicate"]))
                time.sleep(0.21)
            else:
                check(status == 409, "move %s: %d %s" % (cid, status, doc))
                time.sleep(0.05)

    def thread(self, player):
        try:
            self.play(player)
        except Exception as e:  # noqa: BLE001 - reported by the main thread
            with self.lock:
                self.errors.append("%s: %r" % (player, e))


def watch_for_rules(room, rules, found):
    """A live stream (as the page has): sets `found` once a document shows the rules `rules`."""
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", SERVER.port, timeout=30)
    conn.request("GET", "/api/rooms/%s/events" % room)
    r = conn.getresponse()
    try:
        while not found.is_set():
            line = r.readline()
            if not line:
                return
            if line.startswith(b"data: ") and json.loads(line[6:])["rules"] == rules:
                found.set()
    finally:
        conn.close()


def full_game():
    room, width, height = "arena", 8, 6
    create(room, width, height)
    game = Game(room, ["ann", "bob", "cy", "dee"], width, height)
    threads = [threading.Thread(target=game.thread, args=(p,)) for p in game.players]
    for t in threads:
        t.start()
    wait_for(lambda: game.acked() >= 14 or game.errors, "14 acknowledged moves", 60)
    SERVER.kill9()
    killed_at = game.acked()
    time.sleep(0.3)  # the players' requests fail meanwhile; they send them again
    SERVER.start()
    wait_for(lambda: game.acked() >= killed_at + 8 or game.errors, "moves after the restart", 60)
    v2 = sha256_of(V2)
    seen = threading.Event()
    watcher = threading.Thread(target=watch_for_rules, args=(room, v2[:12], seen))
    watcher.start()
    status, doc, _ = deploy(room, V2)
    check(status == 200 and doc["rules"] == v2, "the live deploy of v2: %d %s" % (status, doc))
    deploy_seq = doc["head"]
    check(seen.wait(30), "the live stream did not show rules v2")
    watcher.join()
    for t in threads:
        t.join(120)
        check(not t.is_alive(), "a player is still playing after 120 s")
    check(not game.errors, "players failed: %s" % game.errors)
    check_game(game, deploy_seq, v2, killed_at)


def check_game(game, deploy_seq, v2, killed_at):
    doc = view(game.room)
    rows = doc["view"]["rows"]
    check(all("." not in row for row in rows), "the board is full: %s" % rows)
    color = {p["player"]: "0123456789"[p["color"]] for p in doc["view"]["players"]}
    board = [["."] * game.width for _ in range(game.height)]
    # In the order of their records, not of their answers: under v2 two players who aimed at the same
    # free cell both succeed (the second captures it), and the threads may record the answers in the
    # other order.
    for kind, player, x, y, seq, cid, dup in sorted(game.acks, key=lambda a: a[4]):
        board[y][x] = color[player]
    check(["".join(r) for r in board] == rows, "the acknowledged moves make the board: %s vs %s" % (board, rows))
    check(sum(p["score"] for p in doc["view"]["players"]) == game.width * game.height, "the scores add up")
    check(all("captures" in p for p in doc["leaderboard"]), "v2's leaderboard counts captures: %s" % doc)
    records = {r["seq"]: r for r in log_records(store(game.room))}
    for kind, player, x, y, seq, cid, dup in game.acks:
        event = json.loads(records[seq]["event"])
        check(event["type"] == kind and event["player"] == player and event["client_id"] == cid,
              "record %d is %s, acknowledged as %s %s %s" % (seq, event, kind, player, cid))
        if kind == "move":
            check((event["x"], event["y"]) == (x, y), "record %d is %s" % (seq, event))
    ids = [json.loads(r["event"]).get("client_id") for r in records.values() if r["kind"] == "event"]
    ids = [i for i in ids if i]
    check(len(ids) == len(set(ids)) == len(game.acks), "each acknowledged request is in the log once: %s" % ids)
    check(records[deploy_seq]["kind"] == "deploy_migrate" and records[deploy_seq]["app_hash"] == v2,
          "record %d is the deployment of v2: %s" % (deploy_seq, records[deploy_seq]))
    persist("verify", store(game.room))
    dups = sum(1 for a in game.acks if a[6])
    print("  %d acknowledged requests (%d before the kill, %d answered as retries), %d records"
          % (len(game.acks), killed_at, dups, len(records)))


# ---- captures under v2, broken releases refused ----

def captures_and_broken_releases():
    room = "cap"
    create(room, 3, 3)
    a, b = join(room, "a"), join(room, "b")
    owned, free = {(a["x"], a["y"])}, {(x, y) for x in range(3) for y in range(3)} - {(a["x"], a["y"]), (b["x"], b["y"])}
    while free:  # a takes every free cell (the board without b's cell stays connected)
        cell = sorted({n for c in owned for n in neighbours(*c, 3, 3)} & free)[0]
        time.sleep(0.21)
        status, doc, _ = SERVER.call("POST", "/api/rooms/cap/move", {"player": "a", "x": cell[0], "y": cell[1]})
        check(status == 200, "a takes %s: %d %s" % (cell, status, doc))
        owned.add(cell)
        free.discard(cell)
    time.sleep(0.21)
    onto_b = {"player": "a", "x": b["x"], "y": b["y"]}
    status, doc, _ = SERVER.call("POST", "/api/rooms/cap/move", onto_b)
    expect_refused("v1 has no captures", status, doc, 409, "the cell belongs to b")
    broken = os.path.join(TMP, "broken")
    subprocess.run([os.path.join(ROOT, "examples", "game-server", "broken-rules.sh"), broken], check=True)
    before = snapshot_of(room)
    for name, text in (("broken-syntax.js", "does not parse"), ("broken-migration.js", "a broken migration")):
        status, doc, _ = deploy(room, os.path.join(broken, name))
        expect_refused("deploying " + name, status, doc, 422, text)
        check(snapshot_of(room) == before, "the refused %s changed the room" % name)
        check(view(room)["rules"] == before[2][:12], "the room's rules changed")
    status, doc, _ = deploy(room, V2)
    check(status == 200, "deploy v2: %s" % doc)
    status, doc, _ = SERVER.call("POST", "/api/rooms/cap/move", onto_b)
    check(status == 200 and doc["ok"] and doc["score"] == 9 and doc["captured"] == "b",
          "v2 captures: %d %s" % (status, doc))
    board = SERVER.call("GET", "/api/rooms/cap/leaderboard")[1]["leaderboard"]
    check([(p["player"], p["score"], p["captures"]) for p in board] == [("a", 9, 1), ("b", 0, 0)],
          "the leaderboard after the capture: %s" % board)


# ---- an idle room is closed ----

def idle_room_closed():
    head = view("retry")["head"]
    wait_for(lambda: SERVER.call("GET", "/api/status")[1]["rooms_open"] == 0, "every room closed", 30)
    # The server no longer holds the writer lock: the persist tool can write the room.
    persist("snapshot", store("retry"))
    check(view("retry")["head"] == head, "the room opened again with its records")


# ---- the limit of open files ----

def open_files_limit():
    """Each open room holds 5 descriptors: the server raises its soft limit of open files to what
    --max-rooms and --max-connections need (10 * 5 + 256 + 64 = 370 here), and when its hard limit
    is lower it says how many rooms fit. Before, a server under `ulimit -n 1024` failed to open
    its 200th room or so with a bare "Too many open files"."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard < 370:
        print("game-server api: open_files_limit: skipped: the hard limit of open files is %d" % hard)
        return
    for child_hard, want_soft, warning in ((hard, 370, None),
                                           (340, 340, "about 4 rooms can be open at once, not 10")):
        server = Server(os.path.join(TMP, "limits-%d" % want_soft), TMP, "--max-rooms", "10")
        server.preexec = lambda h=child_hard: resource.setrlimit(resource.RLIMIT_NOFILE, (300, h))
        try:
            server.start()
            with open("/proc/%d/limits" % server.proc.pid) as f:
                soft = [int(line.split()[3]) for line in f if line.startswith("Max open files")][0]
            check(soft == want_soft, "soft limit %d, want %d" % (soft, want_soft))
            server.stop_cleanly()
            text = server.log_text()
            check((warning in text) if warning else ("rooms can be open" not in text),
                  "the server's log: %s" % text)
        finally:
            server.stop()


def clean_stop():
    SERVER.stop_cleanly()


if __name__ == "__main__":
    run("game-server api", SERVER, TMP, [bad_input, retried_move, full_game, captures_and_broken_releases,
                                         idle_room_closed, open_files_limit, clean_stop])
