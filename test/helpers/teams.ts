/** Activities shaped as Teams sends them, and the people of the test directory. */
import { randomUUID } from 'node:crypto';

export const TENANT_OFII = '11111111-1111-4111-8111-111111111111';
export const TENANT_ML = '22222222-2222-4222-8222-222222222222';

export interface Persona {
  aadObjectId: string;
  teamsId: string;
  name: string;
  tenantId: string;
}

const persona = (aadObjectId: string, name: string, tenantId: string): Persona => ({
  aadObjectId,
  name,
  tenantId,
  teamsId: `29:${aadObjectId}-teams`,
});

export const people = {
  advisor: persona('aaaaaaaa-0000-4000-8000-000000000001', 'Léa Conseillère', TENANT_ML),
  dt1: persona('bbbbbbbb-0000-4000-8000-000000000001', 'Camille Martin', TENANT_OFII),
  dt2: persona('bbbbbbbb-0000-4000-8000-000000000002', 'Karim Benali', TENANT_OFII),
  otherDt: persona('cccccccc-0000-4000-8000-000000000001', 'Agent Grenoble', TENANT_OFII),
  otherMl: persona(
    'dddddddd-0000-4000-8000-000000000001',
    'Conseiller Grenoble',
    '33333333-3333-4333-8333-333333333333',
  ),
  dtAdmin: persona('eeeeeeee-0000-4000-8000-000000000001', 'Admin DT', TENANT_OFII),
  stranger: persona('99999999-0000-4000-8000-000000000001', 'Inconnu', TENANT_ML),
};

/** The personal chat between the bot and `p`. */
export const personalChat = (p: Persona) => `a:personal-${p.aadObjectId}`;

export interface Where {
  conversationId: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
}

export function inPersonal(p: Persona): Where {
  return { conversationId: personalChat(p), conversationType: 'personal' };
}

function base(p: Persona, serviceUrl: string, where: Where) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: p.teamsId, name: p.name, aadObjectId: p.aadObjectId },
    recipient: { id: '28:passerelle-bot', name: 'Passerelle CIR' },
    conversation: {
      id: where.conversationId,
      conversationType: where.conversationType,
      tenantId: p.tenantId,
      isGroup: where.conversationType !== 'personal',
    },
    channelData: { tenant: { id: p.tenantId } },
    locale: 'fr-FR',
  };
}

export function messageActivity(
  p: Persona,
  serviceUrl: string,
  text: string,
  where: Where = inPersonal(p),
) {
  return { ...base(p, serviceUrl, where), type: 'message', text, textFormat: 'plain' };
}

export function invokeActivity(
  p: Persona,
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  replyToId: string | undefined,
  where: Where = inPersonal(p),
  trigger: 'manual' | 'automatic' = 'manual',
) {
  return {
    ...base(p, serviceUrl, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger },
  };
}

export async function post(
  appUrl: string,
  activity: object,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
