import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** One printed page: the text in its top and bottom margins, and all of its text. */
export interface PrintedPage {
  top: string[];
  bottom: string[];
  text: string;
}

/** A PDF's pages as pdfjs-dist reads them (in a child Node process: pdfjs-dist is an ES module). */
export async function pdfPages(pdf: Uint8Array): Promise<PrintedPage[]> {
  const dir = await mkdtemp(join(tmpdir(), 'muster-pdf-'));
  try {
    const file = join(dir, 'printed.pdf');
    await writeFile(file, pdf);
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-pages.mjs'), file], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as PrintedPage[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
