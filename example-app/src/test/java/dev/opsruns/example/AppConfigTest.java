package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsruns.example.db.EmbeddedEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void no_variables_means_the_documented_defaults() {
        AppConfig c = AppConfig.fromEnvironment(Map.of());
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.dbUrl()).isNull();
        assertThat(c.embeddedDb()).isEqualTo(EmbeddedEngine.POSTGRESQL);
        assertThat(c.effectiveDbUrl()).as("the embedded PostgreSQL's port is chosen at start").isNull();
        assertThat(c.reaperInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.workerHeartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.storeRetryTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.purgeInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(c.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(c.staleHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.queueTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.seedDemoData()).isTrue();
    }

    @Test
    void variables_override_the_defaults_in_both_duration_forms() {
        AppConfig c = AppConfig.fromEnvironment(Map.of(
                "OPSRUNS_PORT", "0",
                "OPSRUNS_DB_URL", "jdbc:postgresql://db:5432/ops",
                "OPSRUNS_DB_USER", "ops",
                "OPSRUNS_REAPER_INTERVAL", "15s",
                "OPSRUNS_RETENTION", "P30D",
                "OPSRUNS_SEED_DEMO_DATA", "false"));
        assertThat(c.port()).isZero();
        assertThat(c.effectiveDbUrl()).isEqualTo("jdbc:postgresql://db:5432/ops");
        assertThat(c.dbUser()).isEqualTo("ops");
        assertThat(c.reaperInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.seedDemoData()).isFalse();
    }

    @Test
    void a_bad_value_names_its_variable_and_what_is_accepted() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("OPSRUNS_PORT", "seventy")))
                .hasMessageContaining("OPSRUNS_PORT").hasMessageContaining("integer");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("OPSRUNS_PORT", "70000")))
                .hasMessageContaining("OPSRUNS_PORT").hasMessageContaining("0-65535");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("OPSRUNS_RETENTION", "forever")))
                .hasMessageContaining("OPSRUNS_RETENTION").hasMessageContaining("90d");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("OPSRUNS_PURGE_INTERVAL", "0s")))
                .hasMessageContaining("OPSRUNS_PURGE_INTERVAL").hasMessageContaining("positive");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("OPSRUNS_DB_URL", "jdbc:mysql://x/y?password=secret")))
                .hasMessageContaining("OPSRUNS_DB_URL").hasMessageNotContaining("secret");
    }

    @Test
    void the_embedded_h2_file_keeps_its_own_shutdown_hook_off() {
        AppConfig c = AppConfig.fromEnvironment(Map.of("OPSRUNS_EMBEDDED_DB", "h2"));
        assertThat(c.effectiveDbUrl()).startsWith("jdbc:h2:file:").contains("opsruns-demo").contains(";DB_CLOSE_ON_EXIT=FALSE");
        assertThat(c.dbUser()).isEqualTo("sa");
        assertThat(dev.opsruns.example.db.ConnectionPool.withoutH2ExitHook("jdbc:h2:mem:x"))
                .isEqualTo("jdbc:h2:mem:x;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(dev.opsruns.example.db.ConnectionPool.withoutH2ExitHook("jdbc:postgresql://h/d")).isEqualTo("jdbc:postgresql://h/d");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("OPSRUNS_EMBEDDED_DB", "sqlite")))
                .hasMessageContaining("OPSRUNS_EMBEDDED_DB").hasMessageContaining("postgresql or h2");
    }

    @Test
    void a_stale_timeout_a_live_worker_could_reach_is_refused() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(
                "OPSRUNS_STALE_HEARTBEAT_TIMEOUT", "10s", "OPSRUNS_WORKER_HEARTBEAT_INTERVAL", "2s", "OPSRUNS_STORE_RETRY_TIMEOUT", "8s")))
                .hasMessageContaining("OPSRUNS_STALE_HEARTBEAT_TIMEOUT").hasMessageContaining("WORKER_HEARTBEAT_INTERVAL");
    }

    @Test
    void the_claim_lease_defaults_to_three_quarters_of_the_stale_timeout_and_db_scheduler_takes_the_embedded_postgresql() {
        assertThat(AppConfig.fromEnvironment(Map.of()).claimLease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(AppConfig.fromEnvironment(Map.of("OPSRUNS_STALE_HEARTBEAT_TIMEOUT", "5s", "OPSRUNS_WORKER_HEARTBEAT_INTERVAL",
                "500ms", "OPSRUNS_STORE_RETRY_TIMEOUT", "2s")).claimLease()).isEqualTo(Duration.ofMillis(3_750));
        assertThat(AppConfig.fromEnvironment(Map.of("OPSRUNS_CLAIM_LEASE", "3s")).claimLease()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("OPSRUNS_CLAIM_LEASE", "20s")))
                .hasMessageContaining("CLAIM_LEASE").hasMessageContaining("STALE_HEARTBEAT_TIMEOUT");
        assertThat(AppConfig.fromEnvironment(Map.of("OPSRUNS_DISPATCHER", "db-scheduler")).dispatcher())
                .isEqualTo(AppConfig.Dispatcher.DB_SCHEDULER);
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("OPSRUNS_DISPATCHER", "db-scheduler", "OPSRUNS_EMBEDDED_DB", "h2")))
                .hasMessageContaining("DISPATCHER").hasMessageContaining("PostgreSQL");
    }
}
