#!/usr/bin/env node
// A handful of realistic decisions in the PPE cell's log, and the region's situation reports (see
// demo-situation.mjs), so a fresh `npm start` has something to look at.
// Safe to rerun: decisions already in the log (by title) are skipped, and each POST carries a stable
// Idempotency-Key.
//
//   node scripts/demo-data.mjs             (API_URL default http://127.0.0.1:$PORT, token minted from AUTH_JWT_SECRET)
import { SignJWT } from 'jose';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDemoPeople } from './demo-people.mjs';
import { loadDemoSituation } from './demo-situation.mjs';

const CELL = 'ppe';
const BIRMINGHAM = 'E08000025';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function decisions(now) {
  const decidedAt = new Date(now - 60_000).toISOString();
  const at = (ms) => new Date(now + ms).toISOString();
  return [
    {
      key: 'demo-ppe-ffp3-release-v1',
      title: 'Release FFP3 masks from the regional hub to Birmingham care homes',
      decision:
        'Release 20,000 FFP3 masks from the regional PPE hub to Birmingham City Council for onward issue to care homes.',
      rationale:
        'Birmingham reports 1.5 days of FFP3 supply against a 3-day red threshold; the national portal delivery is not due for 5 days.',
      informationAvailable:
        'Sitrep figures from Birmingham for today; hub stock count of 64,000 FFP3 masks; portal order tracking.',
      risks: 'Hub stock falls to about 6 days for the region; another authority may turn red before resupply.',
      powersAndPolicy: 'Regional PPE mutual-aid protocol, section 3 (releases under 25,000 units by the cell lead).',
      options: [
        {
          option: 'Release 20,000 from the regional hub now',
          chosen: true,
          notes: 'Covers Birmingham until the portal delivery lands.',
        },
        {
          option: 'Wait for the national portal delivery',
          chosen: false,
          notes: 'Leaves care homes without FFP3 for up to 3 days.',
        },
        { option: 'Ask Solihull for mutual aid', chosen: false, notes: 'Solihull holds only 4 days of supply itself.' },
      ],
      actions: [
        {
          action: 'Book the courier from the hub to the Birmingham distribution centre',
          owner: 'Regional PPE hub manager',
          due: at(6 * HOUR),
        },
        { action: 'Confirm receipt and update the sitrep', owner: 'Birmingham PPE lead', due: at(DAY) },
      ],
      reviewBy: at(3 * DAY),
      marking: 'OFFICIAL',
    },
    {
      key: 'demo-ppe-gowns-second-supplier-v1',
      title: 'Block-book a second supplier for fluid-resistant gowns',
      decision: 'Block-book 150,000 fluid-resistant gowns from a second supplier on a four-week call-off contract.',
      rationale: 'The main supplier missed two deliveries running; gown stock is amber in four authorities.',
      informationAvailable:
        'Supplier delivery record; procurement quote (commercial in confidence); authorities\u2019 gown figures.',
      risks: 'Price is 18% above the framework rate; the supplier is new to the region.',
      powersAndPolicy:
        'Urgent procurement under the combined authority\u2019s emergency procedure, regulation 32(2)(c).',
      options: [
        { option: 'Block-book from the second supplier', chosen: true },
        { option: 'Stay with the main supplier and chase', chosen: false, notes: 'Two missed deliveries in a row.' },
      ],
      actions: [{ action: 'Issue the call-off order', owner: 'Combined authority procurement', due: at(DAY) }],
      reviewBy: at(7 * DAY),
      marking: 'OFFICIAL-SENSITIVE',
    },
    {
      key: 'demo-ppe-red-threshold-v1',
      title: 'Adopt 3 days of supply as the red threshold for every PPE item',
      decision:
        'Rate an authority red for an item when it holds under 3 days of supply, amber under 7, green otherwise.',
      rationale:
        'Authorities were rating stock against different thresholds, so the regional picture was not comparable.',
      informationAvailable:
        'Current local thresholds from the seven authorities; national guidance on PPE stock levels.',
      risks: 'Authorities with fast resupply may look worse than they are.',
      powersAndPolicy: 'Terms of reference of the PPE cell: common reporting standards.',
      options: [
        { option: '3 / 7 days for every item', chosen: true },
        {
          option: 'Item-specific thresholds',
          chosen: false,
          notes: 'Harder to explain on the board; revisit in a month.',
        },
      ],
      actions: [
        { action: 'Update the sitrep guidance note and circulate', owner: 'PPE cell secretariat', due: at(2 * DAY) },
      ],
      reviewBy: at(30 * DAY),
      marking: 'OFFICIAL',
    },
    {
      key: 'demo-ppe-domiciliary-priority-v1',
      title: 'Prioritise domiciliary care providers for IIR masks this week',
      decision: 'Issue this week\u2019s IIR mask allocation to domiciliary care providers first, then day centres.',
      rationale: 'Domiciliary carers visit several homes a day and report the lowest stock of any provider group.',
      informationAvailable: 'Provider survey returns (312 of 410); this week\u2019s IIR allocation of 400,000 masks.',
      options: [
        { option: 'Domiciliary care first', chosen: true },
        { option: 'Pro-rata by provider headcount', chosen: false },
      ],
      actions: [{ action: 'Publish the allocation list to providers', owner: 'Birmingham PPE lead', due: at(DAY) }],
      reviewBy: at(7 * DAY),
      marking: 'OFFICIAL',
    },
    {
      key: 'demo-ppe-glove-offer-v1',
      title: 'Decline an unverified offer of 500,000 nitrile gloves',
      decision: 'Decline the offer until the supplier provides test certificates and a sample batch passes inspection.',
      rationale: 'No CE marking evidence; two similar offers elsewhere in the country turned out to be counterfeit.',
      informationAvailable: 'The offer letter and price list; trading standards alert of last week.',
      risks: 'Glove stock is green now, so the cost of waiting is low.',
      options: [
        { option: 'Decline pending certificates and a sample', chosen: true },
        { option: 'Accept with payment on delivery', chosen: false, notes: 'Quality risk falls on care homes.' },
      ],
      reviewBy: at(14 * DAY),
      marking: 'OFFICIAL-SENSITIVE',
    },
  ].map(({ key, ...body }) => ({ key, body: { ...body, decidedAt, authorities: [BIRMINGHAM] } }));
}

async function loggedTitles(apiUrl, headers) {
  const titles = new Set();
  let after;
  for (let page = 0; page < 50; page++) {
    const query = new URLSearchParams({ limit: '100', ...(after === undefined ? {} : { after: String(after) }) });
    const response = await fetch(`${apiUrl}/api/v1/cells/${CELL}/decisions?${query}`, { headers });
    if (!response.ok) return titles;
    const body = await response.json();
    const items = Array.isArray(body) ? body : (body.items ?? body.data ?? body.entries ?? []);
    for (const item of items) if (typeof item?.title === 'string') titles.add(item.title);
    const last = items.at(-1);
    if (items.length < 100 || typeof last?.sequence !== 'number') return titles;
    after = last.sequence;
  }
  return titles;
}

/** Logs the demo decisions that are not in the PPE log yet; returns how many it added. */
export async function loadDemoData({ apiUrl, token, adminToken, log = (m) => console.log(`[demo] ${m}`) }) {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  const existing = await loggedTitles(apiUrl, headers);
  let added = 0;
  for (const { key, body } of decisions(Date.now())) {
    if (existing.has(body.title)) continue;
    const response = await fetch(`${apiUrl}/api/v1/cells/${CELL}/decisions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status === 201 || response.status === 200) {
      added += 1;
      log(`logged "${body.title}"`);
    } else if (response.status === 409 || response.status === 422) {
      log(`skipped "${body.title}" (${response.status}: probably already logged with this key)`);
    } else {
      throw new Error(`POST /api/v1/cells/${CELL}/decisions answered ${response.status}: ${text.slice(0, 500)}`);
    }
  }
  log(added > 0 ? `${added} demo decisions logged in the ${CELL} cell` : `demo decisions already in the ${CELL} cell`);
  await loadDemoSituation({ apiUrl, token, log });
  // Contact details and rotas need an administrator to enter the demo people (npm start passes one).
  if (adminToken !== undefined) await loadDemoPeople({ apiUrl, adminToken, regionalToken: token, log });
  return added;
}

export async function regionalToken(secret, expiresIn = '1h') {
  return new SignJWT({ name: 'Demo Data Loader', roles: ['regional-coordinator'], clearance: 'OFFICIAL-SENSITIVE' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('dev-demo-loader')
    .setAudience('muster')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) {
    console.error('[demo] set AUTH_JWT_SECRET (the api\u2019s secret) to mint a regional coordinator token');
    process.exit(1);
  }
  try {
    await loadDemoData({ apiUrl, token: await regionalToken(secret) });
  } catch (error) {
    console.error(`[demo] ${error.message}`);
    process.exit(1);
  }
}
