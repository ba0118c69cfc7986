import { parseArgs } from 'node:util';
import { isRole, MARKINGS, Marking, Role } from '@muster/contracts';
import { loadDevelopmentSigning } from '@muster/config';
import { mintDevelopmentToken } from '../auth/development-token';

const usage = `Mints a development token (HS256 with AUTH_JWT_SECRET).

  npm run token -- --role cell-lead --cells ppe [--clearance OFFICIAL-SENSITIVE]
  npm run token -- --role authority-officer --authority E08000025
  npm run token -- --role regional-coordinator --name "Sam Coordinator" --expires 1h

Options: --role (repeatable), --cells a,b, --authority GSS, --clearance OFFICIAL|OFFICIAL-SENSITIVE,
         --name, --sub, --expires (default 8h)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      cells: { type: 'string' },
      authority: { type: 'string' },
      clearance: { type: 'string' },
      name: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.role?.length) {
    process.stdout.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const roles = values.role.flatMap((r) => r.split(','));
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) throw new Error(`unknown role(s): ${unknown.join(', ')}`);
  if (values.clearance !== undefined && !(MARKINGS as readonly string[]).includes(values.clearance)) {
    throw new Error(`--clearance must be one of ${MARKINGS.join(', ')}`);
  }
  const first = roles[0] as Role;
  const token = await mintDevelopmentToken(
    {
      sub: values.sub ?? `dev-${first}`,
      name: values.name ?? `Development ${first}`,
      roles: roles as Role[],
      authority: values.authority,
      cells: values.cells?.split(',').filter(Boolean),
      clearance: values.clearance as Marking | undefined,
    },
    loadDevelopmentSigning(),
    values.expires,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
