import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** A printed page's text items, with where each sits: `fromTop` 0 at the top edge to 1 at the bottom. */
export interface PdfPage {
  items: Array<{ text: string; fromTop: number }>;
  /** What is printed in the page's top and bottom 20 mm margins (where a marking goes). */
  top: string[];
  bottom: string[];
  text: string;
}

/**
 * Reads a PDF's text page by page with pdf.js, in a child process: pdfjs-dist is an ES module, which
 * Jest's CommonJS registry cannot load.
 */
export async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const run = promisify(execFile);
  const child = run(process.execPath, [require.resolve('./pdf-text.mjs')], { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin?.end(pdf);
  const { stdout } = await child;
  return JSON.parse(stdout) as PdfPage[];
}
