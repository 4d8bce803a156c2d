package dev.opsruns.example.fleet;

import dev.opsruns.example.AppConfig;
import dev.opsruns.example.ExampleAppServer;
import dev.opsruns.example.policy.DemoPolicySource;

/**
 * One app instance of the fleet proof, in a JVM of its own: the real app from the environment's
 * settings, with the demo policy source slowed down by {@code FLEET_CAPTURE_DELAY_MS} per policy so
 * that backup-set runs are still running when the test kills an instance. Prints {@code READY <url>}.
 */
public final class FleetAppMain {

    private FleetAppMain() {
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnvironment(System.getenv());
        long delay = Long.parseLong(System.getenv().getOrDefault("FLEET_CAPTURE_DELAY_MS", "0"));
        ExampleAppServer app = ExampleAppServer.builder(config).policySource(policies -> {
            DemoPolicySource demo = new DemoPolicySource(policies);
            return (tenant, policyId) -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return demo.capture(tenant, policyId);
            };
        }).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        // Only the seeding start knows the tokens (the database keeps their hashes): hand them to the test.
        app.issuedTokens().forEach((userId, token) -> System.out.println("TOKEN " + userId + " " + token));
        System.out.println("READY " + app.baseUrl());
        System.out.flush();
    }
}
