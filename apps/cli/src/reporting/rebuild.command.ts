import { MetricTimelineProjection, openAuditDatabase } from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import {
  RebuildTarget,
  ReportingProjection,
  createReadModelDataSource,
  domainReportingEvents,
  formatRebuildProgress,
  rebuildProjections,
} from '@ledger/projections';
import { setFlagsFromString } from 'node:v8';
import { CliCommand, UsageError } from '../cli-command';
import { BuildInUseError, discardInterruptedBuild, interruptedBuilds } from './interrupted-builds';

/**
 * A rebuild holds a bounded window of the store (a few pages of events), but nearly all it
 * reads becomes garbage after a page or two, and V8 by default lets the old generation
 * grow to about four times what is live before collecting it: some 200 MB for the ~45 MB
 * a rebuild keeps. Growing by half instead keeps the process near what it holds, for a few
 * more (incremental) collections that cost no measurable rate.
 */
const REBUILD_HEAP_GROWING_PERCENT = 50;

/**
 * Builds every projection anew (the reporting read models and the audit's metric timeline),
 * together in one pass over the store, beside the active builds, which keep answering
 * queries; each switches to its new build once it has caught up. A line of progress per
 * batch. An interrupted rebuild is resumed from its checkpoint unless `--from-zero`
 * discards it.
 */
export const rebuildCommand: CliCommand = {
  path: ['rebuild'],
  usage: 'rebuild [--from-zero]',
  flags: ['from-zero'],
  async run({ positional, options }, { eventStore, databaseUrl, print }) {
    if (positional.length > 0) throw new UsageError(`unexpected ${positional.join(' ')}`);
    const unknown = Object.keys(options).filter((name) => name !== 'from-zero');
    if (unknown.length > 0) throw new UsageError(`unknown option --${unknown[0]}`);
    setFlagsFromString(`--heap-growing-percent=${REBUILD_HEAP_GROWING_PERCENT}`);
    const readModels = createReadModelDataSource(databaseUrl, 4);
    await readModels.initialize();
    // The audit tables' own migrations run before the timeline is rebuilt into them.
    const audit = await openAuditDatabase(databaseUrl).catch(async (error: unknown) => {
      await readModels.destroy();
      throw error;
    });
    const targets: RebuildTarget[] = [
      {
        projection: new ReportingProjection(METRICS, domainReportingEvents),
        dataSource: readModels,
      },
      { projection: new MetricTimelineProjection(METRICS), dataSource: audit.dataSource },
    ];
    try {
      for (const { projection, dataSource } of targets) {
        for (const build of await interruptedBuilds(dataSource, projection)) {
          if (options['from-zero'] === 'true') {
            await discardInterruptedBuild(dataSource, projection, build);
            print(
              `Discarded the interrupted build ${build.version} of ${projection.name} (it had reached position ${build.position})`,
            );
          } else {
            print(
              `Resuming the interrupted build ${build.version} of ${projection.name} from position ${build.position} (--from-zero starts over)`,
            );
          }
        }
      }
      const names = targets.map((target) => target.projection.name).join(' and ');
      print(`Rebuilding ${names} beside the active builds, which keep answering queries`);
      const versions = await rebuildProjections({ eventStore, targets }, (progress) =>
        print(formatRebuildProgress(progress)),
      );
      targets.forEach(({ projection }, i) =>
        print(`Build ${versions[i]} of ${projection.name} is now active`),
      );
    } catch (error) {
      if (error instanceof BuildInUseError) throw new UsageError(error.message);
      throw error;
    } finally {
      await audit.close();
      await readModels.destroy();
    }
  },
};
