// Demo situation reports for yesterday and today, one open escalation, and yesterday's daily feed, so a
// fresh `npm start` shows a populated board and feed. Sitreps are PUTs of a version (rerunning adds a
// version with the same figures, which changes nothing on the board).
const AUTHORITIES = ['E08000025', 'E08000026', 'E08000027', 'E08000028', 'E08000029', 'E08000030', 'E08000031'];
/** Wolverhampton stays silent today, so the board shows a stale authority after the cut-off. */
const SILENT_TODAY = 'E08000031';

const londonDate = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(date);

/** Plausible figures per cell, varied by authority and day without randomness. */
function figuresFor(cell, index, dayOffset) {
  const n = (base, spread) => Math.max(0, Math.round(base + ((index * 37 + dayOffset * 11) % spread) - spread / 2));
  switch (cell) {
    case 'homelessness':
      return {
        sleeping_rough: n(18, 20),
        in_emergency_accommodation: n(140, 60),
        engaged_with_support: n(90, 40),
        moved_on: n(6, 8),
        bed_spaces_free: n(25, 30),
      };
    case 'food':
      return {
        hubs_open: 1 + (index % 2),
        parcels_delivered: n(420, 200),
        households_supported: n(900, 300),
        requests_outstanding: n(150, 200),
        volunteers_deployed: n(60, 50),
      };
    case 'ppe':
      return {
        ffp3_masks_stock: n(40000, 20000),
        ffp3_masks_days: index === 3 ? 2 : n(8, 6),
        gloves_stock: n(200000, 80000),
        gloves_days: n(12, 8),
        gowns_days: n(6, 6),
        requests_outstanding: n(12, 10),
      };
    default:
      return {
        people_shielding: n(24000, 6000),
        contacted: n(21000, 5000),
        not_reached: n(900, 1600),
        doorstep_visits: n(120, 80),
        food_requests: n(300, 150),
        medicine_requests: n(80, 60),
      };
  }
}

export async function loadDemoSituation({ apiUrl, token, log }) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
  const today = londonDate(new Date());
  const yesterday = londonDate(new Date(Date.now() - 24 * 60 * 60 * 1000));
  let submitted = 0;
  for (const [offset, date] of [
    [-1, yesterday],
    [0, today],
  ]) {
    for (const cell of ['homelessness', 'food', 'ppe', 'shielding']) {
      for (const [index, authority] of AUTHORITIES.entries()) {
        if (offset === 0 && authority === SILENT_TODAY) continue;
        const response = await fetch(`${apiUrl}/api/v1/cells/${cell}/sitreps/${authority}/${date}`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ figures: figuresFor(cell, index, offset) }),
        });
        if (!response.ok)
          throw new Error(
            `PUT sitrep ${cell}/${authority}/${date} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
          );
        submitted += 1;
      }
    }
  }
  log(`${submitted} demo situation reports for ${yesterday} and ${today}`);

  const escalation = await fetch(`${apiUrl}/api/v1/escalations`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': 'demo-escalation-sandwell-ffp3-v1' },
    body: JSON.stringify({
      authority: 'E08000028',
      cell: 'ppe',
      title: 'Sandwell care homes below two days of FFP3 masks',
      detail: 'Three care homes report outbreaks; FFP3 stock covers 2 days at current use.',
      severity: 'high',
      ask: 'Release from the regional hub or mutual aid from a neighbouring authority.',
      marking: 'OFFICIAL',
    }),
  });
  if (escalation.ok) log('one demo escalation open for Sandwell');
  else log(`the demo escalation was not raised: ${escalation.status} ${(await escalation.text()).slice(0, 200)}`);

  // No body, so no content type: an empty body declared as JSON is refused as bad input.
  const feed = await fetch(`${apiUrl}/api/v1/feeds/daily/${yesterday}`, {
    method: 'POST',
    headers: {
      authorization: headers.authorization,
      accept: headers.accept,
      'idempotency-key': `demo-feed-${yesterday}-v1`,
    },
  });
  if (feed.ok) log(`daily situation feed for ${yesterday} generated`);
  else log(`the daily feed for ${yesterday} was not generated: ${feed.status} ${(await feed.text()).slice(0, 200)}`);
}
