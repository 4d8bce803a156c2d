package dev.opsruns.example.harness;

import dev.opsruns.example.ExampleApp;
import dev.opsruns.example.ExampleAppServer;

/**
 * The reference app as a child JVM, started exactly as {@code java -jar} starts it
 * ({@link ExampleApp#launch}: settings from the environment, the same shutdown hook), that then prints
 * one line for its parent: {@code READY <base url> <contoso.operator token> <embedded PostgreSQL port or -1>}.
 */
public final class AppProcessMain {

    private AppProcessMain() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        ExampleAppServer app = ExampleApp.launch(System.getenv());
        // tokens are shown once, on the first start; a restarted child issues a fresh one for its parent
        String token = app.issuedTokens().get("contoso.operator");
        if (token == null) {
            token = app.users().issueToken("contoso.operator");
        }
        System.out.println("READY " + app.baseUrl() + " " + token + " " + app.database().embeddedPort());
        System.out.flush();
    }
}
