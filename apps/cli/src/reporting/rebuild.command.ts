import { METRICS } from '@ledger/domain';
import {
  ReportingProjection,
  createReadModelDataSource,
  domainReportingEvents,
  formatRebuildProgress,
  rebuildProjection,
} from '@ledger/projections';
import { CliCommand, UsageError } from '../cli-command';
import { BuildInUseError, discardInterruptedBuild, interruptedBuilds } from './interrupted-builds';

/**
 * Builds the reporting projection anew beside the active build, which keeps answering
 * queries, and switches to it once it has caught up; a line of progress per batch. An
 * interrupted rebuild is resumed from its checkpoint unless `--from-zero` discards it.
 */
export const rebuildCommand: CliCommand = {
  path: ['rebuild'],
  usage: 'rebuild [--from-zero]',
  flags: ['from-zero'],
  async run({ positional, options }, { eventStore, databaseUrl, print }) {
    if (positional.length > 0) throw new UsageError(`unexpected ${positional.join(' ')}`);
    const unknown = Object.keys(options).filter((name) => name !== 'from-zero');
    if (unknown.length > 0) throw new UsageError(`unknown option --${unknown[0]}`);
    const projection = new ReportingProjection(METRICS, domainReportingEvents);
    const dataSource = createReadModelDataSource(databaseUrl, 4);
    await dataSource.initialize();
    try {
      for (const build of await interruptedBuilds(dataSource, projection)) {
        if (options['from-zero'] === 'true') {
          await discardInterruptedBuild(dataSource, projection, build);
          print(
            `Discarded the interrupted build ${build.version} (it had reached position ${build.position})`,
          );
        } else {
          print(
            `Resuming the interrupted build ${build.version} from position ${build.position} (--from-zero starts over)`,
          );
        }
      }
      print(`Rebuilding ${projection.name} beside the active build, which keeps answering queries`);
      const version = await rebuildProjection({ dataSource, eventStore, projection }, (progress) =>
        print(formatRebuildProgress(progress)),
      );
      print(`Build ${version} is now active`);
    } catch (error) {
      if (error instanceof BuildInUseError) throw new UsageError(error.message);
      throw error;
    } finally {
      await dataSource.destroy();
    }
  },
};
