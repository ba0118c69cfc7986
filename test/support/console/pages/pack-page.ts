import { pdfPages, type PdfPage } from '../pdf-text';
import { ConsolePage } from './console-page';

/** The printable decision-log pack (`/cells/:cell/pack`), and what Chromium prints of it. */
export class PackPage extends ConsolePage {
  async text(): Promise<string> {
    return this.page.locator('body').innerText();
  }

  /** Printed to PDF by Chromium (A4, as its Print command would), read back page by page. */
  async printedPages(): Promise<PdfPage[]> {
    return pdfPages(await this.page.pdf({ format: 'A4', preferCSSPageSize: true }));
  }
}
