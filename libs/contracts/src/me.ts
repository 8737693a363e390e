/** GET /v1/me: who the presented API key is. */
export interface MeDto {
  keyId: string;
  name: string;
  ownerId: string;
  /** Admin keys may open /admin (Bull Board shows every owner's jobs). */
  admin: boolean;
}
