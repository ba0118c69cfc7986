import os from 'node:os';

/** What the figures were measured on. */
export function machine() {
  const cpus = os.cpus();
  return {
    host: os.hostname(),
    cores: cpus.length,
    cpu: cpus[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

/** 1-minute load average, to one decimal. */
export function load1() {
  return Math.round(os.loadavg()[0] * 10) / 10;
}
