#!/usr/bin/env python3
"""test_browser.py [--screenshot FILE] - the game server's page in headless Chromium, driven over
the DevTools protocol: the lobby creates a room, the page joins it, moves are real mouse clicks on
cells, and the page must show them (and an opponent's move, pushed by the live stream) exactly as
the API's view has them; then the server is killed (SIGKILL) and started again: the page must
reconnect by itself, show the same game from the new process, and take another move.
Environment: BUILD (default build), where game-server is built."""
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402
from gamelib import Server, check, run, wait_for  # noqa: E402

TMP = tempfile.mkdtemp(prefix="persist-game-browser.")
SERVER = Server(os.path.join(TMP, "data"), TMP)
ROOM, WIDTH, HEIGHT = "web", 10, 8
state = {}


def page(expression):
    return state["browser"].evaluate(expression)


def wait_page(expression, what, seconds=30):
    return wait_for(lambda: page(expression), what + " (" + expression + ")", seconds)


def page_rows():
    """The board as the page shows it: one string per row of the cells' data-color."""
    return page("Array.from({length: %d}, (_, y) => Array.from({length: %d}, (_, x) => "
                "document.querySelector('.cell[data-x=\"' + x + '\"][data-y=\"' + y + '\"]').dataset.color)"
                ".join(''))" % (HEIGHT, WIDTH))


def api_view():
    status, doc, _ = SERVER.call("GET", "/api/rooms/" + ROOM)
    check(status == 200, "the room's view: %d %s" % (status, doc))
    return doc


def me():
    return json.loads(page("localStorage.getItem('territory:%s')" % ROOM))


def click_cell(x, y):
    rect = page("(() => { const r = document.querySelector('.cell[data-x=\"%d\"][data-y=\"%d\"]')"
                ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()" % (x, y))
    state["browser"].click_at(rect[0], rect[1])


def my_color_char():
    doc = api_view()
    color = [p["color"] for p in doc["view"]["players"] if p["player"] == me()["player"]][0]
    return "0123456789abcdefghijklmnopqrstuvwxyz"[color]


def move_through_page():
    """Clicks a free cell next to the player's and waits until the page shows it as theirs."""
    rows, mine = page_rows(), my_color_char()
    cells = {(x, y) for y, row in enumerate(rows) for x, c in enumerate(row) if c == mine}
    free = sorted((a, b) for x, y in cells for a, b in ((x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1))
                  if 0 <= a < WIDTH and 0 <= b < HEIGHT and rows[b][a] == ".")
    check(free, "no free cell next to the player's: %s" % rows)
    x, y = free[0]
    time.sleep(0.21)  # the rules allow one move per 200 ms of the server's time
    click_cell(x, y)
    wait_page("document.querySelector('.cell[data-x=\"%d\"][data-y=\"%d\"]').dataset.color === '%s'"
              % (x, y, mine), "the page shows the move to (%d, %d)" % (x, y))
    # The board may show the move first: the live feed can bring the new view before the page has
    # the answer to its own request, which is what writes the status line.
    wait_page("document.getElementById('status').textContent.includes('(%d, %d) is yours')" % (x, y),
              "the page's status after the move to (%d, %d)" % (x, y))
    return x, y


def same_as_api():
    doc = api_view()
    wait_for(lambda: page_rows() == api_view()["view"]["rows"], "the page's board to equal the API's view", 30)
    wait_page("document.body.dataset.head === '%d'" % api_view()["head"], "the page's head record")
    return doc


# ---- the steps ----

# The page's list of rooms answered 1.5 s late: the lobby must not be usable before its form's
# handler is in place (it was shown first, and a quick click submitted the form as a page load).
SLOW_ROOM_LIST = """(() => {
  const fetch0 = window.fetch;
  window.fetch = (path, init) => (!init || !init.method || init.method === 'GET') && path === '/api/rooms'
    ? new Promise((resolve) => setTimeout(resolve, 1500)).then(() => fetch0(path, init))
    : fetch0(path, init);
})();"""


def open_lobby_and_create():
    state["browser"] = Browser(os.path.join(TMP, "profile"), os.path.join(TMP, "chromium.log"))
    # Nothing of Chromium's may outlive the test: its singleton socket is under TMP, which run() removes.
    socket_dir = os.path.realpath(os.path.join(TMP, "profile", "SingletonSocket"))
    check(socket_dir.startswith(os.path.realpath(TMP) + os.sep),
          "Chromium's singleton socket is %s, outside the test's directory %s" % (socket_dir, TMP))
    state["browser"].call("Page.enable")  # without it, Chromium 156 ignored the script below
    script = state["browser"].call("Page.addScriptToEvaluateOnNewDocument", source=SLOW_ROOM_LIST)
    state["browser"].call("Page.navigate", url="http://127.0.0.1:%d/" % SERVER.port)
    # (null-safe: the evaluation may still meet about:blank, which is 'complete' too)
    wait_page("document.readyState === 'complete' && document.getElementById('lobby') !== null && "
              "!document.getElementById('lobby').hidden", "the lobby")
    page("document.getElementById('new-room').value = '%s'; document.getElementById('new-width').value = %d; "
         "document.getElementById('new-height').value = %d; document.getElementById('create').click(); true"
         % (ROOM, WIDTH, HEIGHT))
    wait_page("location.search === '?room=%s' && document.querySelectorAll('.cell').length === %d"
              % (ROOM, WIDTH * HEIGHT), "the new room's board")
    state["browser"].call("Page.removeScriptToEvaluateOnNewDocument", identifier=script["identifier"])
    wait_page("document.getElementById('connection').dataset.state === 'live'", "the live stream")


def join_and_move():
    page("document.getElementById('player-name').value = 'Ann'; document.getElementById('join').click(); true")
    wait_page("document.getElementById('you').textContent.includes('You: Ann, 1 cells')", "the page's player")
    for _ in range(3):
        move_through_page()
    check(page("document.getElementById('you').textContent") == "You: Ann, 4 cells",
          "the page's score: %s" % page("document.getElementById('you').textContent"))
    same_as_api()


def opponent_pushed_live():
    status, doc, _ = SERVER.call("POST", "/api/rooms/%s/join" % ROOM, {"player": "bob", "name": "Bob"})
    check(status == 200, "bob joins: %s" % doc)
    wait_page("document.querySelector('.cell[data-x=\"%d\"][data-y=\"%d\"]').dataset.color !== '.'"
              % (doc["x"], doc["y"]), "the page shows bob's cell without a reload")
    wait_page("document.getElementById('leaderboard').textContent.includes('Bob 1')", "bob on the leaderboard")
    same_as_api()


def restart_server():
    before_rows, before_server = page_rows(), page("document.body.dataset.server")
    SERVER.kill9()
    wait_page("document.getElementById('connection').dataset.state === 'reconnecting'",
              "the page to notice the server is gone")
    check(page_rows() == before_rows, "the page kept the board while the server was down")
    SERVER.start()
    wait_page("document.body.dataset.server !== '%s'" % before_server, "the page to load the new process's view")
    wait_page("document.getElementById('connection').dataset.state === 'live'", "the live stream again")
    check(page_rows() == before_rows, "after the restart the page shows %s, before %s" % (page_rows(), before_rows))
    same_as_api()
    move_through_page()
    check(page("document.getElementById('you').textContent") == "You: Ann, 5 cells", "a move after the restart")
    same_as_api()


def api_moves(players, rounds):
    """Moves of players who play through the API (for the screenshot: a game in progress)."""
    for _ in range(rounds):
        time.sleep(0.21)
        doc = api_view()
        rows = doc["view"]["rows"]
        for p in doc["view"]["players"]:
            if p["player"] not in players:
                continue
            c = "0123456789"[p["color"]]
            own = [(x, y) for y, row in enumerate(rows) for x, ch in enumerate(row) if ch == c]
            free = [(a, b) for x, y in own for a, b in ((x + 1, y), (x, y + 1), (x - 1, y), (x, y - 1))
                    if 0 <= a < WIDTH and 0 <= b < HEIGHT and rows[b][a] == "."]
            if free:
                SERVER.call("POST", "/api/rooms/%s/move" % ROOM, {"player": p["player"], "x": free[0][0], "y": free[0][1]})


def screenshot():
    """--screenshot FILE: three more players join through the API and everybody plays a few
    rounds, then the page is captured (the README's picture)."""
    if "--screenshot" not in sys.argv:
        return
    path = sys.argv[sys.argv.index("--screenshot") + 1]
    for p in ("cy", "dee"):
        SERVER.call("POST", "/api/rooms/%s/join" % ROOM, {"player": p, "name": p.capitalize()})
    for _ in range(4):
        api_moves(("bob", "cy", "dee"), 2)
        move_through_page()
    same_as_api()
    state["browser"].call("Emulation.setDeviceMetricsOverride", width=660, height=640, deviceScaleFactor=1,
                          mobile=False)
    bottom = page("document.getElementById('status').getBoundingClientRect().bottom")
    state["browser"].screenshot(path, {"x": 0, "y": 0, "width": 660, "height": bottom + 12, "scale": 1})
    print("  screenshot: %s" % path)


def clean_stop():
    SERVER.stop_cleanly()


def quit_browser():
    if "browser" in state:
        state["browser"].quit()


if __name__ == "__main__":
    run("game-server browser", SERVER, TMP, [open_lobby_and_create, join_and_move, opponent_pushed_live,
                                             restart_server, screenshot, clean_stop], quit_browser)
