import { cpus, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';
import { serverVersion } from '../bench-database';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
}

export async function describeMachine(): Promise<Machine> {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: await serverVersion(),
  };
}

export function machineLine(machine: Machine): string {
  return `${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB memory, Node ${machine.node}, PostgreSQL ${machine.postgres} (local)`;
}
