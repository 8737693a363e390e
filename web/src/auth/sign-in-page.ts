// The sign-in view, shown instead of any page while there is no accepted key. The key is checked
// against GET /v1/me before it is kept, so a wrong one is reported here, next to the field.
import type { MeDto } from '@seqcast/contracts';
import { api } from '../api/api-client';
import { ApiError, errorMessage } from '../api/api-error';
import type { Page } from '../router';
import { h } from '../ui/dom';
import { field } from '../ui/field';
import { notice } from '../ui/widgets';
import { normalizeKey, rejectedKeyMessage } from './key-text';

export interface SignInNotice {
  kind: 'error' | 'info';
  text: string;
}

export type SignedIn = (me: MeDto, key: string, remember: boolean) => void;

const code = (text: string) => h('code', {}, text);

export function signInPage(message: SignInNotice | null, onSignedIn: SignedIn): Page {
  return ({ outlet }) => {
    let alive = true;
    const input = h('input', {
      type: 'password',
      name: 'apiKey',
      id: 'api-key',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'sqc_…',
    });
    const keyField = field('API key', input);
    const remember = h('input', { type: 'checkbox', name: 'remember', id: 'remember' });
    const submit = h('button', { type: 'submit' }, 'Sign in');
    const formError = h('p', { class: 'field-error form-error', role: 'alert', hidden: true });

    const fail = (text: string, onField: boolean) => {
      keyField.setError(onField ? text : null);
      formError.textContent = onField ? '' : text;
      formError.hidden = onField;
      if (onField) input.focus();
    };

    const onSubmit = async (event: Event) => {
      event.preventDefault();
      const key = normalizeKey(input.value);
      if (!key) return fail('Paste your API key.', true);
      fail('', false);
      formError.hidden = true;
      submit.disabled = true;
      submit.textContent = 'Checking…';
      try {
        const me = await api.me(key);
        if (alive) onSignedIn(me, key, remember.checked);
      } catch (error) {
        if (!alive) return;
        if (error instanceof ApiError && error.status === 401) fail(rejectedKeyMessage(error.message), true);
        else if (error instanceof ApiError) fail(error.message, false);
        else fail(`Cannot reach the seqcast API: ${errorMessage(error)}`, false);
      } finally {
        submit.disabled = false;
        submit.textContent = 'Sign in';
      }
    };

    outlet.append(
      h(
        'section',
        { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
        h('h1', { id: 'sign-in-title' }, 'Sign in'),
        message ? notice(message.text, message.kind) : null,
        h(
          'form',
          { class: 'card', id: 'sign-in-form', novalidate: true, onsubmit: (e: Event) => void onSubmit(e) },
          keyField.wrapper,
          h('label', { class: 'check', for: 'remember' }, remember, ' Remember on this browser'),
          h(
            'small',
            { class: 'hint' },
            'Unticked, the key is forgotten when this tab closes. Do not tick it on a shared computer.',
          ),
          h('div', { class: 'actions' }, submit),
          formError,
        ),
        h(
          'div',
          { class: 'card key-sources', id: 'key-sources' },
          h('h2', {}, 'Where the key comes from'),
          h(
            'ul',
            {},
            h('li', {}, 'The first ', code('npm start'), ' prints one.'),
            h('li', {}, 'From the source tree: ', code('npm run apikey -- create --name me')),
            h('li', {}, 'With docker compose: ', code('docker compose run --rm api node dist/tools/apikey.js create --name me')),
            h('li', {}, 'Production processes: ', code('DATABASE_URL=… node dist/tools/apikey.js create --name me')),
          ),
          h('p', { class: 'muted' }, 'A key is shown once, when it is created: ask whoever runs this seqcast if you have none.'),
        ),
      ),
    );
    input.focus();
    return () => {
      alive = false;
    };
  };
}
