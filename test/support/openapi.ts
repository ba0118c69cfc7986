import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The api's OpenAPI document, read from the running api (`/docs-json`), as the suites that cover every route
 * use it: to find the routes (so a new one without a test fails them), and to hold real responses to what
 * the document says of them (status, media type, JSON body).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Record<string, unknown>;
}

interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

interface Document {
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, Operation>>>;
  components: {
    schemas?: Record<string, unknown>;
    parameters?: Record<string, unknown>;
    responses?: Record<string, unknown>;
  };
}

export interface DocumentedOperation {
  /** `GET /api/v1/cells/{cell}`: the method and the path template as the document writes them. */
  key: string;
  method: HttpMethod;
  template: string;
  /** Path and query parameters (headers such as Idempotency-Key are not inputs a route names). */
  parameters: Parameter[];
  /** The members of its JSON request body, if it takes one. */
  bodyMembers: string[];
  /** Needs no token (`security: []`). */
  public: boolean;
}

export interface ResponseSeen {
  status: number;
  contentType: string;
  body: unknown;
}

export class ApiDescription {
  readonly operations: DocumentedOperation[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  private constructor(private readonly document: Document) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(document, 'openapi.json');
    this.operations = Object.entries(document.paths).flatMap(([template, item]) =>
      METHODS.flatMap((method) => {
        const operation = item[lower(method)];
        return operation === undefined ? [] : [this.describe(method, template, operation)];
      }),
    );
  }

  static async fetch(baseUrl: string): Promise<ApiDescription> {
    const response = await fetch(`${baseUrl}/docs-json`, { signal: AbortSignal.timeout(10_000) });
    if (response.status !== 200) throw new Error(`/docs-json answered ${response.status}`);
    return new ApiDescription((await response.json()) as Document);
  }

  /**
   * The operation a suite's route label names: `GET /cells/:cell/decisions (a note)` names the documented
   * `GET /api/v1/cells/{cell}/decisions` (paths are written as the contract does, relative to `/api/v1`,
   * or whole for those outside it); a query string and a note in brackets are ignored.
   */
  named(label: string): DocumentedOperation | undefined {
    const match = /^(GET|POST|PUT|PATCH|DELETE) (\/[^\s?]*)/.exec(label);
    if (match === null) throw new Error(`"${label}" does not start with a method and a path`);
    const [, method, path = ''] = match;
    const template = path.replace(/:(\w+)/g, '{$1}');
    const found = this.operations.filter(
      (o) => o.method === method && (o.template === template || o.template === `/api/v1${template}`),
    );
    if (found.length > 1) throw new Error(`"${label}" names ${found.length} operations`);
    return found[0];
  }

  /** The operation a request reaches: static segments win over parameters, as in the router. */
  reached(method: string, url: string): DocumentedOperation | undefined {
    const segments = (url.split('?')[0] ?? '').split('/');
    const candidates = this.operations.filter((o) => {
      const parts = o.template.split('/');
      return (
        o.method === method &&
        parts.length === segments.length &&
        parts.every((part, i) => /^\{\w+\}$/.test(part) || part === segments[i])
      );
    });
    const params = (o: DocumentedOperation) => (o.template.match(/\{/g) ?? []).length;
    return candidates.sort((a, b) => params(a) - params(b))[0];
  }

  /** What the document does not say of a response: its status, its media type, or its JSON body. */
  mismatches(method: string, url: string, seen: ResponseSeen): string[] {
    const operation = this.reached(method, url);
    if (operation === undefined) return [`${method} ${url}: no documented operation`];
    const at = `${operation.key} → ${seen.status}`;
    const pointer = `#/paths/${escape(operation.template)}/${lower(operation.method)}/responses/${seen.status}`;
    const declared = this.resolve(pointer);
    if (declared === undefined) return [`${at}: the document declares no ${seen.status}`];
    const [responsePointer, response] = declared as [string, { content?: Record<string, unknown> }];
    if (response.content === undefined) return [];
    const mediaType = seen.contentType.split(';')[0]?.trim() ?? '';
    if (!(mediaType in response.content))
      return [`${at}: ${mediaType || 'no content type'} is not among ${Object.keys(response.content).join(', ')}`];
    if (!/[/+]json$/.test(mediaType)) return [];
    const validate = this.validator(`${responsePointer}/content/${escape(mediaType)}/schema`);
    if (validate(seen.body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${at}: body${e.instancePath} ${e.message ?? 'is not valid'} ${JSON.stringify(e.params)}`,
    );
  }

  private describe(method: HttpMethod, template: string, operation: Operation): DocumentedOperation {
    const parameters = (operation.parameters ?? [])
      .map((p) => ('$ref' in p ? (this.resolve(p.$ref)?.[1] as Parameter) : p))
      .filter((p) => p.in === 'path' || p.in === 'query');
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema as
      { $ref?: string; properties?: object } | undefined;
    const body =
      bodySchema?.$ref === undefined ? bodySchema : (this.resolve(bodySchema.$ref)?.[1] as { properties?: object });
    return {
      key: `${method} ${template}`,
      method,
      template,
      parameters,
      bodyMembers: Object.keys(body?.properties ?? {}),
      public: Array.isArray(operation.security) && operation.security.length === 0,
    };
  }

  /** The value at a JSON pointer, following `$ref`s, and where it was found. */
  private resolve(pointer: string): [string, unknown] | undefined {
    let value: unknown = this.document;
    for (const token of pointer.replace(/^#\//, '').split('/')) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[token.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    const ref = (value as { $ref?: unknown } | undefined)?.$ref;
    return typeof ref === 'string' ? this.resolve(ref) : value === undefined ? undefined : [pointer, value];
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: `openapi.json${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }
}

/**
 * The documented operations a suite leaves out, and the labels it names that the api does not document:
 * each list must be empty. `labels` are route labels (`POST /cells/:cell/decisions (a note)`).
 */
export function coverage(
  description: ApiDescription,
  labels: readonly string[],
): { uncovered: string[]; undocumented: string[] } {
  const covered = new Set<string>();
  const undocumented: string[] = [];
  for (const label of labels) {
    const operation = description.named(label);
    if (operation === undefined) undocumented.push(label);
    else covered.add(operation.key);
  }
  return { uncovered: description.operations.filter((o) => !covered.has(o.key)).map((o) => o.key), undocumented };
}

function lower(method: HttpMethod): Lowercase<HttpMethod> {
  return method.toLowerCase() as Lowercase<HttpMethod>;
}

function escape(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
