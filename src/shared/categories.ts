/** Consent categories (DESIGN.md "Categories"). `necessary` is always granted. */
export const CATEGORIES = ['necessary', 'analytics', 'performance', 'marketing'] as const;

export type BuiltInCategory = (typeof CATEGORIES)[number];

/** Sites may add their own categories, so a category on the wire is any short name. */
export type Category = BuiltInCategory | (string & {});

/** Category names are short identifiers: they appear in cookies, data attributes and columns. */
export const CATEGORY_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** Choices per category: every category is explicitly true or false. */
export type Choices = Record<string, boolean>;
