import { useNavigate } from 'react-router';
import { DeleteItem } from '@/components/ui/delete-item';
import type { ReadVersion } from '@/lib/api/versioned';
import type { Opportunity } from '../api/get-opportunity';
import { useDeleteOpportunity } from '../api/opportunity-requests';

/** Deletes `opportunity` (from its page or "My opportunities"), then opens "My opportunities". */
export function DeleteOpportunity({ opportunity, read, inList }: { opportunity: Opportunity; read: ReadVersion; inList?: boolean }) {
  const navigate = useNavigate();
  const deletion = useDeleteOpportunity(opportunity.id);
  return (
    <DeleteItem
      kind="opportunity"
      title={opportunity.title}
      deletion={deletion}
      read={read}
      inList={inList}
      onDeleted={() => void navigate('/me/opportunities', { replace: true, state: { notice: 'opportunityDeleted' } })}
    />
  );
}
