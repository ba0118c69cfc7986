#!/usr/bin/env node
// The bare primitive of the live-push and memory scenarios: a socket.io server (the version Muster runs)
// on @socket.io/redis-streams-adapter, with nothing of Muster's. Two of them on one Redis make the bare
// pair. Clients connect to /live and send `subscribe` { topics } (joined as rooms, acknowledged);
// `POST /emit?room=<room>` with a JSON body emits it as `event` to that room across both servers.
//
//   node bench/bare-socket-server.mjs <port> <redis url> <stream key>
import http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const [port, redisUrl, streamName] = process.argv.slice(2);
const redis = new Redis(redisUrl);
const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'POST' || url.pathname !== '/emit') {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    io.of('/live')
      .to(url.searchParams.get('room') ?? 'region')
      .emit('event', JSON.parse(Buffer.concat(chunks).toString('utf8')));
    response.writeHead(204).end();
  });
});
const io = new Server(server, { transports: ['websocket'], adapter: createAdapter(redis, { streamName }) });
io.of('/live').on('connection', (socket) => {
  socket.on('subscribe', (payload, ack) => {
    const topics = Array.isArray(payload?.topics) ? payload.topics.filter((t) => typeof t === 'string') : [];
    void socket.join(topics);
    if (typeof ack === 'function') ack({ subscribed: topics, refused: [], replayed: 0 });
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log(`bare socket.io listening on ${port}`));
process.on('SIGTERM', () => {
  io.close();
  redis.disconnect();
  process.exit(0);
});
