package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.opsruns.example.auth.ApiTokens;
import dev.opsruns.example.db.AppMigrations;
import dev.opsruns.example.harness.AppScenario;
import dev.opsruns.example.harness.Reply;
import dev.opsruns.example.harness.TestDatabase;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bearer tokens are stored only as hashes: the first start shows them once, later starts cannot (and
 * the old tokens keep working), a signed-in user creates a new one that replaces the old, and the
 * start-up output offers sign-in links only on loopback.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class ApiTokenTest extends AppScenario {

    private static final String NEW_TOKEN_USER = "fabrikam.operator";
    private static final Pattern TOKEN_ON_PAGE = Pattern.compile("data-api-token>(demo-[0-9a-f]{32})<");

    @Test
    void the_database_holds_hashes_and_a_restart_shows_no_token_but_keeps_them_working() {
        Map<String, String> issued = app.server().issuedTokens();
        assertThat(issued).hasSize(9).containsKey("contoso.operator");
        List<String> rows = app.allRows();
        issued.forEach((user, token) -> {
            assertThat(rows).as("no row holds a token in clear").noneMatch(row -> row.contains(token));
            if (!user.equals(NEW_TOKEN_USER)) { // the other test may have replaced that one's token already
                assertThat(rows).as("the users table holds its hash").anyMatch(row -> row.toLowerCase(Locale.ROOT)
                        .startsWith("users: " + user + " ") && row.contains(ApiTokens.hash(token)));
            }
        });
        app = app.restart();
        assertThat(app.server().issuedTokens()).as("only a fresh database's start has tokens to show").isEmpty();
        assertThat(app.get("contoso.operator", "/api/me").status()).isEqualTo(200);
        assertThat(ExampleApp.banner(app.server())).doesNotContain(issued.get("contoso.operator")).contains("create one on");
    }

    @Test
    void a_signed_in_user_creates_a_new_token_that_replaces_the_old_one() {
        String user = NEW_TOKEN_USER;
        String old = app.token(user);
        String cookie = app.signIn(user);
        Reply home = app.pageInSession(cookie, "/");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(home.body());
        assertThat(csrf.find()).as(home.body()).isTrue();
        assertThat(app.postForm(cookie, "/account/api-token", "").status()).as("the form's token is required").isEqualTo(403);

        Reply created = app.postForm(cookie, "/account/api-token", "csrf=" + csrf.group(1));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        Matcher token = TOKEN_ON_PAGE.matcher(created.body());
        assertThat(token.find()).as(created.body()).isTrue();
        String fresh = token.group(1);
        assertThat(app.allRows()).noneMatch(row -> row.contains(fresh));
        assertThat(bearer(fresh)).isEqualTo(200);
        assertThat(bearer(old)).as("the previous token no longer works").isEqualTo(401);
    }

    @Test
    void the_migration_hashes_the_tokens_of_an_existing_database_as_the_app_does() throws Exception {
        try (TestDatabase.Instance db = database.create(); HikariDataSource ds = new HikariDataSource()) {
            String[] jdbc = db.jdbc();
            ds.setJdbcUrl(jdbc[0]);
            ds.setUsername(jdbc[1]);
            ds.setPassword(jdbc[2]);
            String folder = database == TestDatabase.H2 ? "h2" : "postgresql";
            Flyway.configure().dataSource(ds).locations("classpath:db/app/" + folder).target("1").load().migrate();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO users (id, display_name, api_token) VALUES ('old.user', 'Old User', 'demo-0123456789abcdef0123456789abcdef')");
            }
            AppMigrations.migrate(ds);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT api_token_sha256 FROM users WHERE id = 'old.user'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(ApiTokens.hash("demo-0123456789abcdef0123456789abcdef"));
            }
        }
    }

    @Test
    void start_up_prints_sign_in_links_on_loopback_only_and_warns_elsewhere() {
        String loopback = ExampleApp.banner(app.server().baseUrl(), "embedded", AppConfig.builder().build(), app.server().demoUsers(),
                Map.of("contoso.operator", "demo-00000000000000000000000000000000"));
        assertThat(loopback).contains(app.server().baseUrl() + "/sign-in?user=contoso.operator")
                .contains("demo-00000000000000000000000000000000").doesNotContain("WARNING");
        String everywhere = ExampleApp.banner("http://localhost:7070", "embedded", AppConfig.builder().host("0.0.0.0").build(),
                app.server().demoUsers(), Map.of());
        assertThat(everywhere).contains("WARNING: bound to 0.0.0.0").contains("anyone who can reach this port")
                .doesNotContain("/sign-in?user=");
        Reply only = app.get(null, "/sign-in?user=contoso.operator");
        assertThat(only.body()).contains("value=\"contoso.operator\"").doesNotContain("value=\"contoso.owner\"")
                .contains("All demo users");
    }

    private static int bearer(String token) {
        return app.send(HttpRequest.newBuilder(app.uri("/api/me")).header("Authorization", "Bearer " + token)).status();
    }
}
