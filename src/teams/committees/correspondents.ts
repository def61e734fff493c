/**
 * "Exporter la liste des correspondants" (issue 14 §7): the partnership's correspondent list for
 * its comité de pilotage as a protected, encrypted xlsx, delivered like the national table — the
 * file where it was asked (the channel's files through Graph, or a signed link), the password
 * to the requester's personal chat only. Any person of the partnership may ask: the list holds
 * the professional contacts that `/annuaire` already shows them, and the roadmap has the
 * partners exchange it. The JSON round trip of the directory stays with `annuaire export`.
 */
import { channelTarget, uploadToChannel } from '../table/delivery';
import type { CorrespondentRow } from '../../files/correspondents-table';
import type { ChannelTarget } from '../../files/channel-upload';
import type { Caller, PartnershipRecord } from '../../domain/model';
import { frCorrespondents } from '../../i18n/fr-correspondents';
import { fr, frDateTime } from '../../i18n/fr';
import { frDirectory } from '../../i18n/fr-directory';
import type { BotServices, VerbHandler } from '../feature';
import type { CommitteeRef } from '../verb-data';
import { conversationIdOf } from '../requests/notifier';
import { cardPlace, newId } from '../table/jobs';
import { passwordCard, statusCard } from '../table/views';
import { fileJobFailure } from '../table/failure';
import { DOWNLOAD_PATH, enqueueCard, type CardPlace } from '../table/wiring';
import { icsUrl } from './notifier';
import { committeeCard, committeeTitle, partnershipName } from './views';

const t = frCorrespondents.ui;

interface ListJob {
  id: string;
  caller: Caller;
  partnership: PartnershipRecord;
  partnershipName: string;
  place: CardPlace;
  personal: Record<string, unknown>;
  channel: ChannelTarget | null;
}

/** The verb: answers at once on the committee card, builds and delivers after the turn. */
export const exportCorrespondentList: VerbHandler<CommitteeRef> = async ({
  caller,
  data,
  activity,
  services,
}) => {
  // Refuses anyone outside the committee's partnership (E_COMMITTEE_NOT_FOUND).
  const { committee } = await services.committees.get(caller, data.committeeId);
  const ctx = await services.committees.planningContext(committee.partnershipId);
  const name = partnershipName(ctx.partnership, ctx.structures);
  const card = (message: string, headline = '') =>
    committeeCard(committee, {
      title: committeeTitle(committee),
      headline,
      message,
      structures: ctx.structures,
      partnershipName: name,
      icsUrl: icsUrl(services.config.publicUrl, committee),
    });
  // The password goes to the personal chat only: without one, nothing is built.
  const personal = await services.store.references.get('user', caller.aadObjectId);
  if (!personal) return card(fr.committees.ui.exportNoChat);
  const job: ListJob = {
    id: newId(),
    caller,
    partnership: ctx.partnership,
    partnershipName: name,
    place: await cardPlace(services, activity, null),
    personal,
    channel: channelTarget(activity),
  };
  services.tableau.background('correspondents', () => run(services, job));
  return card('', t.preparing);
};

/** The partnership's active people, with their structure's name and their role in French. */
async function rowsOf(s: BotServices, p: PartnershipRecord): Promise<CorrespondentRow[]> {
  const rows: CorrespondentRow[] = [];
  for (const id of [p.dtId, ...p.mlIds]) {
    const structure = await s.store.directory.getStructure(id);
    if (!structure) continue;
    for (const person of await s.store.directory.listCorrespondents(id)) {
      if (!person.active) continue;
      rows.push({
        structure: structure.name,
        name: person.name,
        role: frCorrespondents.roles[person.role] ?? frDirectory.roles[person.role] ?? person.role,
        email: person.email ?? '',
        phone: person.phone ?? '',
      });
    }
  }
  return rows;
}

async function run(s: BotServices, job: ListJob): Promise<void> {
  const tab = s.tableau;
  const log = { jobId: job.id, partnershipId: job.partnership.id, userId: job.caller.aadObjectId };
  try {
    const result = await tab.pool.exportCorrespondents(await rowsOf(s, job.partnership), {
      partnershipName: job.partnershipName,
      generatedAt: s.clock.now(),
      generatedBy: job.caller.name || job.caller.aadObjectId,
    });
    const uploaded = await uploadToChannel(s, job, result.fileName, result.file);
    const now = s.clock.now();
    const at = now.toISOString();
    const secretId = newId();
    const until = new Date(
      now.getTime() + tab.settings.passwordRevealMinutes * 60_000,
    ).toISOString();
    await s.store.transaction(async (tx) => {
      let card;
      if (uploaded) {
        card = statusCard({
          title: t.title,
          text: t.readyGraph(job.partnershipName, result.rowCount, uploaded.name),
          color: 'Good',
          notes: [fr.tableau.export.passwordInPersonalChat],
          url: uploaded.webUrl,
          urlTitle: fr.tableau.export.openFile,
        });
      } else {
        const fileId = newId();
        const { token, expiresAt } = tab.links.sign(fileId, now);
        await tx.tableFiles.saveFile({
          id: fileId,
          owner: job.caller.aadObjectId,
          structureId: job.caller.person?.structureId ?? job.partnership.dtId,
          conversationId: job.place.conversationId,
          fileName: result.fileName,
          content: result.file,
          createdAt: at,
          expiresAt: expiresAt.toISOString(),
          maxUses: tab.settings.downloadMaxUses,
        });
        card = statusCard({
          title: t.title,
          text: t.readyLink(
            job.partnershipName,
            result.rowCount,
            frDateTime(expiresAt.toISOString()),
            tab.settings.downloadMaxUses,
          ),
          color: 'Good',
          notes: [result.fileName, fr.tableau.export.passwordInPersonalChat],
          url: `${s.config.publicUrl}${DOWNLOAD_PATH}/${token}`,
          urlTitle: t.download,
        });
      }
      await tx.tableFiles.saveSecret({
        id: secretId,
        owner: job.caller.aadObjectId,
        fileName: result.fileName,
        sealed: tab.box.seal(secretId, result.password),
        createdAt: at,
        expiresAt: until,
      });
      await tx.audit.record({
        at,
        actor: job.caller.aadObjectId,
        action: 'correspondents.export',
        detail: `partnership=${job.partnership.id} people=${result.rowCount} delivery=${uploaded ? 'graph' : 'link'}`,
      });
      await enqueueCard(tx, job.place, card, t.title, at);
      await enqueueCard(
        tx,
        {
          conversationId: conversationIdOf(job.personal),
          activityId: null,
          reference: job.personal,
        },
        passwordCard({ secretId, fileName: result.fileName, until }),
        t.passwordTitle,
        at,
      );
    });
    s.logger.info(
      { ...log, people: result.rowCount, delivery: uploaded ? 'graph' : 'link' },
      'correspondent list exported',
    );
  } catch (err) {
    const reason = fileJobFailure(s.logger, log, err, 'correspondent list export failed');
    const at = s.clock.now().toISOString();
    await s.store.transaction((tx) =>
      enqueueCard(
        tx,
        job.place,
        statusCard({ title: t.title, text: t.failed(reason), color: 'Attention' }),
        t.title,
        at,
      ),
    );
  }
  s.wakeOutbox();
}
