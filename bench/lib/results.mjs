import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './processes.mjs';

/** The committed results file every scenario writes its runs into. */
export const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'RESULTS.md');

const HEADER = `# Benchmark results

Written by \`npm run bench\`: each scenario keeps its runs under its own heading, newest first. Figures from
a busy or different machine are not comparable; the ratio to the bare primitive measured in the same run is.
`;

/**
 * Puts \`entry\` at the top of the \`## <scenario>\` section of the results file (creating the file or the
 * section), keeping earlier runs below it.
 */
export function recordResult(file, scenario, entry) {
  let text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const heading = `## ${scenario}`;
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.trim() === heading);
  const block = `${entry.trim()}\n`;
  if (at === -1) {
    text = `${text.trimEnd()}\n\n${heading}\n\n${block}`;
  } else {
    lines.splice(at + 1, 0, '', block.trimEnd());
    text = lines.join('\n').replace(/\n{3,}/g, '\n\n');
  }
  writeFileSync(file, `${text.trimEnd()}\n`);
}

/** Records a scenario's run in RESULTS_FILE; returns the path relative to the working directory, for the log. */
export function recordScenario(scenario, entry) {
  recordResult(RESULTS_FILE, scenario, entry);
  return path.relative(process.cwd(), RESULTS_FILE);
}
