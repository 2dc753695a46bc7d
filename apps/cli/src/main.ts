import 'reflect-metadata';
import { AccessService } from '@ledger/access';
import { openStores } from '@ledger/event-store';
import { migrateReadModels } from '@ledger/projections';
import { createLedgerDataSource } from '../../api/src/database/ledger-data-source';
import { CliCommand, UsageError, parseArgs } from './cli-command';
import { CLI_COMMANDS } from './cli-commands';

/**
 * The admin CLI: works on the stores the environment configures, whether the service is
 * running or not (in embedded mode it then connects to the service's database).
 */
async function main(words: string[]): Promise<number> {
  const command = CLI_COMMANDS.find((candidate) =>
    candidate.path.every((word, i) => words[i] === word),
  );
  if (!command) {
    console.error(
      `Usage: npm run cli -- <command>\n${CLI_COMMANDS.map((c) => `  ${c.usage}`).join('\n')}`,
    );
    return 2;
  }
  const args = parseArgs(words.slice(command.path.length), command.flags);
  return run(command, args);
}

async function run(command: CliCommand, args: ReturnType<typeof parseArgs>): Promise<number> {
  const stores = await openStores(process.env);
  const dataSource = createLedgerDataSource(stores.databaseUrl);
  try {
    await dataSource.initialize();
    await migrateReadModels(dataSource);
    await command.run(args, {
      eventStore: stores.eventStore,
      access: new AccessService(dataSource),
      databaseUrl: stores.databaseUrl,
      print: (line) => console.log(line),
    });
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\nUsage: npm run cli -- ${command.usage}`);
    return 2;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stores.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
