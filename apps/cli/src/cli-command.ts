import { AccessService } from '@ledger/access';
import { EventStore } from '@ledger/event-store';

/** What a command may use; opened once per run against the configured stores. */
export interface CliContext {
  eventStore: EventStore;
  access: AccessService;
  /** The read-model database (audit tables, read models), as `openStores` chose it. */
  databaseUrl: string;
  /** Lines for the user; the last one is what scripts read. */
  print(line: string): void;
}

export interface CliCommand {
  /** The words that select it, e.g. ['keys', 'create']. */
  readonly path: readonly string[];
  readonly usage: string;
  /** Options that take no value, e.g. `from-zero` for `--from-zero`. */
  readonly flags?: readonly string[];
  run(args: ParsedArgs, context: CliContext): Promise<void>;
}

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
}

/** Refusal of a command line, printed without a stack trace; exit code 2. */
export class UsageError extends Error {}

/** `--name value` and `--name=value`; the `flags` take no value and read as `'true'`. */
export function parseArgs(words: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      options[name] = 'true';
      continue;
    }
    const value = inline ?? words[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return { positional, options };
}
