import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { installAuth, session } from '@/features/auth';
import { mockMemberApi, problem, project, teranga } from '@/testing/fixtures';
import { vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { ProjectRoute } from './project-route';

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/projects/:id" element={<ProjectRoute />} />
      <Route path="/me/projects" element={<h1>Mes projets</h1>} />
    </Routes>,
    { path: `/projects/${project.id}`, accountTexts: false },
  );
}

/** The project as the API has it now (`version`), and its answers to a DELETE. */
function mockProjectApi(current: { version: number; owner_id?: string; organisation_id?: string | null }, deletion: (request: Request) => Response) {
  return mockMemberApi((request) => {
    const { pathname } = new URL(request.url);
    if (request.method === 'DELETE') return deletion(request);
    if (pathname === `/api/v1/projects/${project.id}/milestones`) return Response.json([]);
    if (pathname === `/api/v1/projects/${project.id}`) {
      return Response.json({ ...project, ...current }, { headers: { ETag: `"${current.version}"` } });
    }
    return new Response(null, { status: 404 });
  });
}

beforeAll(() => installAuth());
afterEach(() => {
  cleanup();
  session.end('logout');
});

describe('deleting a project from its page', () => {
  it('asks first, sends the ETag it read and opens “My projects”', async () => {
    const calls = mockProjectApi({ version: 2 }, () => new Response(null, { status: 204 }));
    renderPage();

    await userEvent.click(await screen.findByRole('button', { name: 'Supprimer le projet' }));
    expect(screen.getByText(/Supprimer définitivement le projet « Séchage solaire de mangues »/)).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Oui, supprimer' }));

    expect(await screen.findByRole('heading', { name: 'Mes projets' })).toBeInTheDocument();
    const deletions = calls.filter((call) => call.method === 'DELETE');
    expect(deletions).toHaveLength(1);
    expect(deletions[0]!.headers.get('If-Match')).toBe('"2"');
  });

  it('says when the project changed meanwhile, reads it again and deletes against the new version', async () => {
    let version = 2;
    const calls = mockProjectApi(
      {
        get version() {
          return version;
        },
      },
      (request) =>
        request.headers.get('If-Match') === `"${version}"` ? new Response(null, { status: 204 }) : problem(412, 'precondition_failed'),
    );
    renderPage();

    await screen.findByRole('button', { name: 'Supprimer le projet' });
    // Someone edits it elsewhere.
    version = 3;
    await userEvent.click(screen.getByRole('button', { name: 'Supprimer le projet' }));
    await userEvent.click(screen.getByRole('button', { name: 'Oui, supprimer' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Ce projet a été modifié entre-temps');
    expect(screen.getByRole('heading', { level: 1, name: project.title })).toBeInTheDocument();
    await vi.waitFor(() =>
      expect(calls.filter((call) => call.method === 'GET' && new URL(call.url).pathname === `/api/v1/projects/${project.id}`)).toHaveLength(2),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Supprimer le projet' }));
    await userEvent.click(screen.getByRole('button', { name: 'Oui, supprimer' }));
    expect(await screen.findByRole('heading', { name: 'Mes projets' })).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.headers.get('If-Match'))).toEqual(['"2"', '"3"']);
  });

  it('is offered to members of the project’s organisation, not to other readers', async () => {
    mockProjectApi({ version: 2, owner_id: '01890000-0000-7000-8000-0000000000ff', organisation_id: teranga }, () => new Response(null, { status: 204 }));
    renderPage();
    expect(await screen.findByRole('button', { name: 'Supprimer le projet' })).toBeInTheDocument();
    cleanup();

    mockProjectApi(
      { version: 2, owner_id: '01890000-0000-7000-8000-0000000000ff', organisation_id: '01890000-0000-7000-8000-0000000000a9' },
      () => new Response(null, { status: 204 }),
    );
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: project.title })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Supprimer le projet' })).not.toBeInTheDocument();
  });
});

describe('the project page', () => {
  it('leads every reader to the project’s funding and results', async () => {
    mockProjectApi(
      { version: 2, owner_id: '01890000-0000-7000-8000-0000000000ff', organisation_id: null },
      () => new Response(null, { status: 204 }),
    );
    renderPage();
    expect(await screen.findByRole('link', { name: 'Financement et résultats' })).toHaveAttribute(
      'href',
      `/projects/${project.id}/funding`,
    );
  });
});
