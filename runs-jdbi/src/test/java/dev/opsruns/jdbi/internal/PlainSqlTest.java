package dev.opsruns.jdbi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlainSqlTest {

    @Test
    void named_parameters_become_positions_in_order() {
        PlainSql sql = PlainSql.of("SELECT a FROM t WHERE tenant_id = :tenant AND key_1 = :key_1");

        assertEquals("SELECT a FROM t WHERE tenant_id = ? AND key_1 = ?", sql.jdbcSql());
    }

    @Test
    void literals_and_casts_are_not_parameters() {
        PlainSql sql = PlainSql.of("SELECT ':not', x::jsonb, CAST(:context AS jsonb) WHERE s IN ('pending', 'a:b')");

        assertEquals("SELECT ':not', x::jsonb, CAST(? AS jsonb) WHERE s IN ('pending', 'a:b')", sql.jdbcSql());
    }

    @Test
    void an_unclosed_literal_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainSql.of("SELECT 'open"));
        assertTrue(e.getMessage().contains("unclosed literal"), e.getMessage());
    }

    @Test
    void the_active_run_lookup_compiles_to_its_tenant_and_key_on_both_databases() {
        for (Dialect d : new Dialect[] {new H2Dialect(), new PostgresDialect()}) {
            assertEquals(2, d.selectActiveRun().jdbcSql().chars().filter(c -> c == '?').count(), d.vendor().name());
            assertTrue(!d.selectActiveRun().jdbcSql().contains(":"), d.vendor().name());
        }
    }
}
