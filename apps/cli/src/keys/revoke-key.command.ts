import { AccessError } from '@ledger/access';
import { CliCommand, UsageError } from '../cli-command';

export const revokeKeyCommand: CliCommand = {
  path: ['keys', 'revoke'],
  usage: 'keys revoke <keyId>',
  async run({ positional }, { access, print }) {
    const [keyId] = positional;
    if (keyId === undefined) throw new UsageError('name the key to revoke: keys revoke <keyId>');
    try {
      const revoked = await access.revokeKey(keyId);
      print(
        `Revoked key ${revoked.keyId} (${revoked.principal}) as of ${revoked.revokedAt?.toISOString()}.`,
      );
    } catch (error) {
      if (error instanceof AccessError) throw new UsageError(error.message);
      throw error;
    }
  },
};
