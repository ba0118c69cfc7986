/** Stable problem codes shared by HTTP (problem+json `type`) and sockets. */
export const PROBLEM_STATUS = {
  'validation-failed': 400,
  'malformed-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rule-violated': 422,
  'idempotency-key-reused': 422,
  'too-many-requests': 429,
  'internal-error': 500,
  'service-unavailable': 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

export interface ProblemFieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details as Muster sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: ProblemFieldError[];
  errorId?: string;
}

export function problemType(code: ProblemCode): string {
  return `/problems/${code}`;
}
