/** RFC 9457 Problem Details: the body of every error this API answers. */
export interface ProblemDetails {
  /** A URI reference naming the kind of problem; stable, so clients can branch on it. */
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are relative URIs under /problems, documented in the OpenAPI description. */
export function problemType(code: string): string {
  return `/problems/${code}`;
}
