// The canonical posting is the contract between the pipeline and the warehouses, so it
// is defined in providers/core; the pipeline speaks of it through this module.
export * from '../../providers/core/posting.ts';
