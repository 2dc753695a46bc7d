import { closeYearCommand } from './audit/close-year.command';
import { replayCommand } from './audit/replay.command';
import { verifyCommand } from './audit/verify.command';
import { CliCommand } from './cli-command';
import { createKeyCommand } from './keys/create-key.command';
import { listKeysCommand } from './keys/list-keys.command';
import { revokeKeyCommand } from './keys/revoke-key.command';
import { rebuildCommand } from './reporting/rebuild.command';

/** Every command of the admin CLI; a new command is a file and a line here. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  createKeyCommand,
  revokeKeyCommand,
  listKeysCommand,
  verifyCommand,
  replayCommand,
  closeYearCommand,
  rebuildCommand,
];
