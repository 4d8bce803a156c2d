/**
 * The opsruns API: the run record and its values, the write side {@link dev.opsruns.core.RunRegistry},
 * the read side {@link dev.opsruns.core.RunQueries}, idempotency keys, status buckets, the failure
 * sanitizer, access rules and the exception hierarchy.
 *
 * <p>Everything here is framework-free: no SQL, JSON library or HTTP. Stores (in-memory in the
 * testkit, JDBI in {@code runs-jdbi}) implement the interfaces and pass the same contract suites.
 */
package dev.opsruns.core;
