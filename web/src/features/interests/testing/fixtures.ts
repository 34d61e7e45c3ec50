import type { Interest } from '../api/interest-requests';

/** Interests for the unit tests: Moussa's interest in Awa's request, pending. */
export const moussa = { user_id: '01890000-0000-7000-8000-000000000002', display_name: 'Moussa Ndiaye' };

export const pendingInterest: Interest = {
  id: '01890000-0000-7000-8000-0000000000f1',
  target: { kind: 'opportunity', id: '01890000-0000-7000-8000-0000000000e1', title: 'Partenaire pour le séchage solaire' },
  sender: moussa,
  message: 'Nous installons des séchoirs solaires à Dakar.',
  status: 'pending',
  answer_by: '2026-12-10T10:00:00Z',
  answered_at: null,
  overdue: false,
  organisation_id: null,
  conversation_id: null,
  counterpart: null,
  created_at: '2026-11-26T10:00:00Z',
};

export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return Response.json(
    { type: `urn:marcottage:problem:${code}`, title: code, status, code, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}
