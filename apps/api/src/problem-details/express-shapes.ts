/**
 * The few members of Express's request and response this app touches; `@types/express`
 * is not a dependency, and these keep the compiler honest without it.
 */
export interface HttpRequest {
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  type(contentType: string): HttpResponse;
  send(body: string): HttpResponse;
  setHeader(name: string, value: string): void;
}

export type NextFunction = (error?: unknown) => void;
