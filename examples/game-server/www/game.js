// game.js - the page's logic: the lobby, joining a room, moves sent with a client id (and sent
// again with the same id when the answer was lost, so the server applies them once), and the
// room's document pushed by the server (Server-Sent Events) after every change.
'use strict';

const $ = (id) => document.getElementById(id);
const room = new URLSearchParams(location.search).get('room');
const storageKey = 'territory:' + room;
let me = JSON.parse(localStorage.getItem(storageKey) || 'null'); // {player, name}
let cells = [];  // the board's cell elements, row by row
let shown = null; // the document on screen

function randomHex(bytes) {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

function color(index) {
  return 'hsl(' + ((index * 137.5) % 360) + ', 62%, 55%)';
}

function say(text, kind) {
  $('status').textContent = text;
  $('status').dataset.kind = kind || 'info';
}

// ---- talking to the server ----

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

// A write with a client id: when the connection fails (the server restarts, say), the same
// request is sent again until it gets an answer; the server applies it once.
async function write(action, body) {
  body.client_id = randomHex(8);
  for (let attempt = 0; ; attempt++) {
    try {
      return await call('POST', '/api/rooms/' + room + '/' + action, body);
    } catch (e) {
      if (attempt >= 120) throw e;
      say('no answer from the server, sending ' + action + ' again...', 'refused');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

// ---- drawing ----

function buildBoard(width, height) {
  const board = $('board');
  board.replaceChildren();
  board.style.gridTemplateColumns = 'repeat(' + width + ', var(--cell))';
  board.style.setProperty('--cell', Math.max(4, Math.min(28, Math.floor(560 / width))) + 'px');
  cells = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = document.createElement('div');
      cell.className = 'cell';
      cell.dataset.x = x;
      cell.dataset.y = y;
      cell.dataset.color = '.';
      cell.addEventListener('click', () => move(x, y));
      board.appendChild(cell);
      cells.push(cell);
    }
  }
}

function drawBoard(view) {
  if (cells.length !== view.width * view.height) buildBoard(view.width, view.height);
  const mine = view.players.find((p) => me && p.player === me.player);
  const myChar = mine ? '0123456789abcdefghijklmnopqrstuvwxyz'[mine.color] : null;
  view.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      const cell = cells[y * view.width + x];
      const c = row[x];
      if (cell.dataset.color !== c) {
        cell.dataset.color = c;
        cell.style.background = c === '.' ? '' : color(parseInt(c, 36));
      }
      cell.classList.toggle('mine', c === myChar);
    }
  });
  return mine;
}

function swatch(index) {
  const s = document.createElement('span');
  s.className = 'swatch';
  s.style.background = color(index);
  return s;
}

function drawSide(doc, mine) {
  const colors = new Map(doc.view.players.map((p) => [p.player, p.color]));
  $('leaderboard').replaceChildren(...doc.leaderboard.map((p) => {
    const li = document.createElement('li');
    li.dataset.player = p.player;
    li.append(swatch(colors.get(p.player)), p.name + ' ' + p.score);
    if (p.captures !== undefined) li.append(' (' + p.captures + ' captured)');
    return li;
  }));
  $('you').replaceChildren(...(mine ? [swatch(mine.color), 'You: ' + mine.name + ', ' + mine.score + ' cells'] : []));
  $('head').textContent = doc.head;
  $('rules').textContent = doc.rules;
  $('join-form').hidden = !!mine;
  $('leave').hidden = !mine;
}

function draw(doc) {
  shown = doc;
  document.body.dataset.server = doc.server;
  document.body.dataset.head = doc.head;
  drawSide(doc, drawBoard(doc.view));
}

// ---- actions ----

async function move(x, y) {
  if (!me || !shown || !shown.view.players.some((p) => p.player === me.player)) {
    say('join the game first', 'refused');
    return;
  }
  const r = await write('move', { player: me.player, x, y });
  if (r.status === 200) {
    say('(' + x + ', ' + y + ') is yours' + (r.body.captured ? ', taken from ' + r.body.captured : '') +
        ': ' + r.body.score + ' cells', 'ok');
  } else {
    say('refused: ' + r.body.error, 'refused');
  }
  refresh();
}

async function join(event) {
  event.preventDefault();
  const name = $('player-name').value.trim();
  if (!name) return say('type a name first', 'refused');
  const player = me ? me.player : 'p' + randomHex(4);
  const r = await write('join', { player, name });
  if (r.status === 200) {
    me = { player, name };
    localStorage.setItem(storageKey, JSON.stringify(me));
    say('welcome, ' + name + ': click a cell next to yours', 'ok');
  } else {
    say('refused: ' + r.body.error, 'refused');
  }
  refresh();
}

async function leave() {
  const r = await write('leave', { player: me.player });
  say(r.status === 200 ? 'you left the game' : 'refused: ' + r.body.error, r.status === 200 ? 'ok' : 'refused');
  refresh();
}

async function refresh() {
  try {
    const r = await call('GET', '/api/rooms/' + room);
    if (r.status === 200) draw(r.body);
    else say(r.body.error, 'refused');
  } catch (e) {
    // the live stream reports the connection
  }
}

// ---- live updates ----

function follow() {
  const source = new EventSource('/api/rooms/' + room + '/events');
  const state = (s) => { $('connection').dataset.state = s; $('connection').textContent = s; };
  state('connecting');
  source.onopen = () => state('live');
  source.onmessage = (e) => { state('live'); draw(JSON.parse(e.data)); };
  source.onerror = () => state('reconnecting'); // EventSource connects again by itself
}

// ---- the lobby ----

// The form's handler is in place before the lobby is shown: a click on "Create room" before it
// would submit the form as a plain page load (a slow answer to the room list made that happen).
async function lobby() {
  $('create-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { width: Number($('new-width').value), height: Number($('new-height').value) };
    if ($('new-room').value) body.room = $('new-room').value;
    const c = await call('POST', '/api/rooms', body);
    if (c.status === 201) location.search = '?room=' + encodeURIComponent(c.body.room);
    else say('refused: ' + c.body.error, 'refused');
  });
  try {
    const r = await call('GET', '/api/rooms');
    $('rooms').replaceChildren(...r.body.rooms.map((name) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '?room=' + encodeURIComponent(name);
      a.textContent = name;
      li.append(a);
      return li;
    }));
  } catch (e) {
    say('no answer from the server for the list of rooms', 'refused');
  } finally {
    $('lobby').hidden = false;
  }
}

if (room) {
  $('game').hidden = false;
  $('room-title').textContent = room;
  document.title = room + ' - Territory';
  $('join-form').addEventListener('submit', join);
  $('leave').addEventListener('click', leave);
  if (me) $('player-name').value = me.name;
  refresh();
  follow();
} else {
  lobby();
}
