import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describedBy, mockMemberApi, problem, teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { useFundingTexts } from '@/lib/i18n-funding';
import type { FinancingLine } from '../api/funding-requests';
import { AddLineForm, EditLine } from './financing-forms';
import { AddIndicatorForm } from './indicator-form';

const projectId = '01890000-0000-7000-8000-0000000000c1';

/** The funding pages load their texts themselves; a form alone needs them too. */
function WithTexts({ children }: { children: ReactNode }) {
  useFundingTexts();
  return <>{children}</>;
}

/** Awa's API; writes are answered by `answer` and recorded. */
function mockWrites(answer: () => Response) {
  const writes: { method: string; path: string; body: unknown; ifMatch: string | null; key: string | null }[] = [];
  mockMemberApi(async (request) => {
    writes.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: request.method === 'DELETE' ? null : await request.clone().json(),
      ifMatch: request.headers.get('If-Match'),
      key: request.headers.get('Idempotency-Key'),
    });
    return answer();
  });
  return writes;
}

async function fill(control: HTMLElement, text: string) {
  await userEvent.clear(control);
  await userEvent.click(control);
  await userEvent.paste(text);
}

const line: FinancingLine = {
  id: '01890000-0000-7000-8000-0000000000e1',
  organisation_id: null,
  funder_name: 'Ville de Besançon',
  amount: 30_000,
  currency: 'EUR',
  status: 'pledged',
  application_id: null,
  version: 2,
  created_at: '2026-11-26T10:00:00Z',
};

describe('the form that adds a co-financer', () => {
  it('sends a named funder with its amount, currency and status', async () => {
    const writes = mockWrites(() => Response.json(line, { status: 201 }));
    renderWithProviders(
      <WithTexts>
        <AddLineForm project={projectId} currency="EUR" />
      </WithTexts>,
    );
    await fill(await screen.findByRole('textbox', { name: 'Nom du financeur' }), 'Ville de Besançon');
    await fill(screen.getByRole('textbox', { name: 'Montant' }), '30 000');
    await fill(screen.getByRole('textbox', { name: 'Devise (code ISO)' }), 'xof');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Statut' }), 'received');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter au plan' }));

    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]?.path).toBe(`/api/v1/projects/${projectId}/financing`);
    expect(writes[0]?.key).toBeTruthy();
    expect(writes[0]?.body).toEqual({ funder_name: 'Ville de Besançon', amount: 30_000, currency: 'XOF', status: 'received' });
    // Added: the form is empty again, for the next one.
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: 'Nom du financeur' })).toHaveValue(''));
  });

  it('sends an organisation of the platform by its id, without a name', async () => {
    const writes = mockWrites(() => Response.json(line, { status: 201 }));
    renderWithProviders(
      <WithTexts>
        <AddLineForm project={projectId} currency="EUR" />
      </WithTexts>,
    );
    await screen.findByRole('option', { name: 'Association Teranga Lyon' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Cofinanceur' }), teranga);
    expect(screen.queryByRole('textbox', { name: 'Nom du financeur' })).not.toBeInTheDocument();
    await fill(screen.getByRole('textbox', { name: 'Montant' }), '5000');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter au plan' }));
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]?.body).toEqual({ organisation_id: teranga, amount: 5000, currency: 'EUR', status: 'pledged' });
  });

  it('shows the API’s refusal beside its field', async () => {
    mockWrites(() => problem(422, 'validation_failed', [{ field: 'currency', code: 'unknown_code', message: 'unknown code' }]));
    renderWithProviders(
      <WithTexts>
        <AddLineForm project={projectId} currency="EUR" />
      </WithTexts>,
    );
    await fill(await screen.findByRole('textbox', { name: 'Nom du financeur' }), 'Ville de Besançon');
    await fill(screen.getByRole('textbox', { name: 'Montant' }), '30000');
    await fill(screen.getByRole('textbox', { name: 'Devise (code ISO)' }), 'ZZZ');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter au plan' }));
    const currency = screen.getByRole('textbox', { name: 'Devise (code ISO)' });
    await vi.waitFor(() => expect(currency).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(currency)).not.toBe('');
    expect(screen.getByRole('textbox', { name: 'Montant' })).not.toHaveAttribute('aria-invalid');
  });
});

describe('a line of the plan, changed or removed', () => {
  it('sends the new amount and status against the version shown, and removes after asking', async () => {
    const writes = mockWrites(() => Response.json({ ...line, version: 3 }));
    renderWithProviders(
      <WithTexts>
        <EditLine project={projectId} line={line} />
      </WithTexts>,
    );
    await fill(await screen.findByRole('textbox', { name: 'Montant' }), '35000');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Statut' }), 'received');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toMatchObject({
      method: 'PATCH',
      path: `/api/v1/projects/${projectId}/financing/${line.id}`,
      ifMatch: '"2"',
      body: { amount: 35_000, status: 'received' },
    });

    await userEvent.click(screen.getByRole('button', { name: /^Retirer.*Ville de Besançon/ }));
    const question = screen.getByText('Retirer Ville de Besançon du plan de financement ?');
    await userEvent.click(within(question.parentElement!).getByRole('button', { name: 'Retirer' }));
    await vi.waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]).toMatchObject({ method: 'DELETE', ifMatch: '"2"' });
  });

  it('shows a refused amount beside it', async () => {
    mockWrites(() => problem(422, 'validation_failed', [{ field: 'amount', code: 'range', message: 'at least 1' }]));
    renderWithProviders(
      <WithTexts>
        <EditLine project={projectId} line={line} />
      </WithTexts>,
    );
    await fill(await screen.findByRole('textbox', { name: 'Montant' }), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const amount = screen.getByRole('textbox', { name: 'Montant' });
    await vi.waitFor(() => expect(amount).toHaveAttribute('aria-invalid', 'true'));
    expect(describedBy(amount)).toContain('at least 1');
  });
});

describe('the form that adds a result indicator', () => {
  it('sends the title, unit, baseline, target and due date', async () => {
    const writes = mockWrites(() => Response.json({}, { status: 201 }));
    renderWithProviders(
      <WithTexts>
        <AddIndicatorForm project={projectId} />
      </WithTexts>,
      { lang: 'en' },
    );
    await fill(await screen.findByRole('textbox', { name: 'Indicator' }), 'Computers installed');
    await fill(screen.getByRole('textbox', { name: 'Unit' }), 'computers');
    await fill(screen.getByRole('textbox', { name: 'Baseline' }), '0');
    await fill(screen.getByRole('textbox', { name: 'Target' }), '30 000');
    await fill(screen.getByLabelText('Due on'), '2027-12-31');
    await userEvent.click(screen.getByRole('button', { name: 'Add the indicator' }));
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]?.path).toBe(`/api/v1/projects/${projectId}/indicators`);
    expect(writes[0]?.key).toBeTruthy();
    expect(writes[0]?.body).toEqual({
      title: 'Computers installed',
      unit: 'computers',
      baseline_value: 0,
      target_value: 30_000,
      due_on: '2027-12-31',
    });
  });

  it('shows the API’s refusal beside its field', async () => {
    mockWrites(() => problem(422, 'validation_failed', [{ field: 'title', code: 'length', message: 'too short' }]));
    renderWithProviders(
      <WithTexts>
        <AddIndicatorForm project={projectId} />
      </WithTexts>,
    );
    await fill(await screen.findByRole('textbox', { name: 'Indicateur' }), 'PC');
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter l’indicateur' }));
    const title = screen.getByRole('textbox', { name: 'Indicateur' });
    await vi.waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByRole('textbox', { name: 'Cible' })).not.toHaveAttribute('aria-invalid');
  });
});
