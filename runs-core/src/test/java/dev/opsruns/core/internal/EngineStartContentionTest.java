package dev.opsruns.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStartContendedException;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.spi.InsertOutcome;
import dev.opsruns.core.spi.RunStore;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine's start loop when every insert loses to a run that ends before it can be read: a store
 * that only ever answers {@link InsertOutcome.Contended} (no database can be made to do that on cue).
 */
class EngineStartContentionTest {

    @Test
    void a_start_that_stays_contended_gives_up_with_a_typed_exception_after_the_configured_retries() {
        AtomicInteger inserts = new AtomicInteger();
        RunStore alwaysContended = (RunStore) Proxy.newProxyInstance(RunStore.class.getClassLoader(),
                new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("insertUnlessActive")) {
                        inserts.incrementAndGet();
                        return InsertOutcome.CONTENDED;
                    }
                    throw new AssertionError("the start loop called " + method.getName());
                });
        RunLedger ledger = RunLedger.over(alwaysContended, RunsConfig.builder().startRetries(3).build());
        StartRequest request = StartRequest.bySystem("scheduler", TenantId.of("contoso"), RunType.of("drift.generate"),
                RunContext.builder().put("scope", "all").build());

        RunStartContendedException e = assertThrows(RunStartContendedException.class,
                () -> ledger.registry().startOrReuse(request));
        assertEquals(4, inserts.get(), "the first attempt and three retries");
        assertEquals(4, e.attempts());
        assertEquals(request.idempotencyKey(), e.idempotencyKey());
        assertEquals(TenantId.of("contoso"), e.tenantId());
        assertNull(e.getCause(), "no store failure stands behind it");
    }
}
