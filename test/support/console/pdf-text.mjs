// Reads a PDF from standard input and writes its pages' text items as JSON (see pdf-text.ts): every item with
// where it sits, the text printed in the top and bottom page margins, and the whole text.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const MARGIN_PT = 20 * 2.835; // the printed pages' 20 mm margins, in points

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocument({
  data: new Uint8Array(Buffer.concat(chunks)),
  isEvalSupported: false,
  useSystemFonts: false,
}).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n += 1) {
  const page = await doc.getPage(n);
  const [, , , height] = page.view;
  const content = await page.getTextContent();
  const printed = content.items.filter((item) => 'str' in item && item.str.trim() !== '');
  const items = printed.map((item) => ({ text: item.str, fromTop: 1 - item.transform[5] / height }));
  pages.push({
    items,
    top: printed.filter((item) => item.transform[5] > height - MARGIN_PT).map((item) => item.str.trim()),
    bottom: printed.filter((item) => item.transform[5] < MARGIN_PT).map((item) => item.str.trim()),
    text: items.map((item) => item.text).join(' '),
  });
}
process.stdout.write(JSON.stringify(pages));
