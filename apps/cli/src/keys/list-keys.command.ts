import { CliCommand } from '../cli-command';

export const listKeysCommand: CliCommand = {
  path: ['keys', 'list'],
  usage: 'keys list',
  async run(_args, { access, print }) {
    const keys = await access.listKeys();
    if (keys.length === 0) print('No keys yet.');
    for (const key of keys) {
      const status = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
      print(
        [
          key.keyId,
          key.role,
          key.bodyId ?? '-',
          key.principal,
          `created ${key.createdAt.toISOString()}`,
          status,
        ].join('\t'),
      );
    }
  },
};
