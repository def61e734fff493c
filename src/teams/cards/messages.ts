/** The short card every part of the bot answers with (the help is in ../help.ts). */
import { renderCard, type Card } from './render';

/** A short card for refusals and information. */
export function messageCard(title: string, text: string, attention = false): Card {
  return renderCard('message', { title, text, color: attention ? 'Attention' : 'Default' });
}
