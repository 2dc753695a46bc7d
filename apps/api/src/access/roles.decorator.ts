import { SetMetadata } from '@nestjs/common';
import { Role } from '@ledger/access';

export const ROLES_KEY = 'ledger:roles';
export const PUBLIC_KEY = 'ledger:public';

/** The roles (besides admin, who may do everything) allowed to call a route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without a key (health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
