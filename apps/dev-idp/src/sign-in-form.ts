import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MARKINGS, ROLES } from '@muster/contracts';
import type { Person } from './people';

export const SIGN_IN_FIELDS = ['name', 'role', 'authority', 'cells', 'clearance'] as const;
export type SignInField = (typeof SIGN_IN_FIELDS)[number];

/** The form as posted (strings, for showing back beside the errors). */
export type SignInValues = Record<SignInField, string>;
export type SignInErrors = Partial<Record<SignInField, string>>;

export type SignInResult = { ok: true; person: Person } | { ok: false; errors: SignInErrors };

export const NO_AUTHORITY = 'none';
export const MAX_NAME_LENGTH = 200;
const MAX_CELLS = 50;
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole purpose
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const GSS_CODE = /^[EWSN]\d{8}$/;
const CELL_SLUG = /^[a-z][a-z0-9-]{0,62}$/;

const name = z
  .string()
  .transform((value) => value.trim())
  .refine((value) => value.length > 0, 'Enter a name')
  .refine((value) => !LONE_SURROGATE.test(value), 'Name must be well-formed text')
  .refine((value) => !CONTROL.test(value), 'Name must not contain control characters, such as NUL or a line break')
  .refine(
    (value) => Array.from(value).length <= MAX_NAME_LENGTH,
    `Name must be ${MAX_NAME_LENGTH} characters or fewer`,
  );

const authority = z
  .string()
  .transform((value) => value.trim())
  .refine((value) => value === '' || value === NO_AUTHORITY || GSS_CODE.test(value), 'Choose an authority, or None')
  .transform((value) => (value === '' || value === NO_AUTHORITY ? undefined : value));

const cells = z
  .string()
  .transform((value) => [
    ...new Set(
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ])
  .superRefine((slugs, ctx) => {
    const bad = slugs.find((slug) => !CELL_SLUG.test(slug));
    if (bad !== undefined) {
      const shown = Array.from(bad).slice(0, 40).join('');
      ctx.addIssue({
        code: 'custom',
        message: `Cells must be slugs separated by commas, such as ppe, food: \u201c${shown}\u201d is not one`,
      });
    } else if (slugs.length > MAX_CELLS) {
      ctx.addIssue({ code: 'custom', message: `Enter at most ${MAX_CELLS} cells` });
    }
  });

const form = z
  .object({
    name,
    role: z.enum(ROLES, { error: 'Choose a role' }),
    authority,
    cells,
    clearance: z.enum(MARKINGS, { error: 'Choose a clearance' }),
  })
  .superRefine((value, ctx) => {
    if (value.role === 'authority-officer' && value.authority === undefined) {
      ctx.addIssue({ code: 'custom', path: ['authority'], message: 'Choose the authority this officer works for' });
    }
  });

/** The posted fields; a missing one reads as empty, a repeated one by its first value. */
export function readSignInForm(body: URLSearchParams): SignInValues {
  return Object.fromEntries(SIGN_IN_FIELDS.map((field) => [field, body.get(field) ?? ''])) as SignInValues;
}

/** Validates the form into a person, or an error message per field. */
export function parseSignIn(values: SignInValues): SignInResult {
  const parsed = form.safeParse(values);
  if (!parsed.success) {
    const errors: SignInErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isField(field) && errors[field] === undefined) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  return {
    ok: true,
    person: {
      sub: subForName(v.name),
      name: v.name,
      role: v.role,
      ...(v.authority === undefined ? {} : { authority: v.authority }),
      cells: v.cells,
      clearance: v.clearance,
    },
  };
}

/**
 * The same name (ignoring case and spacing) is the same person on every sign-in. The hash keeps names
 * that read alike apart, and a typed-in "Cell Lead" apart from the demo person whose sub is dev-cell-lead.
 */
export function subForName(personName: string): string {
  const key = personName.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const slug = key
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return `dev-${slug || 'person'}-${hash}`;
}

function isField(value: unknown): value is SignInField {
  return typeof value === 'string' && (SIGN_IN_FIELDS as readonly string[]).includes(value);
}
