/**
 * The one-page French PDF the auditor hands to the signatory (DESIGN.md §3 flow 5): the ML's
 * name, address, phone, opening hours and referent, the date, and the signatory's own name.
 * Nothing else: no n° CIR, no birth date, no DT-internal field. Drawn with pdfkit in DejaVu Sans
 * (from the dejavu-fonts-ttf package, never a host font) so that accents and Vietnamese names
 * render.
 */
import PDFDocument from 'pdfkit';

/** What the page shows; every text is already French and display-ready. */
export interface LiaisonPdfContent {
  /** The signatory's civilité, first name and name: what the person already knows. */
  signatory: string;
  /** The fiche's date, e.g. "6 décembre 2026". */
  date: string;
  mlName: string;
  address: string | null;
  phone: string | null;
  openingHours: string | null;
  referentName: string | null;
}

export interface LiaisonPdfTexts {
  title: string;
  subtitle: string;
  intro: string;
  beneficiary: string;
  date: string;
  ml: string;
  address: string;
  phone: string;
  hours: string;
  referent: string;
  notGiven: string;
  footer: string;
}

const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Renders the page; resolves with the PDF's bytes. */
export function renderLiaisonPdf(c: LiaisonPdfContent, t: LiaisonPdfTexts): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      // Metadata stays generic: a PDF's properties travel with the file.
      info: { Title: t.title, Producer: 'Passerelle CIR', Creator: 'Passerelle CIR' },
      lang: 'fr-FR',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', FONT);
    doc.registerFont('bold', FONT_BOLD);
    const width = doc.page.width - 112;
    // Long texts are cut so that the page never overflows to a second one.
    const fit = (v: string | null, max: number) =>
      v ? (v.length > max ? `${v.slice(0, max - 1)}…` : v) : t.notGiven;

    doc.font('bold').fontSize(20).text(t.title, { width });
    doc.font('body').fontSize(13).fillColor('#444444').text(t.subtitle, { width });
    doc.moveDown(1.2).fillColor('#000000').fontSize(11).text(t.intro, { width, align: 'left' });
    doc.moveDown(1.2);
    const row = (label: string, value: string) => {
      doc.font('bold').fontSize(11).text(label, { width });
      doc.font('body').fontSize(12).text(value, { width });
      doc.moveDown(0.6);
    };
    row(t.beneficiary, fit(c.signatory, 160));
    row(t.date, c.date);
    doc.moveDown(0.4);
    doc.font('bold').fontSize(14).text(fit(c.mlName, 120), { width });
    doc.moveDown(0.6);
    row(t.address, fit(c.address, 200));
    row(t.phone, fit(c.phone, 40));
    row(t.hours, fit(c.openingHours, 200));
    row(t.referent, fit(c.referentName, 120));
    doc
      .font('body')
      .fontSize(9)
      .fillColor('#555555')
      .text(t.footer, 56, doc.page.height - 90, { width, lineBreak: true });
    doc.end();
  });
}
