import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { loadOfflineConfig } from '@muster/config';
import { AppModule } from '../app.module';
import { openApiDocument } from './openapi';

/** The document as `/docs-json` serves it, built as the `openapi` command builds it: nothing connects. */
async function build(publicUrl: string): Promise<OpenAPIObject> {
  const config = loadOfflineConfig({ PUBLIC_URL: publicUrl });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as classes and documents plain objects
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    abortOnError: false,
    logger: false,
  });
  return openApiDocument(app, config);
}

type Entry = { key: string; method: string; operation: OperationObject };

function operations(document: OpenAPIObject): Entry[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) => {
      const operation = item[method];
      return operation === undefined ? [] : [{ key: `${method.toUpperCase()} ${path}`, method, operation }];
    }),
  );
}

const isRef = (value: unknown): value is ReferenceObject =>
  typeof value === 'object' && value !== null && '$ref' in value;

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  let all: Entry[];

  beforeAll(async () => {
    document = await build('https://muster.example.gov.uk');
    all = operations(document);
  });

  it('describes every route, its server from PUBLIC_URL and bearer tokens by default', () => {
    expect(all.length).toBeGreaterThanOrEqual(36);
    expect(document.servers?.map((s) => s.url)).toEqual(['https://muster.example.gov.uk']);
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives every operation a summary, a declared tag and a success response with its content (a 204 has none by definition)', () => {
    const tags = new Set((document.tags ?? []).map((t) => t.name));
    const lacking = all.flatMap(({ key, operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      return [
        ...(operation.summary ? [] : [`${key}: no summary`]),
        ...((operation.tags ?? []).length > 0 && (operation.tags ?? []).every((t) => tags.has(t))
          ? []
          : [`${key}: tags ${String(operation.tags)}`]),
        ...(success.length === 1 &&
        (success[0]?.[0] === '204' || Object.keys((success[0]?.[1] as ResponseObject).content ?? {}).length > 0)
          ? []
          : [`${key}: no single 2xx with content`]),
      ];
    });
    expect(lacking).toEqual([]);
  });

  it('answers every refusal and failure with the one Problem (health’s 503 aside, which is its readiness)', () => {
    const refs = all.flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400 && key !== 'GET /health/ready')
        .map(
          ([status, response]) =>
            [
              `${key} ${status}`,
              isRef(response) ? response.$ref.replace(/^#\/components\/responses\/\w+$/, 'problem') : 'inline',
            ] as const,
        ),
    );
    expect(refs.filter(([, ref]) => ref !== 'problem')).toEqual([]);
    for (const response of Object.values(document.components?.responses ?? {})) {
      expect((response as ResponseObject).content).toEqual({
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      });
    }
    const secured = all.filter(({ operation }) => operation.security === undefined);
    expect(
      secured
        .filter(({ operation }) => !('401' in operation.responses && '403' in operation.responses))
        .map((e) => e.key),
    ).toEqual([]);
  });

  it('takes an Idempotency-Key on every POST and on nothing else, and says why', () => {
    const takes = (operation: OperationObject) =>
      (operation.parameters ?? []).some((p) => isRef(p) && p.$ref === '#/components/parameters/IdempotencyKey');
    expect(all.filter(({ method, operation }) => takes(operation) !== (method === 'post')).map((e) => e.key)).toEqual(
      [],
    );
    const key = document.components?.parameters?.IdempotencyKey as ParameterObject;
    expect({ name: key.name, in: key.in, required: key.required }).toEqual({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
    });
    expect(key.description).toMatch(/PUT takes no key/);
  });

  it('shows the bodies that are not JSON as text of their media types', () => {
    const produced = (key: string) => {
      const operation = all.find((e) => e.key === key)?.operation;
      const ok = operation?.responses['200'] as ResponseObject | undefined;
      return Object.fromEntries(
        Object.entries(ok?.content ?? {}).map(([type, media]) => [
          type,
          isRef(media.schema) ? 'ref' : media.schema?.type,
        ]),
      );
    };
    expect({
      feed: produced('GET /api/v1/feeds/daily/{date}'),
      atom: produced('GET /api/v1/feeds/daily.atom'),
      export: produced('GET /api/v1/cells/{cell}/decisions/export'),
      audit: produced('GET /api/v1/admin/access-audit'),
      problem: produced('GET /problems/{code}'),
      metrics: produced('GET /metrics'),
    }).toEqual({
      feed: { 'application/json': 'ref', 'text/html': 'string' },
      atom: { 'application/atom+xml': 'string' },
      export: { 'application/jsonl': 'string', 'text/csv': 'string' },
      audit: { 'application/jsonl': 'string', 'text/csv': 'string' },
      problem: { 'text/html': 'string' },
      metrics: { 'text/plain': 'string' },
    });
  });

  it('marks the routes that need no token as such, and only those', () => {
    expect(all.filter(({ operation }) => operation.security?.length === 0).map((e) => e.key)).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'GET /metrics',
      'GET /problems/{code}',
    ]);
  });
});
