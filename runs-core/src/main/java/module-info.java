/**
 * opsruns core: the API of the run ledger ({@code dev.opsruns.core}) and the storage SPI a store
 * implements ({@code dev.opsruns.core.spi}). The engine behind them is not exported.
 */
module dev.opsruns.core {
    exports dev.opsruns.core;
    exports dev.opsruns.core.spi;
}
