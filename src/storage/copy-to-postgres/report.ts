/** The operator's report of a copy: one line per table, then the sequences and the outcome. */
import type { CopyResult } from './copy';

/** The report as plain text lines (English, fixed-width columns). */
export function formatReport(r: CopyResult): string {
  const rows = r.tables.map((t) => [
    t.table,
    t.sourceRows === t.targetRows ? String(t.sourceRows) : `${t.sourceRows} → ${t.targetRows}`,
    t.sourceSha256 === t.targetSha256
      ? t.sourceSha256.slice(0, 16)
      : `${t.sourceSha256.slice(0, 16)} ≠ ${t.targetSha256.slice(0, 16)}`,
    t.ok ? 'ok' : 'MISMATCH',
  ]);
  const head = ['table', 'rows', 'sha256 (first 16)', 'checksum'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const lines = [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)];
  const total = r.tables.reduce((n, t) => n + t.sourceRows, 0);
  if (r.sequences.length)
    lines.push(
      '',
      `next ids: ${r.sequences.map((s) => `${s.table}.${s.column} ${s.next}`).join(', ')}`,
    );
  const bad = r.tables.filter((t) => !t.ok).map((t) => t.table);
  lines.push(
    '',
    r.ok
      ? `${r.tables.length} tables, ${total} rows copied; every row count and checksum matches. Committed.`
      : `MISMATCH in ${bad.join(', ')}: nothing was written to PostgreSQL (rolled back).`,
  );
  return lines.join('\n');
}
