/**
 * An offer sheet's PDF sent to the bot (issue 14 §4): dropped in the personal chat (while the
 * publish form is open) or attached to `offres`. It goes through the same guards as every
 * upload — its size while it downloads, then its type by content (`%PDF-`, whatever its name
 * says) — and waits an hour to be joined to the next sheet its sender saves. A refusal stores
 * nothing.
 */
import { DomainError, isFileError } from '../../domain/errors';
import type { Caller } from '../../domain/model';
import type { OfferDraft } from '../../domain/offer-records';
import { checkOfferPdf, offerFileName } from '../../files/offer-pdf';
import { format, fr } from '../../i18n/fr';
import { frOffers, frSize } from '../../i18n/fr-offers';
import type { Card } from '../cards/render';
import { downloadSentFile, sentFile, type SentFile } from '../edge/file-attachment';
import type { BotServices, CommandContext } from '../feature';
import { statusCard } from '../table/views';

const t = frOffers.ui;

/**
 * A file Teams declares as a PDF, dropped in the personal chat: an offer sheet's (checked by
 * content). Other files go on to the next handler (the national table's import).
 */
export async function droppedOfferPdf(ctx: CommandContext): Promise<Card | null> {
  const file = sentFile(ctx.activity);
  if (!file || file.type !== 'pdf') return null;
  if (ctx.activity.conversation.conversationType !== 'personal')
    throw new DomainError('E_OFFER_PERSONAL_ONLY');
  const received = await receivePdf(ctx.services, ctx.caller, file);
  return received.ok
    ? statusCard({
        title: t.pdfReceivedTitle,
        text: t.pdfReceived(received.draft.fileName, frSize(received.draft.fileSize)),
        color: 'Good',
      })
    : received.card;
}

export type Received = { ok: true; draft: OfferDraft } | { ok: false; card: Card };

/** Downloads, checks and keeps the PDF for the sender's next sheet; or the French refusal. */
export async function receivePdf(
  s: BotServices,
  caller: Caller,
  file: SentFile,
): Promise<Received> {
  const limit = s.config.uploads.offerSheet;
  const userId = caller.aadObjectId;
  // An outsider is refused before anything is downloaded.
  await s.offers.service.requirePublisher(caller);
  try {
    let content: Buffer;
    try {
      content = await downloadSentFile(file.url, limit, s.config.local);
    } catch (err) {
      if (isFileError(err))
        throw new DomainError('E_OFFER_PDF_TOO_LARGE', { bytes: limit.maxBytes });
      throw err;
    }
    checkOfferPdf(limit, content);
    const draft = await s.offers.service.receive(caller, {
      name: offerFileName(file.name),
      content,
    });
    s.logger.info({ draftId: draft.id, userId, bytes: content.length }, 'offer pdf received');
    return { ok: true, draft };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (!err.code.startsWith('E_OFFER_')) throw err;
    s.logger.warn({ code: err.code, userId, ...err.details }, 'offer pdf refused');
    const text = format(fr.errors[err.code], { max: frSize(limit.maxBytes) });
    return { ok: false, card: statusCard({ title: t.pdfRefused, text, color: 'Attention' }) };
  }
}
