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
}

export interface Detail extends Item {
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
  value: number | string;
  share: number | null;
}

export interface Partnership {
  partnership: { id: string; name: string };
  committees: {
    planned: { id: string; kind: string; date: string; place: string | null }[];
    held: {
      id: string;
      kind: string;
      date: string;
      minutes: Record<string, unknown> | null;
    }[];
  };
  roadmap: Record<string, unknown> | null;
  offers: { id: string; title: string; structure: string; summary: string; pdf: string | null }[];
  bilan: {
    period: { from: string; to: string };
    sections: { id: string; title: string; rows: BilanRow[] }[];
  } | null;
  sharedFigures?: unknown[];
}
