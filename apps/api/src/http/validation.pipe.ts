import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { ProblemFieldError } from '@muster/contracts';
import { DomainError } from '@muster/domain';

/**
 * Validates every @Body/@Query/@Param that declares a `schema` (zod 4 through Nest's standard-schema
 * support) and refuses bad input as a 400 naming each field. A named parameter's errors carry its name.
 */
@Injectable()
export class SchemaValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const schema = (metadata as ArgumentMetadata & { schema?: StandardSchemaV1 }).schema;
    if (schema === undefined || metadata.type === 'custom') return value;
    const result = await schema['~standard'].validate(value);
    if (result.issues === undefined) return result.value;
    const errors: ProblemFieldError[] = result.issues.flatMap((issue) => fieldErrors(metadata, issue));
    const where = metadata.type === 'body' ? 'body' : metadata.type === 'query' ? 'query' : 'path';
    throw new DomainError(
      'validation-failed',
      `the request ${where} is not valid: ${errors.map((e) => `${e.path || where}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
}

function pathOf(metadata: ArgumentMetadata, path: StandardSchemaV1.Issue['path']): string {
  const segments = (path ?? []).map((s) => String(typeof s === 'object' ? s.key : s));
  if (metadata.data !== undefined && metadata.type !== 'body') segments.unshift(metadata.data);
  return segments.join('.');
}

/** zod reports unknown fields once, on their parent, with their names in `keys`: name each field instead. */
function fieldErrors(metadata: ArgumentMetadata, issue: StandardSchemaV1.Issue): ProblemFieldError[] {
  const { code, keys } = issue as StandardSchemaV1.Issue & { code?: unknown; keys?: unknown };
  if (code === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
    return keys.map((key) => ({
      path: pathOf(metadata, [...(issue.path ?? []), String(key)]),
      message: 'is not a known field',
    }));
  }
  return [{ path: pathOf(metadata, issue.path), message: issue.message }];
}
