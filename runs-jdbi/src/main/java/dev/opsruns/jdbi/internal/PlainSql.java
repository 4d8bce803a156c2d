package dev.opsruns.jdbi.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A statement written with {@code :name} parameters, turned once into JDBC's positional form, for the
 * hot paths that go to the connection directly. JDBI builds a statement context, a copy of its
 * configuration and an argument binder for every statement; at a few thousand starts a second that
 * set-up costs more client time than the round trip, so the starts skip it.
 *
 * <p>The parser knows the SQL this store writes: single-quoted literals and {@code ::} casts are not
 * parameters; a name is a letter or underscore followed by letters, digits and underscores.
 */
final class PlainSql {

    private final String jdbcSql;
    private final Map<String, int[]> positions;

    private PlainSql(String jdbcSql, Map<String, int[]> positions) {
        this.jdbcSql = jdbcSql;
        this.positions = positions;
    }

    /**
     * @param namedSql SQL with {@code :name} parameters
     * @return the compiled form
     * @throws IllegalArgumentException when a literal is not closed
     */
    static PlainSql of(String namedSql) {
        StringBuilder jdbc = new StringBuilder(namedSql.length());
        Map<String, List<Integer>> found = new LinkedHashMap<>();
        int position = 0;
        int i = 0;
        while (i < namedSql.length()) {
            char c = namedSql.charAt(i);
            if (c == '\'') {
                int end = namedSql.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed literal in: " + namedSql);
                }
                jdbc.append(namedSql, i, end + 1);
                i = end + 1;
            } else if (c == ':' && i + 1 < namedSql.length() && namedSql.charAt(i + 1) == ':') {
                jdbc.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < namedSql.length() && isNameStart(namedSql.charAt(i + 1))) {
                int end = i + 2;
                while (end < namedSql.length() && isNamePart(namedSql.charAt(end))) {
                    end++;
                }
                found.computeIfAbsent(namedSql.substring(i + 1, end), n -> new ArrayList<>()).add(++position);
                jdbc.append('?');
                i = end;
            } else {
                jdbc.append(c);
                i++;
            }
        }
        Map<String, int[]> positions = new LinkedHashMap<>();
        found.forEach((name, at) -> positions.put(name, at.stream().mapToInt(Integer::intValue).toArray()));
        return new PlainSql(jdbc.toString(), Map.copyOf(positions));
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** @return the SQL with {@code ?} in place of every parameter */
    String jdbcSql() {
        return jdbcSql;
    }

    /**
     * @param connection the connection
     * @return a prepared statement and its named parameters; close it
     * @throws SQLException when the driver cannot prepare it
     */
    PlainStatement prepare(Connection connection) throws SQLException {
        return new PlainStatement(connection.prepareStatement(jdbcSql), positions);
    }
}
