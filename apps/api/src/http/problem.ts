import { Problem, ProblemCode, ProblemFieldError, PROBLEM_STATUS, problemType } from '@muster/contracts';

const TITLES: Record<ProblemCode, string> = {
  'validation-failed': 'The request is not valid',
  'malformed-request': 'The request could not be read',
  unauthorized: 'Authentication is required',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflicting change',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'Unsupported media type',
  'rule-violated': 'The request breaks a rule',
  'idempotency-key-reused': 'The idempotency key was used for a different request',
  'too-many-requests': 'Too many requests',
  'internal-error': 'Something went wrong on our side',
  'service-unavailable': 'Temporarily unavailable',
};

export const problemTitle = (code: ProblemCode): string => TITLES[code];

export function problem(code: ProblemCode, detail: string, errors?: ProblemFieldError[], errorId?: string): Problem {
  return {
    type: problemType(code),
    title: TITLES[code],
    status: PROBLEM_STATUS[code],
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(errorId ? { errorId } : {}),
  };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
