/**
 * The directory file round trip (issue 3 §6): export in the DESIGN.md §1 format, and import of
 * such a file entry by entry through the same checks as the admin cards, so that a file cannot
 * do what a card may not. Import is idempotent; each rejected entry is reported with its reason.
 */
import { parseDirectoryFile, type DirectoryFile } from './directory';
import type { DirectoryAdmin, Saved } from './directory-admin';
import { DomainError } from './errors';
import type { Caller, Clock, StructureRecord } from './model';
import type { Store } from '../storage/store';
import { CONTACT_FIELDS, type StructureContact } from './liaison';

const SECTIONS = ['structures', 'correspondents', 'partnerships'] as const;
type Section = (typeof SECTIONS)[number];

/** Why an entry was refused: a field error code (French at the edge) or the file check's text. */
export interface Rejection {
  /** Where in the file, e.g. "correspondents.3". */
  path: string;
  /** The entry's id or name, to find it in the file. */
  label: string;
  problems: { field?: string; code?: string; text?: string }[];
}

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Set when the file as a whole is not a directory file: nothing was imported. */
  fileProblems: string[];
}

const fileStructure = (s: StructureRecord) => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  departements: s.departements,
  ...(s.tenantId ? { tenantId: s.tenantId } : {}),
});

/** A structure's contact details as directory file fields (absent when not given). */
const contactFileFields = (c: StructureContact | undefined) =>
  Object.fromEntries(
    CONTACT_FIELDS.filter((f) => c?.[f]).map((f) => [f, c?.[f] as string]),
  ) as Partial<Record<(typeof CONTACT_FIELDS)[number], string>>;

const labelOf = (entry: unknown): string => {
  const e = (entry ?? {}) as Record<string, unknown>;
  return String(e.id ?? e.name ?? e.aadObjectId ?? '');
};

export class DirectoryTransfer {
  constructor(private readonly deps: { store: Store; clock: Clock; admin: DirectoryAdmin }) {}

  /** The admin's part of the directory (all of it for a global admin), as a directory file. */
  async exportFile(caller: Caller): Promise<DirectoryFile> {
    const scope = await this.deps.admin.scope(caller);
    const repo = this.deps.store.directory;
    const inScope = (id: string) => scope.all || scope.structureIds.has(id);
    const file: DirectoryFile = {
      structures: await Promise.all(
        (await this.deps.store.directory.listStructures())
          .filter((s) => inScope(s.id))
          .sort((a, b) => a.id.localeCompare(b.id))
          .map(async (s) => ({
            ...fileStructure(s),
            ...contactFileFields(await this.deps.store.structureContacts.get(s.id)),
          })),
      ),
      correspondents: (await repo.allCorrespondents())
        .filter((c) => c.active && inScope(c.structureId))
        .sort(
          (a, b) =>
            a.structureId.localeCompare(b.structureId) ||
            a.name.localeCompare(b.name) ||
            a.aadObjectId.localeCompare(b.aadObjectId),
        )
        .map((c) => ({
          aadObjectId: c.aadObjectId,
          structureId: c.structureId,
          role: c.role,
          name: c.name,
          ...(c.email ? { email: c.email } : {}),
          ...(c.phone ? { phone: c.phone } : {}),
        })),
      partnerships: (await repo.allPartnerships())
        .filter((p) => scope.all || scope.partnershipIds.has(p.id))
        .map((p) => ({
          id: p.id,
          dtId: p.dtId,
          mlIds: p.mlIds,
          ...(p.name ? { name: p.name } : {}),
          ...(p.ddetsId ? { ddetsId: p.ddetsId } : {}),
        })),
    };
    await this.deps.store.transaction(async (tx) => {
      await tx.directory.addEvent({
        at: this.deps.clock.now().toISOString(),
        actor: caller.aadObjectId,
        action: 'directory.export',
        targetKind: 'directory',
        targetId: 'export',
        structureId: scope.ownStructureId,
        fields: [],
      });
    });
    return file;
  }

  /** Imports a parsed JSON value; entries already as in the directory change nothing. */
  async importFile(caller: Caller, raw: unknown): Promise<ImportReport> {
    const scope = await this.deps.admin.scope(caller);
    const report: ImportReport = {
      added: 0,
      updated: 0,
      unchanged: 0,
      rejected: [],
      fileProblems: [],
    };
    const checked = await this.check(raw, report);
    if (!checked) return report;
    const count = (path: string, label: string, saved: Saved<unknown>) => {
      if (saved.ok)
        report[saved.created ? 'added' : saved.changed.length ? 'updated' : 'unchanged']++;
      else {
        const problems = [
          ...Object.entries(saved.fieldErrors).map(([field, code]) => ({ field, code })),
          ...saved.unknownFields.map((field) => ({ field, code: 'E_FIELD_INVALID' })),
        ];
        report.rejected.push({ path, label, problems });
      }
    };
    const attempt = async (path: string, label: string, save: () => Promise<Saved<unknown>>) => {
      try {
        count(path, label, await save());
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        report.rejected.push({ path, label, problems: [{ code: err.code }] });
      }
    };
    const { admin, store } = this.deps;
    for (const [i, s] of checked.structures) {
      const mode = (await store.directory.getStructure(s.id)) ? 'edit' : 'add';
      await attempt(`structures.${i}`, s.id, () =>
        admin.saveStructure(
          caller,
          {
            ...s,
            departements: s.departements.join(', '),
            tenantId: s.tenantId ?? '',
            // Absent contact details are empty ones: the file says the whole structure.
            ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f, s[f] ?? ''])),
          },
          mode,
        ),
      );
    }
    // Partnerships before people: a new structure must join a partnership before its admin may
    // staff it.
    for (const [i, p] of checked.partnerships) {
      const mode = (await store.directory.getPartnership(p.id)) ? 'edit' : 'add';
      await attempt(`partnerships.${i}`, p.id, () =>
        admin.savePartnership(
          caller,
          { ...p, name: p.name ?? '', mlIds: p.mlIds.join(','), ddetsId: p.ddetsId ?? '' },
          mode,
        ),
      );
    }
    for (const [i, c] of checked.correspondents) {
      await attempt(`correspondents.${i}`, c.name, () =>
        admin.saveCorrespondent(caller, { ...c, email: c.email ?? '', phone: c.phone ?? '' }),
      );
    }
    const order = (path: string) => [
      SECTIONS.indexOf(path.split('.')[0] as Section),
      Number(path.split('.')[1]),
    ];
    report.rejected.sort(
      (a, b) => order(a.path)[0] - order(b.path)[0] || order(a.path)[1] - order(b.path)[1],
    );
    await store.transaction(async (tx) => {
      await tx.directory.addEvent({
        at: this.deps.clock.now().toISOString(),
        actor: caller.aadObjectId,
        action: 'directory.import',
        targetKind: 'directory',
        targetId: 'import',
        structureId: scope.ownStructureId,
        fields: [],
      });
    });
    return report;
  }

  /**
   * The file's entries that pass parseDirectoryFile, with their index in the file. A bad entry
   * is set aside and the rest checked again, since entries may refer to it; structures already
   * in the directory count as known, so a file may add people to an existing structure.
   */
  private async check(raw: unknown, report: ImportReport) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      report.fileProblems.push(
        '(root): expected a JSON object with structures, correspondents, partnerships',
      );
      return undefined;
    }
    const file = raw as Record<string, unknown>;
    const entries = Object.fromEntries(
      SECTIONS.map((s) => {
        const list = file[s];
        return [
          s,
          Array.isArray(list)
            ? list.map((value, index) => ({ index, value: value as unknown }))
            : [],
        ];
      }),
    ) as Record<Section, { index: number; value: unknown }[]>;
    for (const s of SECTIONS)
      if (file[s] !== undefined && !Array.isArray(file[s]))
        report.fileProblems.push(`${s}: expected an array`);
    const known = await this.deps.store.directory.listStructures();
    for (
      let round = 0;
      round <=
      entries.structures.length + entries.correspondents.length + entries.partnerships.length;
      round++
    ) {
      const inFile = new Set(entries.structures.map((e) => labelOf(e.value)));
      const context = known.filter((s) => !inFile.has(s.id)).map(fileStructure);
      const candidate = {
        ...file,
        structures: [...entries.structures.map((e) => e.value), ...context],
        correspondents: entries.correspondents.map((e) => e.value),
        partnerships: entries.partnerships.map((e) => e.value),
      };
      const parsed = parseDirectoryFile(candidate);
      if (parsed.ok) {
        if (report.fileProblems.length) return undefined;
        const v = parsed.value;
        return {
          structures: v.structures
            .slice(0, entries.structures.length)
            .map((s, i) => [entries.structures[i].index, s] as const),
          correspondents: v.correspondents.map(
            (c, i) => [entries.correspondents[i].index, c] as const,
          ),
          partnerships: v.partnerships.map((p, i) => [entries.partnerships[i].index, p] as const),
        };
      }
      const bad = new Map<string, Rejection['problems']>();
      for (const problem of parsed.problems) {
        const m = /^(structures|correspondents|partnerships)\.(\d+)(?:\.([^:]+))?: (.*)$/.exec(
          problem,
        );
        const section = m?.[1] as Section | undefined;
        if (!m || !section || Number(m[2]) >= entries[section].length) {
          report.fileProblems.push(problem);
          continue;
        }
        const key = `${section}.${m[2]}`;
        bad.set(key, [...(bad.get(key) ?? []), { field: m[3], text: m[4] }]);
      }
      if (report.fileProblems.length) return undefined;
      for (const [key, problems] of bad) {
        const [section, local] = key.split('.') as [Section, string];
        const entry = entries[section][Number(local)];
        report.rejected.push({
          path: `${section}.${entry.index}`,
          label: labelOf(entry.value),
          problems,
        });
      }
      for (const s of SECTIONS) entries[s] = entries[s].filter((_, i) => !bad.has(`${s}.${i}`));
    }
    return undefined;
  }
}
