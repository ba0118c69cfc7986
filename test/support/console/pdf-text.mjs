// Reads a PDF from standard input and writes its pages' text items as JSON (see pdf-text.ts).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, useSystemFonts: false }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n += 1) {
  const page = await doc.getPage(n);
  const [, , , height] = page.view;
  const content = await page.getTextContent();
  const items = content.items
    .filter((item) => 'str' in item && item.str.trim() !== '')
    .map((item) => ({ text: item.str, fromTop: 1 - item.transform[5] / height }));
  pages.push({ items, text: items.map((item) => item.text).join(' ') });
}
process.stdout.write(JSON.stringify(pages));
