import type { Project } from '../api/get-project';
import {
  emptyProjectDraft,
  missingOfProject,
  newProjectOf,
  projectChangesOf,
  projectDraftOf,
  withoutBlankTerritories,
} from './project-fields';

const project: Project = {
  id: '01890000-0000-7000-8000-0000000000c1',
  title: 'Séchage solaire de mangues',
  summary: 'Une unité de séchage solaire pour les vergers de Ziguinchor.',
  description: '',
  stage: 'idea',
  status: 'published',
  sectors: ['31161'],
  countries: ['SN'],
  territories: [{ country: 'SN', place: 'Ziguinchor' }],
  needs: [],
  language: 'fr',
  owner_id: '01890000-0000-7000-8000-000000000001',
  organisation_id: '01890000-0000-7000-8000-0000000000a1',
  version: 2,
  created_at: '2026-11-26T10:00:00Z',
  updated_at: '2026-11-26T10:00:00Z',
};

describe('the project forms’ bodies', () => {
  it('sends the territory rows as {country, place}, trimmed, without the empty ones, and the organisation', () => {
    const draft = {
      ...emptyProjectDraft('fr'),
      title: 'Séchage solaire',
      summary: 'Une unité de séchage solaire.',
      territories: [
        { country: 'SN', place: '  Ziguinchor ' },
        { country: '', place: ' ' },
        { country: 'ML', place: 'Kayes' },
      ],
      organisationId: '01890000-0000-7000-8000-0000000000a1',
    };
    const body = newProjectOf(draft);
    expect(body.territories).toEqual([
      { country: 'SN', place: 'Ziguinchor' },
      { country: 'ML', place: 'Kayes' },
    ]);
    expect(body.organisation_id).toBe('01890000-0000-7000-8000-0000000000a1');
    expect(newProjectOf({ ...draft, organisationId: '' }).organisation_id).toBeNull();
    // The rows left on screen are the rows sent, so that `territories[1]` is the second one shown.
    expect(withoutBlankTerritories(draft).territories).toEqual([
      { country: 'SN', place: '  Ziguinchor ' },
      { country: 'ML', place: 'Kayes' },
    ]);
    const full = withoutBlankTerritories(draft);
    expect(withoutBlankTerritories(full)).toBe(full);
  });

  it('asks for the missing half of a row before sending', () => {
    const draft = {
      ...emptyProjectDraft('fr'),
      title: 'Séchage solaire',
      summary: 'Une unité de séchage solaire.',
      territories: [
        { country: 'SN', place: '' },
        { country: '', place: 'Kayes' },
        { country: 'ML', place: 'Bamako' },
      ],
    };
    expect(missingOfProject(draft)?.problem?.errors?.map((error) => error.field)).toEqual([
      'territories[0].place',
      'territories[1].country',
    ]);
    expect(missingOfProject({ ...draft, territories: [{ country: 'ML', place: 'Bamako' }] })).toBeNull();
  });

  it('edits the territories but not the organisation, which the API fixes at creation', () => {
    const draft = projectDraftOf(project);
    expect(draft.territories).toEqual([{ country: 'SN', place: 'Ziguinchor' }]);
    const changes = projectChangesOf({ ...draft, territories: [...draft.territories, { country: 'SN', place: 'Oussouye' }] }, 'published');
    expect(changes.territories).toEqual([
      { country: 'SN', place: 'Ziguinchor' },
      { country: 'SN', place: 'Oussouye' },
    ]);
    expect(changes).not.toHaveProperty('organisation_id');
    expect(changes).not.toHaveProperty('status');
  });
});
