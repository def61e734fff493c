/**
 * Issue 14 §2 and §5's wiring: the minutes and shared-figures services, and the figures form
 * (SHARED_FIGURES_FILE, else the project's versioned file), loaded once at start-up.
 */
import type { Config } from '../../config';
import { FiguresService } from '../../domain/figures-service';
import { MinutesService } from '../../domain/minutes-service';
import type { Clock } from '../../domain/model';
import { loadFiguresForms, type FiguresForms } from '../../domain/shared-figures';
import type { Store } from '../../storage/store';

export interface RecordsFeature {
  minutes: MinutesService;
  /** `figures.figuresFor(partnershipId, year)` is the typed read for other views (the bilan). */
  figures: FiguresService;
  forms: FiguresForms;
}

export function createRecordsFeature(d: {
  config: Config;
  store: Store;
  clock: Clock;
}): RecordsFeature {
  const forms = loadFiguresForms(d.config.sharedFiguresFile);
  const base = { store: d.store, clock: d.clock, allowedTenants: d.config.allowedTenants };
  return {
    minutes: new MinutesService(base),
    figures: new FiguresService({ ...base, forms }),
    forms,
  };
}
