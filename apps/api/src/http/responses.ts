import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { MARKINGS, PROBLEM_STATUS, type Problem, type ProblemCode } from '@muster/contracts';

/*
 * What responses are made of, as zod schemas the OpenAPI document is built from (output mode: an object's
 * JSON Schema then refuses members it does not name). `@Returns` holds each handler to its schema.
 */

/** An instant as the api writes it: ISO 8601 with its offset (UTC, `Z`, from `toISOString`). */
export const instant = z.iso.datetime({ offset: true });
/** A reporting day, YYYY-MM-DD in the region's time zone. */
export const day = z.iso.date();
export const markingOf = z.enum(MARKINGS);
export const recorder = z
  .strictObject({ sub: z.string(), name: z.string() })
  .meta({ id: 'Recorder', description: 'Who did it: the token’s subject and name at the time.' });
/** Steps the ladder and the worker take by themselves are the system's. */
export const actor = z.union([recorder, z.literal('system')]);
export const count = z.number().int().min(0);

const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as [ProblemCode, ...ProblemCode[]];

/** RFC 9457 problem details, as every refusal and failure is sent (`application/problem+json`). */
export const problemSchema = z
  .strictObject({
    type: z.string().meta({ description: 'A URI reference (`/problems/<code>`) to a page that explains the problem.' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES).meta({ description: 'The stable problem code, the same over HTTP and sockets.' }),
    errors: z
      .array(
        z.strictObject({
          path: z
            .string()
            .meta({ description: 'The field, parameter or header at fault (`options.0.chosen`, `Idempotency-Key`).' }),
          message: z.string(),
        }),
      )
      .optional(),
    errorId: z.string().optional().meta({ description: 'On a 500 only: the reference of the error in the api’s log.' }),
  })
  .meta({ id: 'Problem' });

/** What the problem filter sends, held to the schema the document shows. */
export type ProblemBody = z.output<typeof problemSchema>;
export const asProblemBody = (problem: Problem): ProblemBody => problem;

type Handler<T> = (...args: never[]) => Promise<T> | T;

/**
 * Documents a JSON success response by its zod schema, and holds the handler to it: a handler whose result
 * does not fit the schema does not compile. `orText` lets it answer text instead (a page for `Accept: text/html`).
 */
export function Returns<S extends z.ZodType, Text extends boolean = false>(
  status: 200 | 201,
  schema: S,
  description: string,
  _options?: { orText: Text },
) {
  const document = applyDecorators(ApiResponse({ status, description, standardSchema: schema }));
  return (
    target: object,
    key: string | symbol,
    descriptor: { value?: Handler<z.output<S> | (Text extends true ? string : never)> },
  ): void => {
    document(target, key, descriptor as TypedPropertyDescriptor<unknown>);
  };
}
