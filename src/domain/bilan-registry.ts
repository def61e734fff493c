/**
 * Every section of the bilan, in the order the card and the file show them. To add one: write
 * its provider in a file of its own and append it here (and its French titles in fr-bilan.ts).
 */
import type { BilanSectionProvider } from './bilan';
import { fichesSection, figuresSection, heldSection } from './bilan-records';
import {
  committeesSection,
  delaysSection,
  followUpsSection,
  prescriptionsSection,
  requestsSection,
} from './bilan-sections';

export const BILAN_SECTIONS: readonly BilanSectionProvider[] = [
  requestsSection,
  delaysSection,
  prescriptionsSection,
  followUpsSection,
  fichesSection,
  committeesSection,
  heldSection,
  figuresSection,
];
