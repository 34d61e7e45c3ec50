import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Webhook = components['schemas']['Webhook'];
export type NewWebhook = components['schemas']['NewWebhook'];
export type WebhookChanges = components['schemas']['WebhookChanges'];
export type Delivery = components['schemas']['Delivery'];
export type EventType = components['schemas']['EventType'];

/** Every event a webhook may listen to, in the order the form offers them. */
export const eventTypes: readonly EventType[] = [
  'opportunity.created',
  'opportunity.updated',
  'interest.received',
  'interest.answered',
  'application.updated',
  'match.found',
];

/** An event's key in the texts: i18next would read its `.` as a nesting. */
const eventTexts = {
  'opportunity.created': 'opportunity_created',
  'opportunity.updated': 'opportunity_updated',
  'interest.received': 'interest_received',
  'interest.answered': 'interest_answered',
  'application.updated': 'application_updated',
  'match.found': 'match_found',
} as const satisfies Record<EventType, string>;

export const eventText = (event: EventType) => eventTexts[event];

export const webhookKeys = {
  list: (organisationId: string) => ['integrations', 'webhooks', organisationId] as const,
  deliveries: (organisationId: string, webhookId: string) =>
    ['integrations', 'webhooks', organisationId, webhookId, 'deliveries'] as const,
};

/** The organisation's webhooks (owners, or a key with the `webhooks` scope). */
export function useWebhooks(organisationId: string) {
  return useQuery({
    queryKey: webhookKeys.list(organisationId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/organisations/{id}/webhooks', { params: { path: { id: organisationId } }, signal })),
    staleTime: 30 * 1000,
  });
}

/** Registers a webhook; `idempotencyKey` makes a retry of the same form replay the first answer. */
export function useCreateWebhook(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ webhook, idempotencyKey }: { webhook: NewWebhook; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/organisations/{id}/webhooks', {
          params: { path: { id: organisationId }, header: { 'Idempotency-Key': idempotencyKey } },
          body: webhook,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.list(organisationId) }),
  });
}

/** The `If-Match` for the webhook as listed: the API's ETag is its version, quoted. */
const ifMatch = (webhook: Webhook) => `"${webhook.version}"`;

/**
 * Changes a webhook (URL, events, active) against the version listed: when someone changed it
 * meanwhile the API answers 412 and the list is read again.
 */
export function useChangeWebhook(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ webhook, changes }: { webhook: Webhook; changes: WebhookChanges }) =>
      unwrap(
        await api.PATCH('/api/v1/organisations/{id}/webhooks/{webhook_id}', {
          params: { path: { id: organisationId, webhook_id: webhook.id }, header: { 'If-Match': ifMatch(webhook) } },
          body: changes,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.list(organisationId) }),
  });
}

/** Deletes a webhook (and its deliveries log) against the version listed. */
export function useDeleteWebhook(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (webhook: Webhook) =>
      unwrapEmpty(
        await api.DELETE('/api/v1/organisations/{id}/webhooks/{webhook_id}', {
          params: { path: { id: organisationId, webhook_id: webhook.id }, header: { 'If-Match': ifMatch(webhook) } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.list(organisationId) }),
  });
}

/** The webhook's last deliveries with their attempts, fetched once the owner opens them. */
export function useDeliveries(organisationId: string, webhookId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: webhookKeys.deliveries(organisationId, webhookId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/organisations/{id}/webhooks/{webhook_id}/deliveries', {
          params: { path: { id: organisationId, webhook_id: webhookId } },
          signal,
        }),
      ),
    enabled,
  });
}

/** Sends a delivery again (same `webhook-id`, so receivers can drop it if they had it). */
export function useRedeliver(organisationId: string, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (deliveryId: string) =>
      unwrap(
        await api.POST('/api/v1/organisations/{id}/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver', {
          params: { path: { id: organisationId, webhook_id: webhookId, delivery_id: deliveryId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(organisationId, webhookId) }),
  });
}

/** Sends a `ping` now; the answer is the delivery with its one attempt. */
export function usePing(organisationId: string, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/organisations/{id}/webhooks/{webhook_id}/ping', {
          params: { path: { id: organisationId, webhook_id: webhookId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(organisationId, webhookId) }),
  });
}
