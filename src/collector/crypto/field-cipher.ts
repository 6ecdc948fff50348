import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** One data key: 32 bytes for AES-256-GCM, and the id written beside every value it encrypts. */
export interface DataKey {
  id: string;
  bytes: Buffer;
}

const PREFIX = 'e1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypt one column value: `e1.<key id>.<iv>.<ciphertext+tag>` (base64url). AES-256-GCM with a
 * fresh random 96-bit IV per value, and the column name as additional data, so a value copied into
 * another column no longer decrypts.
 */
export function encryptField(key: DataKey, column: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(column));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}.${key.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The key id a stored value was encrypted under, or null when it is not an encrypted value. */
export function keyIdOf(value: string): string | null {
  const parts = value.split('.');
  return parts.length === 4 && parts[0] === PREFIX ? (parts[1] as string) : null;
}

/**
 * Decrypt a value made by encryptField. A value under a key the ring lacks, or one that fails
 * authentication (wrong key, tampering, another column), throws: never a garbage row.
 */
export function decryptField(keys: ReadonlyMap<string, DataKey>, column: string, value: string): string {
  const [prefix, id, iv, body] = value.split('.');
  if (prefix !== PREFIX || !id || !iv || !body) throw new Error(`${column}: not an encrypted value`);
  const key = keys.get(id);
  if (!key) throw new Error(`${column}: encrypted under data key ${id}, which is not configured`);
  const data = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(column));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(data.subarray(0, data.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new Error(`${column}: value does not decrypt with data key ${id} (wrong key or altered data)`);
  }
}

/**
 * A keyed hash (HMAC-SHA-256, 128 bits as 32 hex) stored beside the cipher text, so equality
 * lookups and distinct counts work without decrypting. Without the index key it cannot be
 * recomputed from a guessed id.
 */
export function blindIndex(indexKey: Buffer, value: string): string {
  return createHmac('sha256', indexKey).update(value).digest('hex').slice(0, 32);
}
