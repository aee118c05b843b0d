// Hollow nodes live in chaos/ (benchmarks and the chaos harness use them too).
export * from '../../chaos/hollow-nodes.ts';
