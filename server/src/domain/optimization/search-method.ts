/** Search methods (data-model.md lists latin_hypercube and bayesian; grid and random are added; TPE is the bayesian one). */
export const searchMethods = ['grid', 'random', 'latin_hypercube', 'bayesian'] as const;
export type SearchMethod = (typeof searchMethods)[number];
