/** French texts of the tenant rules and the admins' scope (issue 16 §2); merged into fr.ts. */

export const frTenants = {
  errors: {
    E_TENANT_MISSING:
      'Ce message ne dit pas de quelle organisation Microsoft 365 (tenant) il vient : la Passerelle CIR ne peut pas le traiter. Réessayez depuis Microsoft Teams.',
    E_STRUCTURE_WITHOUT_TENANT:
      "Votre structure n'a pas d'identifiant d'organisation Microsoft 365 (tenant id) dans l'annuaire : rien n'est accessible tant qu'un administrateur ne l'a pas renseigné.",
    E_DIRECTORY_OWN_STRUCTURE_ONLY:
      "Un administrateur de partenariat modifie les personnes et la fiche de sa propre structure uniquement : adressez-vous à l'administrateur de cette structure, ou à un administrateur national.",
  },
  fields: {
    E_TENANT_REQUIRED:
      'Obligatoire : l’identifiant de l’organisation Microsoft 365 (tenant id) de la structure, un GUID.',
    E_OWN_STRUCTURE_ONLY:
      'Vous ne pouvez ajouter ou modifier que des personnes de votre structure.',
  },
};
