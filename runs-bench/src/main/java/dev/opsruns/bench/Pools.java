package dev.opsruns.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The one way benchmarks get connections, so library and baseline share the same pool settings. */
final class Pools {

    /** Enough for the widest benchmark (16 threads) plus the recorder's flush and a spare. */
    static final int BENCH_POOL_SIZE = 18;

    private Pools() {
    }

    /**
     * @param url JDBC URL
     * @param user user
     * @param size fixed pool size
     * @param name pool name (shows in thread names)
     * @return a fixed-size pool with HikariCP's defaults otherwise (auto-commit on) and the driver's
     *     defaults (pgJDBC: server-side prepare after 5 uses)
     */
    static HikariDataSource open(String url, String user, int size, String name) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword("");
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        c.setPoolName(name);
        return new HikariDataSource(c);
    }

    static HikariDataSource open(BenchEnv env, int size, String name) {
        return open(env.url(), env.user(), size, name);
    }
}
