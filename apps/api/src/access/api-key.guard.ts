import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessService, Role, roleGrants } from '@ledger/access';
import { HttpRequest } from '../problem-details/express-shapes';
import { MissingOrInvalidKeyRefusal, RoleNotAllowedRefusal } from './access.refusals';
import { AuthenticatedRequest } from './current-principal.decorator';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Global: every route needs a valid key unless marked `@Public()`, and a route without
 * `@Roles()` is open to admins only, so a forgotten decorator fails closed.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<HttpRequest & AuthenticatedRequest>();
    const header = request.headers.authorization;
    const presented = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    const principal = presented === undefined ? null : await this.access.authenticate(presented);
    if (!principal) throw new MissingOrInvalidKeyRefusal();

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!roleGrants(principal.role, allowed))
      throw new RoleNotAllowedRefusal(principal.role, allowed);
    request.principal = principal;
    return true;
  }
}
