/** The API's answers (docs/tab-api.md). */
export interface Me {
  person: {
    id: string;
    name: string;
    role: string;
    structure: { id: string; name: string; kind: string };
  };
  partnerships: { id: string; name: string; isAdmin: boolean }[];
  local: boolean;
}

export interface Item {
  kind: 'demande' | 'fiche';
  id: string;
  number: string;
  person?: { lastName: string; firstName: string; cir: string | null } | null;
  status: string;
  statusLabel: string;
  motif: string | null;
  motifLabel: string | null;
  openedAt: string;
  ageDays: number;
  waitingOn: 'ml' | 'dt' | null;
  waitingOnLabel: string | null;
  ml?: { id: string; name: string } | null;
  dt?: { id: string; name: string } | null;
}

export interface ItemPage {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  statuses: { code: string; label: string }[];
}

export interface ActionInput {
  id: string;
  label: string;
  type: 'text' | 'choice' | 'date' | 'toggle';
  required?: boolean;
  choices?: { value: string; label: string }[];
  /** The value the form starts with (a correction shows what is stored). */
  value?: string;
}

export interface Detail extends Item {
  /** The version the actions apply to: sent back, an older one is refused (409). */
  version?: number;
  /** After an action: the French confirmation. */
  message?: string;
  timeline: { at: string; label: string; by: string | null }[];
  fields: { id: string; label: string; value: string }[];
  actions: { id: string; label: string; inputs: ActionInput[] }[];
}

export interface Contact {
  name: string;
  role: string;
  structure: string;
  email: string | null;
  phone: string | null;
  chatUrl: string | null;
}

export interface BilanRow {
  label: string;
  /** The figure as the bot writes it ("12", "< 5" when too small to be shown). */
  value: number | string;
  /** The number behind it; null when withheld (small numbers) or not a count. */
  count?: number | null;
  share?: number | null;
}

export interface Partnership {
  partnership: { id: string; name: string };
  committees: {
    planned: {
      id: string;
      kind: string;
      kindLabel?: string;
      date: string;
      place: string | null;
      link?: string | null;
      participants?: string[];
    }[];
    held: {
      id: string;
      kind: string;
      kindLabel?: string;
      date: string;
      minutes: Record<string, unknown> | null;
    }[];
  };
  roadmap: Record<string, unknown> | null;
  offers: {
    id: string;
    title: string;
    structure: string;
    summary: string;
    referral?: string | null;
    contact?: string | null;
    link?: string | null;
    pdf: string | null;
  }[];
  bilan: {
    year?: number;
    period: { from: string; to: string };
    sections: { id: string; title: string; chart?: string | null; rows: BilanRow[] }[];
  } | null;
  sharedFigures?: { structure: string; year: number; rows: BilanRow[] }[] | null;
}
