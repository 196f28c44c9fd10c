/**
 * A small form's button that asks first (app/editor/confirm-button.tsx), as the server renders it
 * for a browser without JavaScript: the question is a required checkbox beside the button, so the
 * form is not sent unticked. (With JavaScript the box is hidden and a dialog asks instead.)
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmSubmitButton } from '~/editor/confirm-button';

describe('ConfirmSubmitButton without JavaScript', () => {
  it('renders a required, visible checkbox that names what is confirmed, then the button', () => {
    const html = renderToStaticMarkup(
      <form method="post">
        <ConfirmSubmitButton
          question="Restore version 3? It replaces the current text (which stays in the history)."
          yes="Yes, restore it"
          check={{ name: 'confirmRestore', label: 'Yes, restore version 3' }}
          className="button--quiet"
        >
          Restore version 3
        </ConfirmSubmitButton>
      </form>,
    );
    expect(html).toContain(
      '<label class="choice"><input type="checkbox" name="confirmRestore" required="" value="1"/> Yes, restore version 3</label>',
    );
    expect(html).not.toContain('hidden');
    expect(html).toContain('<button class="button--quiet" type="submit">Restore version 3</button>');
    // The dialog is drawn only when asked, in the browser.
    expect(html).not.toContain('<dialog');
  });
});
