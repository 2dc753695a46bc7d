import { Refusal } from '../problem-details/refusal';

export class MissingOrInvalidKeyRefusal extends Refusal {
  readonly kind = 'unauthenticated';
  readonly code = 'unauthenticated';
  readonly title = 'API key missing or not valid';

  constructor() {
    super('Send a valid, unrevoked API key as "Authorization: Bearer kl_…".');
  }

  override headers(): Record<string, string> {
    return { 'WWW-Authenticate': 'Bearer realm="kochi-kpi-ledger"' };
  }
}

export class RoleNotAllowedRefusal extends Refusal {
  readonly kind = 'forbidden';
  readonly code = 'role-not-allowed';
  readonly title = 'Role not allowed';

  constructor(role: string, allowed: readonly string[]) {
    super(
      `A key with role ${role} may not do this; it needs one of: ${[...allowed, 'admin'].join(', ')}.`,
    );
  }
}

export class BodyNotAllowedRefusal extends Refusal {
  readonly kind = 'forbidden';
  readonly code = 'body-not-allowed';
  readonly title = 'Body not allowed';

  constructor(
    keyBodyId: string,
    readonly events: readonly { index: number; id: unknown; bodyId: string }[],
  ) {
    super(
      `This key records for ${keyBodyId} only; ${events.length === 1 ? 'one event names' : `${events.length} events name`} another body.`,
    );
  }

  override extensions(): Record<string, unknown> {
    return {
      errors: this.events.map((event) => ({
        ...event,
        field: 'data.bodyId',
        reason: 'is not the body of this key',
      })),
    };
  }
}
