/**
 * The DPO's record of processing (RGPD article 30, issue 16 §8), written from what the code
 * holds: the data dictionary, the referentials and the configuration's defaults. `npm run
 * registre` writes docs/registre-rgpd.md; a test fails when the file and this builder differ, so
 * the record cannot drift from the code. French: it is the DPO's document.
 */
import { loadConfig } from '../config';
import {
  AGE_MAX,
  AGE_MIN,
  FLOW1_FIELDS,
  FLOW2_FIELDS,
  FLOW3_FIELDS,
  NATIONAL_LABELS,
  type NationalField,
} from '../domain/fields';
import { loadReferentials, type ReferentialName } from '../domain/referentials';

const WRITTEN_BY: Record<NationalField, string> = {
  civilite: 'conseiller ML (flux 1)',
  nom: 'conseiller ML (flux 1)',
  prenom: 'conseiller ML (flux 1)',
  dateNaissance: 'conseiller ML (flux 1)',
  numeroCir: 'conseiller ML (flux 1)',
  positionnementLinguistique: 'correspondant DT (flux 2)',
  prescriptionInitiale: 'correspondant DT (flux 2)',
  heuresFL: 'correspondant DT (flux 2)',
  journeesFC: 'correspondant DT (flux 2)',
  prescriptionML: 'conseiller ML (flux 3)',
};

const REFERENTIAL_FIELDS: ReferentialName[] = [
  'positionnementLinguistique',
  'prescriptionInitiale',
  'prescriptionML',
];

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The record, as Markdown; the same input always gives the same bytes. */
export function buildRegistre(): string {
  const config = loadConfig({ PASSERELLE_LOCAL: '1' });
  const referentials = loadReferentials();
  const fields = [...FLOW1_FIELDS, ...FLOW2_FIELDS, ...FLOW3_FIELDS];
  const out: string[] = [];
  const p = (s = '') => out.push(s);

  p('# Registre des activités de traitement — Passerelle CIR');
  p();
  p(
    '<!-- Généré par `npm run registre` depuis le code (src/privacy/registre.ts) : ne pas modifier à la main. -->',
  );
  p();
  p(
    'Fiche établie au titre de l’article 30 du RGPD pour le bot Microsoft Teams « Passerelle CIR », outil du partenariat local entre une direction territoriale de l’OFII (DT) et les Missions Locales (ML) de son territoire, sous l’égide de la DDETS (feuille de route OFII – Missions Locales).',
  );
  p();
  p('## 1. Responsables et finalités');
  p();
  p(
    '- **Responsables de traitement** : chaque partenaire pour les données qu’il saisit — la DT de l’OFII (flux 2, 4, 5) et chaque Mission Locale (flux 1, 3) ; l’hébergeur du bot les sert conjointement. À compléter par chaque partenaire : nom et coordonnées du responsable et de son délégué à la protection des données.',
  );
  p(
    '- **Finalité principale** : orienter vers la Mission Locale les jeunes signataires du contrat d’intégration républicaine (CIR) et ajuster leur parcours CIR, ou simplement leur donner des informations (feuille de route) ; suivre la réponse de la DT et la prescription de la Mission Locale.',
  );
  p(
    '- **Finalités associées** : tenir l’annuaire des correspondants du partenariat (« listes de correspondants avec coordonnées ») ; préparer les comités (pilotage, techniques, immersions, visites) et leur bilan, en chiffres agrégés seulement.',
  );
  p(
    '- **Base légale** : mission d’intérêt public (article 6-1-e du RGPD) confiée à l’OFII pour le CIR (CESEDA) et aux Missions Locales pour l’accompagnement des jeunes (code du travail).',
  );
  p();
  p('## 2. Personnes concernées et catégories de données');
  p();
  p(
    `**Jeunes signataires du CIR**, âgés de ${AGE_MIN} à ${AGE_MAX} ans. Seules les données validées par le DPO (dictionnaire des données) sont enregistrées ; aucune nationalité, aucun numéro AGDREF, aucune adresse, aucun commentaire libre :`,
  );
  p();
  p(
    table(
      ['Identifiant', 'Libellé', 'Saisi par', 'Valeurs'],
      fields.map((f) => [
        `\`${f}\``,
        NATIONAL_LABELS[f],
        WRITTEN_BY[f],
        (REFERENTIAL_FIELDS as string[]).includes(f)
          ? `liste fermée (${referentials[f as ReferentialName].map((e) => `\`${e.code}\``).join(', ')})`
          : f === 'heuresFL'
            ? 'entier de 0 à 660'
            : f === 'journeesFC'
              ? 'entier de 0 à 4'
              : f === 'civilite'
                ? '`Mme` ou `M.`'
                : f === 'dateNaissance'
                  ? `date réelle, âge de ${AGE_MIN} à ${AGE_MAX} ans`
                  : f === 'numeroCir'
                    ? 'texte opaque, 4 à 30 caractères `A–Z 0–9 - /`'
                    : 'lettres, espaces, traits d’union, apostrophes ; 1 à 100 caractères',
      ]),
    ),
  );
  p();
  p(
    'Fiche de liaison (flux 5, saisie par l’auditeur de la DT pendant l’entretien d’accueil) : les cinq champs d’identité du flux 1, et le seul département de résidence (déduit du code postal s’il est saisi ; ni commune ni adresse n’est conservée), qui désigne la Mission Locale compétente. Le motif d’une demande (`ajustement` ou `information`) et le motif de clôture d’une fiche sont des codes de listes fermées, sans texte libre.',
  );
  p();
  p(
    `Listes fermées, version \`${referentials.version}\` (fichier versionné du projet, remplaçable par \`REFERENTIALS_FILE\`).`,
  );
  p();
  p(
    '**Agents des partenaires** (conseillers ML, correspondants DT, administrateurs, personnes de la DDETS) : nom affiché, adresse électronique et téléphone professionnels, rôle, structure, identifiants Microsoft Entra (objet et locataire). Le journal d’audit enregistre qui a fait quoi et quand (identifiant Entra, action, numéro de demande), jamais les valeurs d’une personne.',
  );
  p();
  p('## 3. Destinataires, par flux');
  p();
  p(
    table(
      ['Flux', 'Données', 'Destinataires'],
      [
        [
          '1. Demande (ML → DT)',
          'identité (flux 1)',
          'les correspondants de la DT du partenariat, et la Mission Locale qui l’a ouverte',
        ],
        [
          '2. Réponse (DT → ML)',
          'champs du flux 2',
          'les conseillers de la Mission Locale de la demande',
        ],
        ['3. Prescription ML (ML → DT)', '`prescriptionML`', 'les correspondants de la DT'],
        [
          '4. Suite de parcours (DT → ML)',
          'numéro de demande',
          'les conseillers de la Mission Locale',
        ],
        [
          '5. Fiche de liaison (DT → ML)',
          'identité (flux 1), département de résidence',
          'les conseillers de la Mission Locale qui sert ce département (ou de celle vers laquelle elle est redirigée), et la DT ; la fiche PDF remise au signataire ne porte que son nom et les coordonnées de la Mission Locale',
        ],
        [
          'Tableau national (fichier)',
          'dictionnaire complet, demandes de la structure',
          'la personne qui le demande, par un fichier chiffré (AES-256) dont le mot de passe ne lui est montré qu’à elle',
        ],
        [
          'Bilan, chiffres partagés, comptes rendus, offres de service',
          'chiffres agrégés (un effectif de 0 à 4 est affiché « < 5 »), textes des structures',
          'les membres du partenariat, la DDETS (qui ne voit jamais les données d’une personne)',
        ],
      ],
    ),
  );
  p();
  p(
    'Aucune donnée d’une personne n’est écrite dans un message que Teams conserve : les messages du bot portent une carte neutre (numéro, structures, statut) ; le détail n’est rendu qu’à la demande d’une personne autorisée, après contrôle de son rôle.',
  );
  p();
  p('## 4. Durées de conservation');
  p();
  p(
    table(
      ['Données', 'Durée', 'Réglage'],
      [
        [
          'Identité d’une demande close (clôturée, annulée, ou complétée sans suite)',
          `${config.retentionDays} jours après sa dernière modification, puis effacement (purge quotidienne à 03 h 15)`,
          '`RETENTION_DAYS`',
        ],
        [
          'Identité d’une fiche de liaison décidée (acceptée ou classée sans suite)',
          `${config.retentionDays} jours après la décision, puis effacement`,
          '`RETENTION_DAYS`',
        ],
        [
          'Fiche PDF remise au signataire',
          `générée à la demande, conservée le temps de son lien (${config.tableau.downloadTtlMinutes} minutes)`,
          '`DOWNLOAD_TTL_MINUTES`',
        ],
        [
          'Fichier du tableau national derrière son lien',
          `${config.tableau.downloadTtlMinutes} minutes, ${config.tableau.downloadMaxUses} téléchargements au plus`,
          '`DOWNLOAD_TTL_MINUTES`, `DOWNLOAD_MAX_USES`',
        ],
        [
          'Mot de passe d’un fichier',
          `${config.tableau.passwordRevealMinutes} minutes, puis effacé`,
          '`PASSWORD_REVEAL_MINUTES`',
        ],
        [
          'Annuaire des correspondants',
          'tant que la personne est correspondante ; retirée par un administrateur',
          '—',
        ],
        [
          'Journal d’audit (qui a lu, modifié ou s’est vu refuser quoi, et quand ; jamais les valeurs d’une personne)',
          `${config.auditRetentionDays} jours, puis suppression par la même purge quotidienne (la CNIL recommande de 6 mois à 1 an pour les journaux)`,
          '`AUDIT_RETENTION_DAYS`',
        ],
        ['Chiffres agrégés, comptes rendus, bilans', 'durée du partenariat', '—'],
      ],
    ),
  );
  p();
  p(
    'Après effacement, les valeurs ne se trouvent plus dans les fichiers de la base SQLite (`secure_delete`, journal tronqué) ; pour PostgreSQL, voir le README (section « Erasure »).',
  );
  p();
  p('## 5. Mesures de sécurité');
  p();
  p(
    '- Authentification de chaque activité par le jeton signé du Bot Framework ; liste des locataires Microsoft 365 autorisés (`ALLOWED_TENANTS`).',
  );
  p(
    '- Contrôle du rôle et de la structure côté serveur à chaque commande et à chaque action ; schémas stricts par flux (un champ non autorisé est refusé).',
  );
  p(
    '- Fichiers du tableau national et du bilan chiffrés (ECMA-376, AES-256) avec un mot de passe aléatoire par fichier ; liens de téléchargement signés et de courte durée.',
  );
  p(
    '- Aucune donnée d’une personne dans les journaux techniques, les textes d’erreur, les notifications ni les métriques.',
  );
  p('- Fichiers reçus contrôlés avant lecture (taille, archive, contenu).');
  p(
    '- Journal d’audit de chaque lecture, modification et refus (identifiant Entra et structure de l’agent, date, action, numéro de demande, résultat), consultable par les administrateurs du partenariat (`journal`) et exportable en fichier chiffré pour le DPO.',
  );
  p();
  p('## 6. Sous-traitants et transferts');
  p();
  p(
    '- **Microsoft** (Teams, Azure Bot Service, Microsoft Graph si `GRAPH_ENABLED=1`) : transport des messages et des cartes ; données hébergées selon les engagements de Microsoft pour les locataires des partenaires (à confirmer par chaque partenaire).',
  );
  p('- **Hébergeur du bot et de sa base** : à désigner par le partenariat.');
  p();
  return `${out.join('\n')}\n`;
}
