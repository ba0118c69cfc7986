// Reads a PDF (its path the first argument) with pdfjs-dist and prints each page's text as JSON: what is
// printed in the top and bottom margins (by position) and the whole text. A script of its own because
// pdfjs-dist is an ES module that Jest's CommonJS registry cannot load (see test/support/pdf.ts).
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const MARGIN_PT = 20 * 2.835; // the reports' 20 mm page margins, in points

const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), useSystemFonts: false }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const { height } = page.getViewport({ scale: 1 });
  const items = (await page.getTextContent()).items.filter((item) => 'str' in item && item.str.trim() !== '');
  pages.push({
    top: items.filter((item) => item.transform[5] > height - MARGIN_PT).map((item) => item.str.trim()),
    bottom: items.filter((item) => item.transform[5] < MARGIN_PT).map((item) => item.str.trim()),
    text: items.map((item) => item.str).join(' '),
  });
}
process.stdout.write(JSON.stringify(pages));
