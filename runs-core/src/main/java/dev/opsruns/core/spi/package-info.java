/**
 * The storage SPI: the few atomic primitives a store implements so that the ledger's engine can run
 * every rule of opsruns over it. A store implements {@link dev.opsruns.core.spi.RunStore}, hands it to
 * {@link dev.opsruns.core.RunLedger#over(RunStore, dev.opsruns.core.RunsConfig)}, and proves itself by
 * extending the contract kit's {@code RunStoreContract} and {@code RunLedgerContract} (runs-testkit).
 *
 * <p>Nothing here checks input, access or semantics: the engine has done that before any primitive is
 * called, and passes values that are already valid, sanitized and timestamped.
 */
package dev.opsruns.core.spi;
