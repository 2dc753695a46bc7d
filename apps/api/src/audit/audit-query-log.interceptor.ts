import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, from, switchMap } from 'rxjs';
import { AuthenticatedRequest } from '../access/current-principal.decorator';
import { AuditRuntime } from './audit-runtime';

interface AuditHttpRequest extends AuthenticatedRequest {
  method: string;
  originalUrl: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
}

/** Logs every audit request before it is answered, refused answers included. */
@Injectable()
export class AuditQueryLogInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuditHttpRequest>();
    const principal = request.principal;
    const entry = {
      askedAt: new Date(),
      principal: principal?.principal ?? 'anonymous',
      role: principal?.role ?? 'none',
      bodyId: principal?.bodyId ?? null,
      query: `${request.method} ${request.originalUrl.split('?')[0]}`,
      parameters: { ...request.params, ...request.query },
    };
    return from(this.audit.log.record(entry)).pipe(switchMap(() => next.handle()));
  }
}
