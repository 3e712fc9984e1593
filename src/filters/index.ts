// Log filters: the query language evaluated in memory, the keep/drop filter model, and the per-connector chain.
export { compileMatcher, compileMatcherFromAst, type MatcherOptions, type RecordMatcher } from './matcher.js';
export { LogFilterSchema, queryProblem, validateLogFilter, type LogFilter } from './filter.js';
export { FilterChain, type ChainSnapshot, type ConnectorFilters, type FilterCounters, type FilterCounterSnapshot } from './chain.js';
