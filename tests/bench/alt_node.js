// tests/bench/alt_node.js - what a user would build instead of libpersist, for the same app and
// events: the app's compiled JavaScript in Node.js, each event appended to a log file (with and
// without fdatasync before the response), a restore that replays that log, and the whole state
// written to a file after every event. Not a test: prints one line of figures like bench_app.
//
// Usage: node alt_node.js MODE CODE.js EVENTS N DIR [SETUP]
//   MODE   log-sync    append the event's line to DIR/log, fdatasync, then the state goes on
//          log-nosync  the same without fdatasync (a killed process may lose the tail)
//          state-sync  after every event the serialized state goes to DIR/state.tmp, fdatasync,
//                      rename to DIR/state (and the directory is not synced: a power loss may
//                      lose the rename)
//          restore     log-nosync's writes first (not timed), then a fresh app replays DIR/log
//   CODE.js  a plain JavaScript app (a global `app`, docs/app-contract.md) or `elm make` output
//            (its interfaceToHost_* values, reached as lib/app_adapter.c does: a statement
//            inserted before the final "}(this));")
//   EVENTS   a file of events, one per line: the first SETUP (default 0) are applied and logged
//            first (not timed), then N events are measured, taken in turn from the lines after
//            the setup (cycling)
// The log holds the events' text only: no checksum, no snapshot, no record of the app's version.
'use strict';
const fs = require('fs'), path = require('path'), vm = require('vm');

const [mode, codeFile, eventsFile, nText, dir, setupText] = process.argv.slice(2);
if (!['log-sync', 'log-nosync', 'state-sync', 'restore'].includes(mode) || !dir) {
    console.error('usage: node alt_node.js log-sync|log-nosync|state-sync|restore CODE.js EVENTS N DIR [SETUP]');
    process.exit(2);
}
const n = Number(nText), setup = Number(setupText || 0);
const lines = fs.readFileSync(eventsFile, 'utf8').split('\n').filter((l) => l !== '');
const code = fs.readFileSync(codeFile, 'utf8');

// The app's four functions, as the library's adapter finds them.
function loadApp() {
    const sandbox = { console: { log() {}, warn() {}, error() {}, info() {}, debug() {} } };
    vm.createContext(sandbox);
    if (code.includes('interfaceToHost_processEvent')) {
        const at = code.lastIndexOf('}(this));');
        const m = '$author$project$Backend$Main$interfaceToHost_';
        vm.runInContext(code.slice(0, at) + '\nscope.__app = { A2: A2, init: ' + m + 'initState, update: ' +
            m + 'processEvent, serialize: ' + m + 'serializeState };\n' + code.slice(at), sandbox);
        const e = sandbox.__app;
        return {
            init: () => e.init,
            update: (event, state) => { const t = e.A2(e.update, event, state); return [t.a, t.b]; },
            serialize: (state) => e.serialize(state)
        };
    }
    vm.runInContext(code, sandbox);
    return sandbox.app;
}

function quantile(v, q) {
    v.sort((a, b) => a - b);
    return v.length ? v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))] : 0;
}

fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const logFile = path.join(dir, 'log'), stateFile = path.join(dir, 'state');
const app = loadApp();
let state = app.init(), last = '';
const fd = fs.openSync(logFile, 'a');
const sync = mode === 'log-sync' || mode === 'state-sync';

function apply(event) {
    const [next, response] = app.update(event, state);
    if (mode === 'state-sync') {
        const tmp = stateFile + '.tmp', f = fs.openSync(tmp, 'w');
        fs.writeSync(f, app.serialize(next));
        fs.fdatasyncSync(f);
        fs.closeSync(f);
        fs.renameSync(tmp, stateFile);
    } else {
        fs.writeSync(fd, event + '\n');
        if (sync)
            fs.fdatasyncSync(fd);
    }
    state = next;
    last = response;
}

for (let i = 0; i < setup; i++)
    apply(lines[i]);
const lat = new Array(n), cpu0 = process.cpuUsage(), t0 = process.hrtime.bigint();
for (let k = 0; k < n; k++) {
    const s = process.hrtime.bigint();
    apply(lines[setup + k % (lines.length - setup)]);
    lat[k] = Number(process.hrtime.bigint() - s) / 1e3;
}
const wall = Number(process.hrtime.bigint() - t0) / 1e9, cpu = process.cpuUsage(cpu0);
fs.closeSync(fd);
const out = {
    mode, events: n, cpu_us_per_event: ((cpu.user + cpu.system) / n).toFixed(2),
    events_per_s: (n / wall).toFixed(0), us_per_event: (wall * 1e6 / n).toFixed(2),
    p50_us: quantile(lat, 0.5).toFixed(1), p99_us: quantile(lat, 0.99).toFixed(1)
};
if (mode === 'restore') {
    const r0 = process.hrtime.bigint(), replay = loadApp(), log = fs.readFileSync(logFile, 'utf8').split('\n');
    let s = replay.init();
    for (const event of log)
        if (event !== '')
            s = replay.update(event, s)[0];
    out.restore_ms = (Number(process.hrtime.bigint() - r0) / 1e6).toFixed(2);
    out.records = log.length - 1;
    out.same_state = replay.serialize(s) === app.serialize(state);
}
out.disk_kb = Math.ceil(fs.statSync(mode === 'state-sync' ? stateFile : logFile).size / 1024);
out.last = last;
console.log(Object.entries(out).map(([k, v]) => k + '=' + v).join(' '));
fs.rmSync(dir, { recursive: true, force: true });
