// The API key this browser uses: in localStorage when the user chose "remember on this browser",
// otherwise in sessionStorage (gone when the tab closes). The sign-in view (auth/) sets it; the API
// client sends it and reports a 401 to whoever listens (the session, which shows the sign-in again).
const STORAGE_KEY = 'seqcast.apiKey';

/** Storage can be switched off (privacy modes throw on access): then the key lives for this page. */
let inMemory: string | null = null;

function stores(): Storage[] {
  try {
    return [sessionStorage, localStorage];
  } catch {
    return [];
  }
}

export function apiKey(): string | null {
  for (const storage of stores()) {
    const key = storage.getItem(STORAGE_KEY);
    if (key) return key;
  }
  return inMemory;
}

export function storeApiKey(key: string, remember: boolean): void {
  clearApiKey();
  try {
    (remember ? localStorage : sessionStorage).setItem(STORAGE_KEY, key);
  } catch {
    inMemory = key;
  }
}

export function clearApiKey(): void {
  inMemory = null;
  for (const storage of stores()) storage.removeItem(STORAGE_KEY);
}

/** Whether a storage event (another tab) changed the remembered key. */
export const isApiKeyStorageEvent = (event: StorageEvent) => event.key === STORAGE_KEY || event.key === null;

let rejectedListener: ((message: string) => void) | undefined;

/** Called with the API's message when the stored key gets a 401 (revoked, deleted, …). */
export function onApiKeyRejected(listener: (message: string) => void): void {
  rejectedListener = listener;
}

export function reportApiKeyRejected(message: string): void {
  rejectedListener?.(message);
}
