import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { serverVersion } from '../bench-database';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  /** 1-minute load average when the run started: other work on the machine weighs on every figure. */
  loadAverageAtStart: number;
}

export async function describeMachine(): Promise<Machine> {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: await serverVersion(),
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function machineLine(machine: Machine): string {
  return `${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB memory, Node ${machine.node}, PostgreSQL ${machine.postgres} (local); load average ${machine.loadAverageAtStart} at the start`;
}
