import { stdSerializers } from 'pino';

/**
 * What a log line may say about an error, a request and a response. Logs must never hold marked content,
 * tokens or stored bodies, and a driver's error carries all three: TypeORM's QueryFailedError has the
 * query's `parameters`, PostgreSQL's `detail`, `where` and `hint` quote the failing row, and Redis's reply
 * errors carry the command's arguments. So fields are allowed, never denied: a new field stays out until
 * someone decides it is safe.
 */

/** Fields that name where and why, never what: SQLSTATE and the objects involved, socket errors' endpoints. */
const ERROR_FIELDS = [
  'code',
  'severity',
  'table',
  'column',
  'constraint',
  'schema',
  'dataType',
  'routine',
  'errno',
  'syscall',
  'address',
  'port',
  'status',
  'statusCode',
] as const;

/** Words PostgreSQL puts before an object's quoted name: the name is the operator's clue, not a value. */
const NAMED_OBJECT =
  /\b(relation|constraint|column|table|index|schema|type|function|sequence|trigger|view|database|role|extension|encoding|operator|domain|collation|cursor|statement|savepoint)\s+$/i;

/** Query-string parameters that carry credentials (the dashboard's `token`, feed URLs' `key`, OIDC's `code`). */
const CREDENTIAL_PARAMS =
  /^(token|key|access_token|id_token|refresh_token|code|state|secret|password|api[-_]?key|sig|signature)$/i;

/** Request headers worth a log line; the rest (authorization, cookie, ...) never reach it. */
const REQUEST_HEADERS = ['host', 'user-agent', 'accept', 'content-type', 'content-length', 'origin'] as const;

export const REDACTED = '[redacted]';

/** The longest query text kept: enough to recognise the statement. */
const QUERY_LIMIT = 2_000;

type Serialized = Record<string, unknown>;

/**
 * Replaces every double-quoted value in a message with `[redacted]`, keeping quoted object names
 * (`relation "escalation"`): PostgreSQL quotes input it could not take (`invalid input syntax for type
 * uuid: "…"`, `value "…" is out of range`) and JSON.parse quotes the text it choked on.
 */
export function withoutValues(text: string): string {
  // A quote left open (a message cut short) hides everything after it.
  const open = (text.match(/"/g) ?? []).length % 2 === 1 ? text.lastIndexOf('"') : text.length;
  const closed = text
    .slice(0, open)
    .replace(/"(?:[^"]|"")*"/g, (quoted, offset: number) =>
      NAMED_OBJECT.test(text.slice(Math.max(0, offset - 40), offset)) ? quoted : `"${REDACTED}"`,
    )
    .replace(/: (0x[0-9a-f]{2}\b ?)+/gi, `: ${REDACTED}`);
  return open < text.length ? `${closed}"${REDACTED}` : closed;
}

/**
 * A statement's text with every literal replaced by `?`, or nothing when its quoting cannot be followed
 * to the end (an unclosed literal would otherwise leave its value in the text).
 */
export function withoutLiterals(sql: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const dollar = sql[i] === '$' ? /^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i)) : null;
    if (sql[i] === "'") {
      // E'...' strings take backslash escapes; standard strings only double their quotes.
      const escapes = /(^|\W)[Ee]$/.test(sql.slice(Math.max(0, i - 2), i));
      const end = literalEnd(sql, i + 1, escapes);
      if (end === undefined) return undefined;
      out = `${escapes ? out.slice(0, -1) : out}?`;
      i = end + 1;
    } else if (dollar !== null) {
      const end = sql.indexOf(dollar[0], i + dollar[0].length);
      if (end < 0) return undefined;
      out += '?';
      i = end + dollar[0].length;
    } else {
      out += sql.charAt(i);
      i += 1;
    }
  }
  return out.length > QUERY_LIMIT ? `${out.slice(0, QUERY_LIMIT)}…` : out;
}

/** Where the literal opened before `from` closes, or undefined when it never does. */
function literalEnd(sql: string, from: number, escapes: boolean): number | undefined {
  for (let j = from; j < sql.length; j++) {
    if (escapes && sql[j] === '\\') j += 1;
    else if (sql[j] === "'" && sql[j + 1] === "'") j += 1;
    else if (sql[j] === "'") return j;
  }
  return undefined;
}

const isRecord = (value: unknown): value is Serialized => typeof value === 'object' && value !== null;
const isPlain = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** pino's `err` serializer: type, message and stack without values, the fields in ERROR_FIELDS, and nothing else. */
export function safeError(error: unknown): unknown {
  const e: unknown = error instanceof Error ? stdSerializers.err(error) : error;
  if (typeof e === 'string') return withoutValues(e);
  if (!isRecord(e)) return e;
  const safe: Serialized = {};
  if (typeof e['type'] === 'string') safe['type'] = e['type'];
  if (typeof e['message'] === 'string') safe['message'] = withoutValues(e['message']);
  if (typeof e['stack'] === 'string') safe['stack'] = withoutValues(e['stack']);
  for (const field of ERROR_FIELDS) {
    if (isPlain(e[field])) safe[field] = e[field];
  }
  if (typeof e['query'] === 'string') {
    const query = withoutLiterals(e['query']);
    if (query !== undefined) safe['query'] = query;
  }
  // ioredis: the command's name only; its arguments are the data written.
  const command = isRecord(e['command']) ? e['command']['name'] : undefined;
  if (typeof command === 'string') safe['command'] = command;
  if (Array.isArray(e['aggregateErrors'])) safe['aggregateErrors'] = e['aggregateErrors'].map(safeError);
  return safe;
}

/** A URL with the values of credential parameters replaced (names decoded first: `%74oken` is `token`). */
export function withoutCredentials(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = [...new URLSearchParams(url.slice(at + 1))];
  if (!params.some(([name]) => CREDENTIAL_PARAMS.test(name))) return url;
  const query = params
    .map(
      ([name, value]) =>
        `${encodeURIComponent(name)}=${CREDENTIAL_PARAMS.test(name) ? REDACTED : encodeURIComponent(value)}`,
    )
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

/** pino's `req` serializer (after pino-http's): no credentials in the URL, no authorization or cookie header. */
export function safeRequest(request: unknown): unknown {
  if (!isRecord(request)) return request;
  const headers = isRecord(request['headers']) ? request['headers'] : {};
  const kept: Serialized = {};
  for (const name of REQUEST_HEADERS) {
    if (typeof headers[name] === 'string') kept[name] = headers[name];
  }
  return {
    id: request['id'],
    method: request['method'],
    url: typeof request['url'] === 'string' ? withoutCredentials(request['url']) : undefined,
    headers: kept,
    remoteAddress: request['remoteAddress'],
    remotePort: request['remotePort'],
  };
}

/** pino's `res` serializer: the status only (its headers may set a session cookie). */
export function safeResponse(response: unknown): unknown {
  return isRecord(response) ? { statusCode: response['statusCode'] } : response;
}
