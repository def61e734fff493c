/**
 * The two pages a Teams app manifest must link to: privacy and terms of use. Plain French
 * HTML describing what the bot actually does with personal data (DESIGN.md §2, §11).
 */
import type restify from 'restify';

const PAGE = (title: string, body: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Passerelle CIR</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#161616}h1{color:#000091}</style>
</head><body><h1>${title}</h1>${body}</body></html>`;

const PRIVACY = PAGE(
  'Confidentialité',
  `
<p>La Passerelle CIR relie une direction territoriale de l'OFII et les Missions Locales de son territoire,
dans le cadre de la feuille de route OFII – Missions Locales pour les signataires du contrat d'intégration républicaine.</p>
<h2>Données traitées</h2>
<p>Seuls les champs validés par le délégué à la protection des données de l'OFII sont enregistrés :
civilité, nom, prénom, date de naissance et n° CIR (saisis par la Mission Locale) ; positionnement linguistique,
prescription initiale, heures de formation linguistique et journées de formation civique (saisis par la DT) ;
prescription de la Mission Locale. Aucune autre donnée sur la personne n'est conservée (ni nationalité, ni adresse, ni commentaire libre).</p>
<h2>Qui voit quoi</h2>
<p>Le détail d'une demande n'est affiché qu'aux agents des deux structures concernées, après vérification de leur rôle
dans l'annuaire du partenariat. Les messages publiés dans Teams ne contiennent que le numéro de la demande,
les structures et le statut. Chaque consultation, export et modification est journalisé.</p>
<h2>Durée de conservation</h2>
<p>Les données personnelles des demandes clôturées sont effacées à l'issue de la durée de conservation fixée par le partenariat.</p>
<h2>Vos droits</h2>
<p>Pour exercer vos droits d'accès, de rectification ou d'effacement, adressez-vous au délégué à la protection des données de l'OFII
ou de votre Mission Locale.</p>`,
);

const TERMS = PAGE(
  "Conditions d'utilisation",
  `
<p>La Passerelle CIR est réservée aux agents des directions territoriales de l'OFII et aux conseillers des Missions Locales
inscrits dans l'annuaire d'un partenariat. Elle sert uniquement aux échanges prévus par la feuille de route OFII – Missions Locales.</p>
<p>Les tableaux exportés sont protégés et chiffrés ; leur mot de passe est personnel et ne doit être transmis que par un canal distinct du fichier.</p>
<p>Toute utilisation est journalisée. Signalez toute anomalie à l'administrateur de votre partenariat.</p>`,
);

/** Serves /confidentialite and /conditions-utilisation. */
export function registerLegalPages(server: restify.Server): void {
  for (const [path, html] of [
    ['/confidentialite', PRIVACY],
    ['/conditions-utilisation', TERMS],
  ] as const) {
    server.get(path, async (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=3600',
      });
      res.end(html);
    });
  }
}
