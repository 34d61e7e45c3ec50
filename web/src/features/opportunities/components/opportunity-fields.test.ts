import type { Opportunity } from '../api/get-opportunity';
import { emptyOpportunityDraft, newOpportunityOf, opportunityChangesOf, opportunityDraftOf } from './opportunity-fields';

const opportunity: Opportunity = {
  id: '01890000-0000-7000-8000-0000000000e1',
  direction: 'offer',
  category: 'internship',
  title: 'Stage en transformation agroalimentaire',
  description: 'Six mois à Lyon puis à Ziguinchor.',
  project_id: '01890000-0000-7000-8000-0000000000c1',
  sectors: ['31161'],
  skills: ['qualité', 'export'],
  country: 'FR',
  city: 'Lyon',
  remote: false,
  starts_on: null,
  duration_months: 6,
  expires_at: '2027-02-28T10:00:00Z',
  anonymous: false,
  status: 'open',
  owner_id: '01890000-0000-7000-8000-000000000001',
  organisation_id: null,
  version: 2,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

describe('the opportunity forms’ bodies', () => {
  it('sends the creation as the API takes it: skills split, empty text as null, the expiry at the end of its day', () => {
    const draft = {
      ...emptyOpportunityDraft('01890000-0000-7000-8000-0000000000c1'),
      category: 'internship' as const,
      title: '  Stage à Lyon ',
      description: 'Six mois de stage.',
      skills: 'qualité, export;  qualité ,',
      country: 'FR',
      durationMonths: '6',
      expiresOn: '2027-02-28',
    };
    expect(newOpportunityOf(draft)).toEqual({
      direction: 'offer',
      category: 'internship',
      project_id: '01890000-0000-7000-8000-0000000000c1',
      title: 'Stage à Lyon',
      description: 'Six mois de stage.',
      sectors: [],
      skills: ['qualité', 'export'],
      country: 'FR',
      city: null,
      remote: false,
      starts_on: null,
      duration_months: 6,
      expires_at: '2027-02-28T23:59:59Z',
      anonymous: false,
    });
  });

  it('leaves the expiry and the status out of an edit that does not change them', () => {
    const draft = { ...opportunityDraftOf(opportunity), title: 'Stage qualité à Lyon' };
    const changes = opportunityChangesOf(draft, opportunity);
    expect(changes).not.toHaveProperty('expires_at');
    expect(changes).not.toHaveProperty('status');
    expect(changes).not.toHaveProperty('category');
    expect(changes.title).toBe('Stage qualité à Lyon');
    expect(opportunityChangesOf({ ...draft, status: 'filled', expiresOn: '2027-03-31' }, opportunity)).toMatchObject({
      status: 'filled',
      expires_at: '2027-03-31T23:59:59Z',
    });
  });
});
