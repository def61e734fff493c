/** The two cards every part of the bot answers with: a plain message, and the help. */
import { fr } from '../../i18n/fr';
import { renderCard, type Card } from './render';

/** A short card for refusals and information. */
export function messageCard(title: string, text: string, attention = false): Card {
  return renderCard('message', { title, text, color: attention ? 'Attention' : 'Default' });
}

/** The help card listing every command. */
export function helpCard(): Card {
  return renderCard('aide', {
    title: fr.commands.helpTitle,
    intro: fr.commands.helpIntro,
    commands: fr.commands.help.map(([command, help]) => ({ command, help })),
  });
}
