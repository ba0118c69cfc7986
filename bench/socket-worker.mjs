#!/usr/bin/env node
// Socket clients in their own process (they share the machine's cores with the servers), started by
// bench/live-push.mjs through IPC; not meant to be run by hand.
//
//   { type: 'connect', urls, count, token?, topics }  opens `count` socket.io-client sockets to the /live
//        namespace, spread round-robin over `urls` (websocket transport), subscribes each to `topics`, and
//        answers { type: 'connected', count, failures }.
//   { type: 'collect' }  answers { type: 'arrivals', arrivals: { [marker]: number[] }, cpuMs } with every
//        `event` received since connecting: the wall-clock arrival time (ms, fractional) per socket, keyed by
//        the event's data.title (the marker the sender put there), then forgets them.
//   { type: 'close' }  disconnects every socket and exits.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

if (!process.send) {
  console.error('socket-worker: start me from bench/live-push.mjs');
  process.exit(2);
}

const sockets = [];
let arrivals = new Map();
const now = () => performance.timeOrigin + performance.now();

function record(event) {
  const marker = event?.data?.title;
  if (typeof marker !== 'string') return;
  let list = arrivals.get(marker);
  if (list === undefined) arrivals.set(marker, (list = []));
  list.push(now());
}

async function open(url, token, topics) {
  const socket = io(`${url}/live`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  socket.on('event', record);
  const ack = await socket.timeout(60_000).emitWithAck('subscribe', { topics });
  if (!Array.isArray(ack?.subscribed) || ack.subscribed.length !== topics.length)
    throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
  sockets.push(socket);
}

async function connect({ urls, count, token, topics }) {
  let failures = 0;
  let firstError;
  // A few hundred handshakes at a time: more would only queue in the servers' accept backlog.
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, i) => urls[(start + i) % urls.length]);
    const results = await Promise.allSettled(batch.map((url) => open(url, token, topics)));
    for (const r of results) {
      if (r.status === 'rejected') {
        failures += 1;
        firstError ??= String(r.reason?.message ?? r.reason);
      }
    }
  }
  const cpu = process.cpuUsage();
  process.send({
    type: 'connected',
    count: sockets.length,
    failures,
    firstError,
    cpuMs: (cpu.user + cpu.system) / 1000,
  });
}

let cpuMark = process.cpuUsage();
process.on('message', (message) => {
  if (message.type === 'connect') {
    void connect(message).catch((error) => process.send({ type: 'error', message: error.message }));
  } else if (message.type === 'mark') {
    cpuMark = process.cpuUsage();
    arrivals = new Map();
    process.send({ type: 'marked' });
  } else if (message.type === 'collect') {
    const cpu = process.cpuUsage(cpuMark);
    process.send({ type: 'arrivals', arrivals: Object.fromEntries(arrivals), cpuMs: (cpu.user + cpu.system) / 1000 });
    arrivals = new Map();
  } else if (message.type === 'close') {
    for (const socket of sockets) socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
process.send({ type: 'ready' });
