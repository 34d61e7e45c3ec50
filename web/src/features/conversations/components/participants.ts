import type { Conversation } from '../api/conversation-requests';

/** The other participants of a conversation (everyone but `me`), by public name. */
export function othersIn(conversation: Conversation, me: string | undefined): string[] {
  return conversation.participants.filter((person) => person.user_id !== me).map((person) => person.display_name);
}
