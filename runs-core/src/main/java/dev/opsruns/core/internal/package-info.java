/**
 * Implementation details of runs-core. Nothing in this package is API: it may change in any
 * release without notice. Use the types in {@link dev.opsruns.core} instead.
 */
package dev.opsruns.core.internal;
