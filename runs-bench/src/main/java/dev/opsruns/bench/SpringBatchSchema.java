package dev.opsruns.bench;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/** Spring Batch's own shipped schema (from spring-batch-core), dropped and created afresh for each run. */
final class SpringBatchSchema {

    private SpringBatchSchema() {
    }

    /**
     * @param database which database, for the script's dialect
     * @param dataSource where
     * @throws SQLException when the scripts fail
     */
    static void recreate(Database database, DataSource dataSource) throws SQLException {
        String dialect = database == Database.POSTGRES ? "postgresql" : "h2";
        try (Connection c = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(c, new EncodedResource(new ClassPathResource(
                    "org/springframework/batch/core/schema-drop-" + dialect + ".sql")), true, true,
                    ScriptUtils.DEFAULT_COMMENT_PREFIX, ScriptUtils.DEFAULT_STATEMENT_SEPARATOR,
                    ScriptUtils.DEFAULT_BLOCK_COMMENT_START_DELIMITER, ScriptUtils.DEFAULT_BLOCK_COMMENT_END_DELIMITER);
            ScriptUtils.executeSqlScript(c, new ClassPathResource("org/springframework/batch/core/schema-" + dialect + ".sql"));
        }
    }
}
