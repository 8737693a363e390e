import { apiKey, clearApiKey, storeApiKey } from './api-key';

/** A Storage in memory (jest's unit tier runs in node, which has none). */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('the stored API key', () => {
  const globals = globalThis as unknown as { localStorage?: Storage; sessionStorage?: Storage };
  beforeEach(() => {
    globals.localStorage = new MemoryStorage();
    globals.sessionStorage = new MemoryStorage();
  });
  afterAll(() => {
    delete globals.localStorage;
    delete globals.sessionStorage;
  });

  it('"remember on this browser" keeps it in localStorage, otherwise in sessionStorage only', () => {
    storeApiKey('sqc_a_remembered', true);
    expect(globals.localStorage!.getItem('seqcast.apiKey')).toBe('sqc_a_remembered');
    expect(globals.sessionStorage!.getItem('seqcast.apiKey')).toBeNull();
    expect(apiKey()).toBe('sqc_a_remembered');

    storeApiKey('sqc_b_this_tab', false);
    expect(globals.localStorage!.getItem('seqcast.apiKey')).toBeNull(); // the other choice is forgotten
    expect(globals.sessionStorage!.getItem('seqcast.apiKey')).toBe('sqc_b_this_tab');
    expect(apiKey()).toBe('sqc_b_this_tab');
  });

  it("this tab's key wins over a remembered one; signing out forgets both", () => {
    globals.localStorage!.setItem('seqcast.apiKey', 'sqc_a_remembered');
    globals.sessionStorage!.setItem('seqcast.apiKey', 'sqc_b_this_tab');
    expect(apiKey()).toBe('sqc_b_this_tab');
    clearApiKey();
    expect(apiKey()).toBeNull();
    expect(globals.localStorage!.length + globals.sessionStorage!.length).toBe(0);
  });

  it('without storage (switched off by the browser) the key lives in the page', () => {
    delete globals.localStorage;
    delete globals.sessionStorage;
    storeApiKey('sqc_c_memory', true);
    expect(apiKey()).toBe('sqc_c_memory');
    clearApiKey();
    expect(apiKey()).toBeNull();
  });
});
