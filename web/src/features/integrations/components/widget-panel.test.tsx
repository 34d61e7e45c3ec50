import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { addIntegrationTexts } from '@/lib/i18n-integrations';
import { teranga } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { WidgetPanel, widgetSnippet } from './widget-panel';

function renderPanel(lang: 'fr' | 'en') {
  const rendered = renderWithProviders(<WidgetPanel organisationId={teranga} />, { path: '/', lang });
  addIntegrationTexts(rendered.i18n);
  rendered.rerender(<WidgetPanel organisationId={teranga} />);
  return rendered;
}

describe('the widget panel', () => {
  it('shows the snippet for this organisation and this site, and copies it', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPanel('fr');
    const expected = widgetSnippet(window.location.origin, teranga, 'fr');
    expect(screen.getByTestId('widget-snippet')).toHaveTextContent(`data-organisation="${teranga}"`);
    expect(screen.getByTestId('widget-snippet').textContent).toBe(expected);
    expect(expected).toContain(`<script src="${window.location.origin}/widget.js" async></script>`);
    await userEvent.click(screen.getByRole('button', { name: 'Copier le code' }));
    expect(writeText).toHaveBeenCalledWith(expected);
    expect(screen.getByRole('link', { name: 'Voir le widget en action' })).toHaveAttribute(
      'href',
      `/widget?organisation=${teranga}&lang=fr`,
    );
  });

  it('speaks English to an English reader, and so does the widget', () => {
    renderPanel('en');
    expect(screen.getByRole('heading', { name: 'Widget for your site' })).toBeInTheDocument();
    expect(screen.getByTestId('widget-snippet')).toHaveTextContent('data-lang="en"');
  });
});
