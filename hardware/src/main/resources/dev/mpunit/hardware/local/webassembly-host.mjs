// mpunit webassembly host: runs many MicroPython test scripts in one node process, each in a
// FRESH MicroPython instance, with output byte-identical to `node micropython.mjs <args>`.
//
// Started by dev.mpunit.hardware.local.WebAssemblyTarget as `node <this file> <micropython.mjs>`.
// Starting node and loading micropython.mjs costs ~100 ms; a fresh instance in a running node
// costs a few ms. That difference is why this file exists.
//
// Protocol (the JVM owns timeouts; this host never gives up on a script by itself):
//   JVM -> host, stdin: one JSON object per line
//       {"id": 1, "args": ["-X", "heapsize=64k", "/abs/test.py"], "cwd": "/abs"}
//     args are what run-tests.py would pass after micropython.mjs on the command line.
//   host -> JVM, stdout: frames of 1 type byte, 4 bytes big-endian length, payload
//       'H' hello, JSON {"node": "v20.x", "pid": 123}        once, when ready
//       'O' output bytes of the running script, in write order, streamed as produced
//       'R' result, JSON {"id": 1, "status": "completed"|"crashed", "rss": bytes, "recycle": bool,
//           "exitCode": n (only when the host is exiting)}
//       'L' a note about the host itself (JSON {"message": ...}), never part of any output
//     After a result with "recycle": true the host exits: the script ended the way it would have
//     ended the node process (a crash, process.exit), and what node itself printed about that is
//     on the host's stderr, which belongs to the script's output then.
//
// What a process-per-script run does and how this host does the same:
//   * output: the CLI writes stdout byte by byte with process.stdout.write and Python errors
//     with console.error; both are synchronous on a pipe, so the merged stream is in write
//     order. Here every byte goes through one ring buffer, in order, to a flusher thread that
//     writes frames: even a script that never yields again (while True: pass) has all its
//     output on the JVM's side when the JVM kills us at its timeout.
//   * end of the script: node exits when its event loop is empty. Here the script is finished
//     when no resource (timer, immediate, pending I/O) exists beyond those the host itself had
//     when the script started.
//   * crash: an error that is not a PythonError, an uncaught exception or an unhandled rejection
//     makes node print the error to stderr and exit with code 1. Here the very same happens to
//     the host (it installs no handler for them), and the JVM appends the host's stderr to the
//     output: node's own report, byte for byte, as long as the stack trace does not reach below
//     micropython.mjs into the CLI (or, here, into this file).

import fs from 'node:fs';
import { Console } from 'node:console';
import { Readable, Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const FD_OUT = 1;

// ---- framing on fd 1, for the main thread (the flusher thread has its own copy below) ----

function writeFully(fd, buffer) {
    let offset = 0;
    while (offset < buffer.length) {
        try {
            offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
        } catch (e) {
            // fd 1 is a blocking pipe from the JVM; EAGAIN only if someone made it non-blocking.
            if (e.code !== 'EAGAIN') throw e;
        }
    }
}

function frame(type, payload) {
    const header = Buffer.alloc(5);
    header[0] = type.charCodeAt(0);
    header.writeUInt32BE(payload.length, 1);
    return Buffer.concat([header, payload]);
}

// ---- output ring: main thread produces, flusher thread consumes ----
// Counters are monotonically increasing int32 values that wrap; the ring size divides 2^32, so
// (count & MASK) is a position and (write - read) | 0 the fill level, across wrap-around.

const RING_SIZE = 1 << 20;
const MASK = RING_SIZE - 1;
const WRITE = 0;
const READ = 1;
const SLEEPING = 2;
const shared = new SharedArrayBuffer(16 + RING_SIZE);
const counters = new Int32Array(shared, 0, 4);
const ring = new Uint8Array(shared, 16, RING_SIZE);
let written = 0; // only the main thread writes, so it keeps its own copy of counters[WRITE]

function emit(bytes) {
    let offset = 0;
    while (offset < bytes.length) {
        let read = Atomics.load(counters, READ);
        let free = RING_SIZE - ((written - read) | 0);
        while (free === 0) {
            // Full: the flusher is writing to the JVM; wait until it consumed something.
            Atomics.wait(counters, READ, read);
            read = Atomics.load(counters, READ);
            free = RING_SIZE - ((written - read) | 0);
        }
        const position = written & MASK;
        const count = Math.min(free, bytes.length - offset, RING_SIZE - position);
        ring.set(bytes.subarray(offset, offset + count), position);
        offset += count;
        written = (written + count) | 0;
        Atomics.store(counters, WRITE, written);
        // The flusher announces its sleep before it checks the ring a last time (both sequentially
        // consistent), so either it sees this write or we see it sleeping. Waking only a sleeper
        // costs one notify per flush cycle instead of one per byte.
        if (Atomics.load(counters, SLEEPING) === 1) Atomics.notify(counters, WRITE);
    }
}

function emitByte(value) {
    // The CLI's stdout callback receives one byte per call; keep that path allocation-free.
    oneByte[0] = value;
    emit(oneByte);
}
const oneByte = new Uint8Array(1);

// Blocks until the flusher has written everything emitted so far to fd 1.
function awaitFlushed() {
    for (;;) {
        const read = Atomics.load(counters, READ);
        if (read === written) return;
        Atomics.wait(counters, READ, read);
    }
}

// ---- what a script can reach in place of the real stdout/stderr ----
// Anything written to fd 1 outside a frame would break the protocol, and in a real process
// console output and process.stdout/stderr writes land in the captured (merged) output.
// This comes before anything touches the real process.stdout/stderr: creating those streams
// makes fd 1 and 2 non-blocking, and node's report of a fatal error, written to fd 2 with plain
// C stdio, then loses whatever does not fit into the pipe (seen: cut at 64 KiB).

const scriptStream = new Writable({
    write(chunk, encoding, callback) {
        emit(chunk);
        callback();
    },
});
Object.defineProperty(process, 'stdout', { configurable: true, get: () => scriptStream });
Object.defineProperty(process, 'stderr', { configurable: true, get: () => scriptStream });
// Node's console on a pipe does not colour and ends each call with "\n"; so does this one.
// micropython.mjs binds console.error at instance creation for Python's stderr: it binds this.
globalThis.console = new Console({ stdout: scriptStream, stderr: scriptStream, colorMode: false });

const flusherSource = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const counters = new Int32Array(workerData.shared, 0, 4);
const ring = new Uint8Array(workerData.shared, 16, workerData.size);
const mask = workerData.size - 1;
function writeFully(buffer) {
    let offset = 0;
    while (offset < buffer.length) {
        try { offset += fs.writeSync(1, buffer, offset, buffer.length - offset); }
        catch (e) { if (e.code !== 'EAGAIN') throw e; }
    }
}
let read = 0;
for (;;) {
    let write = Atomics.load(counters, 0);
    if (write === read) {
        Atomics.store(counters, 2, 1);
        write = Atomics.load(counters, 0);
        if (write === read) Atomics.wait(counters, 0, write);
        Atomics.store(counters, 2, 0);
        continue;
    }
    const length = (write - read) | 0;
    const frame = Buffer.alloc(5 + length);
    frame[0] = 0x4f; // 'O'
    frame.writeUInt32BE(length, 1);
    const start = read & mask;
    const first = Math.min(length, workerData.size - start);
    frame.set(ring.subarray(start, start + first), 5);
    if (first < length) frame.set(ring.subarray(0, length - first), 5 + first);
    writeFully(frame);
    read = write;
    Atomics.store(counters, 1, read);
    Atomics.notify(counters, 1);
}
`;
// stdout/stderr: true keeps node from piping the worker's stdio into ours (it writes fd 1 itself),
// which would create the real process.stdout/stderr streams after all.
const flusher = new Worker(flusherSource, {
    eval: true,
    workerData: { shared, size: RING_SIZE },
    stdout: true,
    stderr: true,
});
// Wait until it runs: a script emitting before that would wait on a flusher that is not there.
await new Promise((resolve, reject) => {
    flusher.once('online', resolve);
    flusher.once('error', reject);
});
// The flusher never ends by itself; it must not keep the host alive, nor count as a resource.
flusher.unref();

// Requests come on the real stdin. A script gets one at end of file instead, as when its process
// has nothing to read: emscripten reads Python's sys.stdin from process.stdin.fd, and must not
// swallow our requests.
const requests = process.stdin;
const scriptStdin = new Readable({ read() { this.push(null); } });
scriptStdin.fd = fs.openSync(process.platform === 'win32' ? '\\\\.\\NUL' : '/dev/null', 'r');
Object.defineProperty(process, 'stdin', { configurable: true, get: () => scriptStdin });

// ---- FinalizationRegistry guard ----
// micropython.mjs registers every PyProxy in a FinalizationRegistry whose callback frees the
// proxied object through the *global* Module and proxy_js_map, i.e. those of the newest
// instance. Such callbacks do run after their script ended (seen: between two scripts, after
// the globals were removed, which crashed the host). A proxy of an old instance collected while
// a later script runs would even free an unrelated object of that later instance. A process per
// script never sees any of this; here callbacks of ended scripts are dropped (their instance is
// gone anyway).
let generation = 0;
const NativeFinalizationRegistry = globalThis.FinalizationRegistry;
globalThis.FinalizationRegistry = class extends NativeFinalizationRegistry {
    constructor(cleanup) {
        const born = generation;
        super((held) => {
            if (born === generation) cleanup(held);
        });
    }
};

// ---- compiled once, instantiated per script ----
// Every loadMicroPython reads micropython.wasm and compiles it again (about 1 ms of CPU and garbage
// per script). The compiled WebAssembly.Module holds no state: an instance made from it is as
// fresh as one compiled from the bytes (its own memory, tables and globals). So the bytes are
// compiled once and every later instantiation of the very same bytes reuses that compilation.
const nativeInstantiate = WebAssembly.instantiate;
let compiled = null; // { bytes: Buffer, module: WebAssembly.Module }
WebAssembly.instantiate = async function instantiate(source, imports) {
    if (!ArrayBuffer.isView(source) && !(source instanceof ArrayBuffer)) {
        return nativeInstantiate.call(this, source, imports);
    }
    const bytes = ArrayBuffer.isView(source)
        ? Buffer.from(source.buffer, source.byteOffset, source.byteLength)
        : Buffer.from(source);
    if (compiled === null || !compiled.bytes.equals(bytes)) {
        compiled = { bytes: Buffer.from(bytes), module: await WebAssembly.compile(bytes) };
    }
    return { module: compiled.module, instance: await nativeInstantiate.call(this, compiled.module, imports) };
};

// ---- load MicroPython ----

const mjsPath = process.argv[2];
const { loadMicroPython } = await import(pathToFileURL(mjsPath).href);
const hostGlobals = new Set(Reflect.ownKeys(globalThis));

// ---- trace for bench/where-the-time-goes.sh ----
// With MPUNIT_HOST_TRACE=<file> the host appends one JSON line per script to that file: when the
// request came and the result went (ms since the epoch), and the wall and CPU milliseconds (the
// whole process's, all threads) of creating the instance, running the script and waiting for what
// it scheduled (its sleeps). Measurement only: nothing of it reaches the JVM.

const tracePath = process.env.MPUNIT_HOST_TRACE || null;

function cpuMillis() {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
}

function trace(entry) {
    if (tracePath !== null) fs.appendFileSync(tracePath, JSON.stringify({ pid: process.pid, ...entry }) + '\n');
}

// Milestones of the running script, [wall ms, cpu ms] each, when tracing.
function mark(script, name) {
    if (tracePath !== null) script[name] = [performance.now(), cpuMillis()];
}

// ---- running one script ----

let current = null; // { id } of the running script

function resourceCounts() {
    const counts = new Map();
    for (const name of process.getActiveResourcesInfo()) counts.set(name, (counts.get(name) ?? 0) + 1);
    return counts;
}

function hasResourcesBeyond(baseline) {
    for (const [name, count] of resourceCounts()) {
        if (count > (baseline.get(name) ?? 0)) return true;
    }
    return false;
}

// Resolves when the script has nothing left to run: what node waits for before it exits.
async function settle(baseline) {
    for (;;) {
        // Microtasks (promise chains) run before an immediate does.
        await new Promise((resolve) => setImmediate(resolve));
        if (!hasResourcesBeyond(baseline)) return;
        // A timer, an immediate or I/O of the script is pending: give it time to run. 1 ms polls
        // cost nothing measurable and add at most 1 ms to a script that sleeps.
        await new Promise((resolve) => setTimeout(resolve, 1));
    }
}

// ---- the next script's instance, made ahead ----
// Creating an instance costs a few ms of CPU that need not wait for the script's request. Whenever
// the host falls idle (after hello, after each result) it creates the instance the next script will
// get, with the CLI's default heap size, while the JVM judges the last result and sends the next
// request. That instance is as fresh as one made on request: nothing runs in it before its script.
// Only its clock started earlier: ticks_ms() counts from the instance's creation, which is ~100 ms
// before the script in a process of its own, and here the time since the last result (a few ms);
// no test can rely on either. A script that asks for another heap size gets an instance made for
// it, and the spare is dropped unused.

const DEFAULT_HEAP_SIZE = 131072; // the CLI's
let spare = null; // { heapSize, instance: Promise }

function createInstance(heapSize) {
    return loadMicroPython({ heapsize: heapSize, stdout: (data) => emitByte(data[0]), linebuffer: false });
}

function prepareSpare() {
    // What a process of its own would have in process.argv while the instance is created: the
    // CLI's own path (emscripten takes it as the program name); the script's arguments go unused.
    process.argv = [process.argv[0], mjsPath];
    const instance = createInstance(DEFAULT_HEAP_SIZE);
    // A spare that fails is made again on request, where the failure is the script's.
    instance.catch(() => {});
    spare = { heapSize: DEFAULT_HEAP_SIZE, instance };
}

async function instanceFor(heapSize) {
    const made = spare;
    spare = null;
    if (made !== null) {
        try {
            const instance = await made.instance;
            if (made.heapSize === heapSize) return instance;
        } catch {
            // Made again below.
        }
        // Unused: its finalizers must not reach the instance made now (see the guard above).
        generation++;
    }
    return createInstance(heapSize);
}

// The CLI at the end of micropython.mjs, applied to args. Keep it step for step the same.
async function runLikeTheCli(args) {
    let heapSize = DEFAULT_HEAP_SIZE;
    let contents = '';
    for (let i = 0; i < args.length; i++) {
        if (args[i] === '-X' && i < args.length - 1) {
            if (args[i + 1].includes('heapsize=')) {
                heapSize = parseInt(args[i + 1].split('heapsize=')[1]);
                const suffix = args[i + 1].substr(-1).toLowerCase();
                if (suffix === 'k') heapSize *= 1024;
                else if (suffix === 'm') heapSize *= 1024 * 1024;
                ++i;
            }
        } else {
            contents += fs.readFileSync(args[i], 'utf8');
        }
    }
    mark(current, 'reading');
    const mp = await instanceFor(heapSize);
    mark(current, 'created');
    if (contents.endsWith('asyncio.run(main())\n')) {
        const asyncio = mp.pyimport('asyncio');
        asyncio.run = async (task) => {
            await asyncio.create_task(task);
        };
    }
    try {
        mp.runPython(contents);
    } catch (error) {
        if (error.name !== 'PythonError') throw error;
        if (error.type !== 'SystemExit') console.error(error.message);
    }
}

function finish(script) {
    current = null;
    awaitFlushed();
    writeFully(FD_OUT, frame('R', Buffer.from(JSON.stringify(
        { id: script.id, status: 'completed', rss: process.memoryUsage.rss(), recycle: false }))));
    if (tracePath !== null) {
        mark(script, 'answered');
        const span = (from, to) => [script[to][0] - script[from][0], script[to][1] - script[from][1]];
        trace({
            file: script.file, request: performance.timeOrigin + script.start[0],
            result: performance.timeOrigin + script.answered[0], read: span('start', 'reading'),
            create: span('reading', 'created'), run: span('created', 'ran'), settle: span('ran', 'settled'),
            answer: span('settled', 'answered'),
        });
    }
    // From here on, finalizers of this script's instance must not run: they would reach for
    // the globals removed below, or for the next script's instance.
    generation++;
    for (const key of Reflect.ownKeys(globalThis)) {
        if (!hostGlobals.has(key)) delete globalThis[key];
    }
    prepareSpare();
}

function note(message) {
    awaitFlushed();
    writeFully(FD_OUT, frame('L', Buffer.from(JSON.stringify({ message }))));
}

// The host ends while a script runs: the script crashed it (node has printed why on stderr
// already) or called process.exit. Either way the script ends the way its process would have.
process.on('exit', (code) => {
    if (current === null) return;
    awaitFlushed();
    const status = code === 0 ? 'completed' : 'crashed';
    writeFully(FD_OUT, frame('R', Buffer.from(JSON.stringify(
        { id: current.id, status, rss: process.memoryUsage.rss(), recycle: true, exitCode: code }))));
});

async function run(request) {
    const script = { id: request.id, file: request.args[request.args.length - 1] };
    mark(script, 'start');
    current = script;
    const baseline = resourceCounts();
    // run-tests.py starts node in the test's directory. The wasm file system does not see it
    // (MicroPython's cwd is "/" in MEMFS), but JavaScript reached through the js module would.
    if (request.cwd) {
        try {
            process.chdir(request.cwd);
        } catch {
            // A missing directory fails the file read below the same way it fails the CLI.
        }
    }
    // What the script's process would have had in process.argv.
    process.argv = [process.argv[0], mjsPath, ...request.args];
    // Not caught: an error here is an unhandled rejection, which ends node as it ends the CLI.
    await runLikeTheCli(request.args);
    mark(script, 'ran');
    await settle(baseline);
    mark(script, 'settled');
    finish(script);
}

// ---- requests ----

let pending = '';
// Decodes across chunk boundaries: a path's multi-byte character may be split between two reads.
requests.setEncoding('utf8');
requests.on('data', (chunk) => {
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim() === '') continue;
        let request;
        try {
            request = JSON.parse(line);
        } catch {
            note(`not a request: ${line.slice(0, 200)}`);
            process.exit(2);
        }
        if (current !== null) {
            note('a request arrived while a script was running');
            process.exit(2);
        }
        run(request);
    }
});
requests.on('end', () => process.exit(0));

writeFully(FD_OUT, frame('H', Buffer.from(JSON.stringify({ node: process.version, pid: process.pid }))));
trace({ started: performance.timeOrigin, hello: performance.timeOrigin + performance.now(), cpu: cpuMillis() });
prepareSpare();
