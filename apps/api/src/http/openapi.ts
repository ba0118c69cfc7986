import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import type { z } from 'zod';
import type { Config } from '@muster/config';
import { isRateLimited } from '../limits/rate-limit.hook';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.interceptor';
import { problemSchema } from './responses';

/*
 * The OpenAPI document, built from the controllers' decorators and zod schemas, then completed with what
 * every operation shares (written once here, not on each route): the problem responses, the
 * Idempotency-Key of every POST, and plain strings for the bodies that are not JSON.
 */

/** Every tag a controller uses, in the order the UI shows them. */
export const TAGS: ReadonlyArray<[string, string]> = [
  ['reference', 'The region’s authorities and cells.'],
  ['cells', 'Creating cells and standing crisis governance up or down.'],
  [
    'decision log',
    'Each cell’s append-only, hash-chained log of decisions, its verification and its export for an inquiry.',
  ],
  ['decision requests', 'Questions put to a cell with a deadline, answered by a logged decision.'],
  ['escalations', 'Escalations and their ladder: cell, regional, national.'],
  ['situation reports', 'Each authority’s daily figures for each cell.'],
  ['board', 'The common picture, now or as it stood at a journal position.'],
  ['feeds', 'The daily situation feed (JSON, printable HTML, Atom) and the weekly briefing.'],
  ['people', 'The people directory, contact details and rotas: who holds each level when.'],
  ['data protection', 'For administrators: the access audit and retention settings.'],
  ['problems', 'Pages that explain each problem `type`.'],
  ['operations', 'Health checks and metrics, outside `/api/v1`.'],
];

const DESCRIPTION = `Crisis coordination for a combined authority: cells, decision logs, escalations and live status
(contract v1). Live events travel over socket.io at \`/live\`, which this document does not describe.

Every route needs \`Authorization: Bearer <JWT>\` unless it says otherwise. Every refusal and failure is
\`application/problem+json\` (RFC 9457) whose \`type\` links to a page explaining it; a 400 names each bad
field in \`errors[].path\`. Every POST takes an \`Idempotency-Key\`.`;

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
const METHODS: readonly Method[] = ['get', 'put', 'post', 'delete', 'patch'];

const PROBLEM_RESPONSES: Record<number, [name: string, description: string]> = {
  400: [
    'BadRequest',
    'Bad input: a parameter, header or body field is malformed (each named in `errors[].path`), or the body is not JSON.',
  ],
  401: ['Unauthorized', 'No token, or one that is not valid here (the detail says why).'],
  403: ['Forbidden', 'The role or scope does not allow it.'],
  404: ['NotFound', 'It does not exist, or it is not the caller’s to know of.'],
  409: [
    'Conflict',
    'The change conflicts with the current state or with one made at the same moment; reload and try again.',
  ],
  413: ['PayloadTooLarge', 'The body is over the limit (HTTP_BODY_LIMIT_BYTES).'],
  415: ['UnsupportedMediaType', 'The body is not `application/json`.'],
  422: [
    'UnprocessableContent',
    'Well formed, but breaks a rule (named in `errors[].path`), or the Idempotency-Key was used with another request.',
  ],
  429: ['TooManyRequests', 'Over a rate limit; retry after `Retry-After` seconds.'],
  500: ['InternalError', 'Something failed on our side; `errorId` is the reference in the log.'],
  503: [
    'ServiceUnavailable',
    'PostgreSQL, Redis or the identity provider did not answer in time; retry after `Retry-After` seconds.',
  ],
};

const RETRY_AFTER = { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } };
const RESPONSE_HEADERS: Record<number, Record<string, unknown>> = {
  401: { 'WWW-Authenticate': { description: '`Bearer`', schema: { type: 'string' } } },
  429: { 'Retry-After': RETRY_AFTER },
  503: { 'Retry-After': RETRY_AFTER },
};

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
  description: [
    'Makes this POST safe to retry. A repeat by the same caller with the same key and body within 24 hours changes',
    'nothing and gets the first response again (with `Idempotent-Replayed: true`), if the caller may still see what it',
    'shows; the same key with another request is a 422 `idempotency-key-reused`. Keys are 1 to 255 visible ASCII',
    'characters, chosen by the client (a UUID does).',
    '',
    'PUT takes no key: it sets a resource to the state the request names (one authority’s sitrep for a day, a',
    'retention setting), so a repeat leaves that state as the first one left it. A repeated sitrep that says what the',
    'latest version says returns that version and writes nothing; a repeated retention setting is recorded again as',
    'set by its caller. DELETE (revoking a private feed URL) takes none either: a repeat finds nothing and answers 404.',
    'This API has no PATCH.',
  ].join('\n'),
};

const REPLAYED = {
  'Idempotent-Replayed': {
    description: '`true` when this is the stored first response to the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** The document as the running api (or the `openapi` command) serves it. */
export function openApiDocument(app: INestApplication, config: Config): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Muster')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addServer(config.http.publicUrl, 'This deployment (PUBLIC_URL)')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A JWT from the identity provider (development: `npm run token`).',
      },
      'bearer',
    )
    .addSecurityRequirements('bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (controller, method) => `${lowerFirst(controller.replace(/Controller$/, ''))}_${method}`,
  });
  return complete(document);
}

export function installOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

function complete(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ...componentSchemas(problemSchema) };
  components.parameters = { ...components.parameters, IdempotencyKey: IDEMPOTENCY_KEY };
  components.responses = { ...components.responses };
  for (const [status, [name, description]] of Object.entries(PROBLEM_RESPONSES)) {
    components.responses[name] = {
      description,
      headers: RESPONSE_HEADERS[Number(status)],
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    } as ResponseObject;
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation !== undefined) completeOperation(path, method, operation, components.schemas);
    }
  }
  nullInNullableEnums(document);
  return document;
}

/** OpenAPI 3.0.3: `nullable` does not widen an `enum`, so a nullable enum lists null among its values. */
function nullInNullableEnums(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const schema = node as { nullable?: boolean; enum?: unknown[] };
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  for (const child of Object.values(node)) nullInNullableEnums(child);
}

function completeOperation(
  path: string,
  method: Method,
  operation: OperationObject,
  schemas: Record<string, unknown>,
): void {
  const body = operation.requestBody;
  const bodySchema = body !== undefined && 'content' in body ? body.content['application/json']?.schema : undefined;
  // A body whose schema has a default may be left out (an acknowledgement without a note).
  if (body !== undefined && 'content' in body && hasDefault(bodySchema, schemas)) body.required = false;
  const parameters = (operation.parameters ?? []).filter((p): p is ParameterObject => !('$ref' in p));
  if (method === 'post') {
    const key: ReferenceObject = { $ref: '#/components/parameters/IdempotencyKey' };
    operation.parameters = [...(operation.parameters ?? []), key];
    for (const [status, response] of Object.entries(operation.responses)) {
      if (status.startsWith('2'))
        (response as ResponseObject).headers = { ...(response as ResponseObject).headers, ...REPLAYED };
    }
  }
  for (const response of Object.values(operation.responses) as ResponseObject[]) {
    for (const [mediaType, content] of Object.entries(response.content ?? {})) {
      // Pages, feeds and exports are text: only JSON bodies have a schema to show.
      if (!isJson(mediaType)) content.schema = { type: 'string' };
    }
  }
  for (const status of problemStatuses(path, method, operation, parameters)) {
    const [name] = PROBLEM_RESPONSES[status] ?? [];
    if (name !== undefined && operation.responses[status] === undefined)
      operation.responses[status] = { $ref: `#/components/responses/${name}` };
  }
}

/** Which problems an operation can answer with, from what it takes and who may call it. */
function problemStatuses(
  path: string,
  method: Method,
  operation: OperationObject,
  parameters: ParameterObject[],
): number[] {
  const secured = operation.security === undefined || operation.security.length > 0;
  const write = method === 'post' || method === 'put';
  const statuses = [500];
  if (parameters.length > 0 || write) statuses.push(400);
  if (secured) statuses.push(401, 403, 503);
  if (parameters.some((p) => p.in === 'path') || write) statuses.push(404);
  if (write) statuses.push(409, 413, 415, 422);
  if (isRateLimited(path)) statuses.push(429);
  return statuses.sort((a, b) => a - b);
}

function hasDefault(schema: unknown, schemas: Record<string, unknown>): boolean {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  const resolved = ref === undefined ? schema : schemas[ref.replace('#/components/schemas/', '')];
  return typeof resolved === 'object' && resolved !== null && 'default' in resolved;
}

function isJson(mediaType: string): boolean {
  return /^application\/([\w.-]+\+)?json$/.test(mediaType);
}

/** A zod schema's components as the document holds them (its `.meta({ id })` names them). */
function componentSchemas(schema: z.ZodType): Record<string, object> {
  const converted = schema['~standard'].jsonSchema.output({ target: 'openapi-3.0' }) as {
    definitions?: Record<string, object>;
  };
  const text = JSON.stringify(converted.definitions ?? {}).replaceAll('#/definitions/', '#/components/schemas/');
  return JSON.parse(text) as Record<string, object>;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
