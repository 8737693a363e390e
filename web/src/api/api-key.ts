// The API key this browser uses, kept in localStorage. Asked for once, and again after a 401.
const STORAGE_KEY = 'seqcast.apiKey';

export function apiKey(): string | null {
  return localStorage.getItem(STORAGE_KEY);
}

/** Prompts for a key (printed by `npm start` / `npm run apikey -- create`); null if dismissed. */
export function askForApiKey(reason: string): string | null {
  const key = window.prompt(`${reason}\nPaste your seqcast API key (npm run apikey -- create --name you):`)?.trim();
  if (key) localStorage.setItem(STORAGE_KEY, key);
  return key || null;
}
