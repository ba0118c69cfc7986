// The demo people's contact details (made up: example.gov.uk addresses, Ofcom's drama numbers 07700 900xxx)
// and rotas for the PPE cell and the regional level, so a fresh `npm start` shows who holds each level.
// Safe to rerun: a person already in the directory keeps the details they set, and a rota that has shifts
// to come is left as it is. The national level has no shift: its holder is the region file's national contact.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOUR = 60 * 60 * 1000;

/** Contact details by the development provider's subs (apps/dev-idp/src/people.ts). */
const CONTACTS = {
  'dev-cell-lead': {
    email: 'priya.shah@wmca.example.gov.uk',
    mobile: '+447700900001',
    preferences: { low: ['email'] },
  },
  'dev-cell-member': { email: 'tom.evans@wmca.example.gov.uk', mobile: '+447700900002' },
  'dev-authority-officer-sandwell': { email: 'jas.kaur@sandwell.example.gov.uk' },
  'dev-authority-officer': { email: 'grace.okafor@birmingham.example.gov.uk' },
  'dev-regional-coordinator': { email: 'sam.hughes@wmca.example.gov.uk', mobile: '+447700900005' },
  'dev-regional-coordinator-uncleared': { email: 'chris.lee@wmca.example.gov.uk', mobile: '+447700900006' },
  'dev-mayors-office': { email: 'alex.morgan@wmca.example.gov.uk' },
  'dev-admin': { email: 'dev.admin@wmca.example.gov.uk' },
};

/** Twelve-hour shifts from an hour ago: day and night, one person each. */
function shifts(now, day, night) {
  const at = (hours) => new Date(now + hours * HOUR).toISOString();
  return [
    { sub: day, from: at(-1), to: at(11) },
    { sub: night, from: at(11), to: at(23) },
  ];
}

async function call(apiUrl, token, method, route, body) {
  const response = await fetch(`${apiUrl}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

export async function loadDemoPeople({ apiUrl, adminToken, regionalToken, log = (m) => console.log(`[demo] ${m}`) }) {
  const { DEMO_PEOPLE } = createRequire(import.meta.url)(path.join(ROOT, 'dist/apps/dev-idp/src/people.js'));
  const listed = await call(apiUrl, adminToken, 'GET', '/people?limit=500');
  if (listed.status !== 200) throw new Error(`GET /people answered ${listed.status}`);
  const known = new Set(listed.body.items.map((p) => p.sub));
  let entered = 0;
  for (const person of DEMO_PEOPLE) {
    if (known.has(person.sub)) continue;
    const body = {
      name: person.name,
      roles: [person.role],
      ...(person.authority === undefined ? {} : { authority: person.authority }),
      cells: [...person.cells],
      clearance: person.clearance,
      ...(CONTACTS[person.sub] ?? {}),
    };
    const put = await call(apiUrl, adminToken, 'PUT', `/people/${encodeURIComponent(person.sub)}`, body);
    if (put.status !== 200) throw new Error(`PUT /people/${person.sub} answered ${put.status}`);
    entered += 1;
  }
  log(entered > 0 ? `${entered} demo people entered with contact details` : 'demo people already in the directory');

  const now = Date.now();
  const rotas = {
    regional: shifts(now, 'dev-regional-coordinator', 'dev-regional-coordinator-uncleared'),
    ppe: shifts(now, 'dev-cell-lead', 'dev-cell-member'),
  };
  for (const [scope, planned] of Object.entries(rotas)) {
    const current = await call(apiUrl, regionalToken, 'GET', `/rotas/${scope}`);
    if (current.status === 200 && current.body.shifts.length > 0) continue;
    const put = await call(apiUrl, regionalToken, 'PUT', `/rotas/${scope}`, { shifts: planned });
    if (put.status !== 200) throw new Error(`PUT /rotas/${scope} answered ${put.status}`);
    log(`rota for ${scope}: ${put.body.holder.name} holds it now`);
  }
}
