import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedPrincipal } from '@ledger/access';

/** Where the guard leaves the verified key for the handler. */
export interface AuthenticatedRequest {
  principal?: AuthenticatedPrincipal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal)
    throw new Error('CurrentPrincipal used on a route the API key guard does not protect');
  return principal;
});
