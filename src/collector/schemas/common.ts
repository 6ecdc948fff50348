/** Small builders for bounded JSON Schemas (STYLE.md §9: every string has a maximum). */
export type JsonSchema = Record<string, unknown>;

export const string = (maxLength: number, minLength = 0): JsonSchema => ({
  type: 'string',
  minLength,
  maxLength,
});

/** Keys of T that are not optional: pins each schema's `required` list to its wire type. */
export type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** `required` for a schema, spelled as an object so the compiler checks it is complete and exact. */
export const requiredList = <T>(keys: { [K in RequiredKeys<T>]: true }): string[] => Object.keys(keys);
