// The console's progressive enhancement. Every page works without it; with it, GOV.UK Frontend's
// components start, and a part of a page marked `data-live-fragment` follows the /live socket: on an
// event for one of its topics (and, if it says so, its cell, kinds of event and item) it fetches the same
// address with `muster-fragment: <name>`, swaps the answer in without a reload (keeping what the person was
// typing), and says what changed in the page's `#live-status` (aria-live).
// No inline script anywhere: the page's policy allows only files from this origin.
const version = new URL(import.meta.url).search;

const EVENT_WORDS = {
  'sitrep.submitted': 'a situation report was submitted',
  'escalation.raised': 'an escalation was raised',
  'escalation.acknowledged': 'an escalation was acknowledged',
  'escalation.escalated': 'an escalation went up a level',
  'escalation.overdue': 'an escalation became overdue',
  'escalation.resolved': 'an escalation was resolved',
  'escalation.updated': 'an escalation was updated',
  'escalation.withdrawn': 'an escalation was withdrawn',
  'escalation.update-overdue': 'an escalation’s promised update is overdue',
  'decision.logged': 'a decision was logged',
  'decision.amended': 'a decision was amended',
  'decision-request.opened': 'a decision was requested',
  'decision-request.decided': 'a decision request was answered',
  'decision-request.overdue': 'a decision request became overdue',
  'cell.activated': 'a cell was stood up',
  'cell.stood-down': 'a cell was stood down',
  'cell.returned-to-standby': 'a cell returned to standby',
  'action.created': 'an action was added',
  'action.updated': 'an action was updated',
  'action.overdue': 'an action became overdue',
  'feed.published': 'the daily report was published',
};
/** Events that arrive together are one update: one fetch, one announcement. */
const SETTLE_MS = 150;

async function start() {
  const { initAll } = await import(`/assets/govuk-frontend.min.js${version}`);
  initAll();
  const parts = [...document.querySelectorAll('[data-live-fragment]')];
  if (parts.length > 0) await followLive(parts);
}

async function followLive(parts) {
  const { io } = await import(`/assets/socket.io.esm.min.js${version}`);
  // Same origin: the browser sends the session cookie with the handshake; no token in the page.
  const socket = io('/live', { transports: ['websocket'], withCredentials: true });
  const topics = [...new Set(parts.flatMap((part) => part.dataset.liveTopics.split(' ')))];
  let after;
  socket.on('connect', () => {
    socket.emit('subscribe', after === undefined ? { topics } : { topics, after }, () => {
      // Said on the page, for people's tools and tests alike: from here on, changes arrive.
      document.documentElement.dataset.live = 'subscribed';
    });
  });
  socket.on('disconnect', () => {
    document.documentElement.dataset.live = 'disconnected';
  });
  socket.on('session-expired', () => window.location.reload());
  socket.on('connect_error', (error) => {
    if (error && error.message === 'unauthorized') window.location.reload();
  });
  socket.on('resync', () => refresh(parts, []));
  const pending = [];
  let timer;
  socket.on('event', (event) => {
    after = Math.max(after ?? 0, event.seq);
    pending.push(event);
    clearTimeout(timer);
    timer = setTimeout(() => refresh(parts, pending.splice(0)), SETTLE_MS);
  });
}

/** Whether an event is about what a part shows: its cell, its kinds of event (`data-live-types`, prefixes), its item (`data-live-id`). */
function concerns(part, event) {
  const { liveCell: cell, liveTypes: types, liveId: id } = part.dataset;
  if (cell && event.cell !== undefined && event.cell !== cell) return false;
  if (types && !types.split(' ').some((prefix) => event.type.startsWith(prefix))) return false;
  return !id || (event.data !== null && typeof event.data === 'object' && event.data.id === id);
}

async function refresh(parts, events) {
  for (const part of parts) {
    const relevant = events.filter((event) => concerns(part, event));
    if (events.length > 0 && relevant.length === 0) continue;
    const response = await fetch(window.location.href, {
      headers: { 'muster-fragment': part.dataset.liveFragment },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (response.status === 401) return window.location.reload();
    if (!response.ok) continue;
    const holder = document.createElement('div');
    holder.innerHTML = await response.text();
    const fresh = holder.firstElementChild;
    if (fresh === null) continue;
    const focused = keepTyping(part, fresh);
    part.replaceWith(fresh);
    parts[parts.indexOf(part)] = fresh;
    if (focused !== undefined) document.getElementById(focused)?.focus();
    announce(fresh.dataset.liveLabel ?? 'This page', relevant);
  }
}

/**
 * What a person was typing in a part survives its swap (fields matched by id), and so does where they
 * were: an update must not take their words or their place. Returns the focused field's id, if any.
 */
function keepTyping(part, fresh) {
  for (const field of part.querySelectorAll('textarea[id], input[type="text"][id]')) {
    const twin = fresh.querySelector(`#${CSS.escape(field.id)}`);
    if (twin !== null && field.value !== field.defaultValue) twin.value = field.value;
  }
  const focused = document.activeElement;
  return focused !== null && focused.id !== '' && part.contains(focused) ? focused.id : undefined;
}

/** A GOV.UK notification banner in the live region: read out politely, focus left where it was. */
function announce(label, events) {
  const status = document.getElementById('live-status');
  if (status === null) return;
  const words = [...new Set(events.map((event) => EVENT_WORDS[event.type] ?? 'something changed'))];
  const time = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const banner = document.createElement('div');
  banner.className = 'govuk-notification-banner';
  banner.setAttribute('role', 'region');
  banner.setAttribute('aria-labelledby', 'live-status-title');
  const header = document.createElement('div');
  header.className = 'govuk-notification-banner__header';
  const title = document.createElement('h2');
  title.className = 'govuk-notification-banner__title';
  title.id = 'live-status-title';
  title.textContent = 'Updated';
  header.append(title);
  const content = document.createElement('div');
  content.className = 'govuk-notification-banner__content';
  const text = document.createElement('p');
  text.className = 'govuk-notification-banner__heading';
  text.textContent = `${label} changed at ${time}: ${words.length > 0 ? words.join('; ') : 'it was brought up to date'}.`;
  content.append(text);
  banner.append(header, content);
  status.replaceChildren(banner);
}

start().catch((error) => console.error('console.js:', error));
