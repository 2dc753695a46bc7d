import { AccessError, ROLES } from '@ledger/access';
import { initialPlanEvents, planFrom } from '@ledger/domain';
import { readPlan } from '../../../api/src/plan/plan.reader';
import { CliCommand, UsageError } from '../cli-command';

export const createKeyCommand: CliCommand = {
  path: ['keys', 'create'],
  usage: `keys create --role <${ROLES.join('|')}> [--body <bodyId>] [--name <principal>]`,
  async run({ options }, { eventStore, access, print }) {
    const { role, body, name } = options;
    if (role === undefined) throw new UsageError(`--role is required: one of ${ROLES.join(', ')}`);
    if (body !== undefined) {
      // Before the service's first start the plan is not recorded yet; it will be this one.
      const recorded = await readPlan(eventStore);
      const plan =
        Object.keys(recorded.bodies).length > 0 ? recorded : planFrom(initialPlanEvents());
      if (!Object.hasOwn(plan.bodies, body)) {
        throw new UsageError(
          `unknown body ${body}; the plan's bodies are: ${Object.keys(plan.bodies).join(', ')}`,
        );
      }
    }
    try {
      const created = await access.createKey({ role, bodyId: body, name });
      print(
        `Created ${created.role} key ${created.keyId} for principal ${created.principal}` +
          (created.bodyId ? `, recording for ${created.bodyId}` : '') +
          '.',
      );
      print('It is shown only this once; send it as "Authorization: Bearer <key>":');
      print(created.key);
    } catch (error) {
      if (error instanceof AccessError) throw new UsageError(error.message);
      throw error;
    }
  },
};
