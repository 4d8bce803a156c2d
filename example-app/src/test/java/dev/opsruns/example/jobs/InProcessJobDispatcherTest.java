package dev.opsruns.example.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.core.Principal;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunClaim;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunLedger;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StartRequest;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.TenantRole;
import dev.opsruns.testkit.InMemoryRunLedger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: no new jobs, queued ones dropped (their runs stay pending), running ones finish. */
class InProcessJobDispatcherTest {

    private static final RunType TYPE = RunType.of("test.slow");
    private static final TenantId TENANT = TenantId.of("t1");

    private final RunLedger ledger = InMemoryRunLedger.create();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch proceed = new CountDownLatch(1);

    private final RunJob slowJob = new RunJob() {
        @Override
        public RunType runType() {
            return TYPE;
        }

        @Override
        public void execute(Run run, RunClaim claim) throws InterruptedException {
            started.countDown();
            proceed.await();
            ledger.registry().finish(claim);
        }
    };

    private RunId newRun(int n) {
        Principal p = new Principal("u1", "User One", Map.of(TENANT, TenantRole.OPERATOR));
        return ledger.registry().startOrReuse(StartRequest.byUser(p, TENANT, TYPE,
                RunContext.builder().put("n", n).build())).run().id();
    }

    @Test
    void shutdown_lets_the_running_job_finish_and_leaves_queued_runs_pending() throws Exception {
        InProcessJobDispatcher dispatcher = new InProcessJobDispatcher(new JobRunner(ledger.registry(), List.of(slowJob)), 1);
        RunId running = newRun(1);
        RunId queued = newRun(2);
        assertThat(dispatcher.dispatch(running)).isTrue();
        assertThat(dispatcher.dispatch(queued)).isTrue();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(() -> dispatcher.shutdown(Duration.ofSeconds(10)));
        stopper.start();
        while (dispatcher.dispatch(newRun(3))) {
            Thread.onSpinWait(); // until shutdown has begun: from then on nothing is taken
        }
        proceed.countDown();
        stopper.join(10_000);

        assertThat(stopper.isAlive()).isFalse();
        assertThat(ledger.registry().get(running).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ledger.registry().get(queued).status()).isEqualTo(RunStatus.PENDING);
    }

    @Test
    void a_job_that_throws_ends_its_run_failed_with_an_error_id_and_not_the_exception_text() throws Exception {
        RunJob broken = new RunJob() {
            @Override
            public RunType runType() {
                return TYPE;
            }

            @Override
            public void execute(Run run, RunClaim claim) {
                throw new IllegalStateException("jdbc:postgresql://db/ops?password=hunter2 exploded");
            }
        };
        RunId id = newRun(4);

        new JobRunner(ledger.registry(), List.of(broken)).run(id);

        Run run = ledger.registry().get(id);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failure().reasonCode()).isEqualTo(JobRunner.UNEXPECTED_ERROR);
        assertThat(run.failure().message()).contains("error id").doesNotContain("hunter2").doesNotContain("exploded");
    }
}
