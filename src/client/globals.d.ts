/** Compile-time constants that vite.config.ts `define`s (replaced in every build and test run). */

/** False only in the build made with `CL_VITALS=0`: code under `if (__CL_VITALS__)` is then dropped. */
declare const __CL_VITALS__: boolean;
