/** Values the global setup hands to every test file (vitest `provide` / `inject`). */
export {};
declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance URL of the test PostgreSQL server. */
    testAdminUrl: string;
    /** A migrated database every test file clones (graphile-worker's test-template pattern). */
    testTemplateDatabase: string;
  }
}
