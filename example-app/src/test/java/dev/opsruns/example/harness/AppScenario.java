package dev.opsruns.example.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The base of the scenario classes: each concrete class is a {@code @ParameterizedClass} over
 * {@link TestDatabase}, so it runs once on H2 and once on PostgreSQL, each time against one app
 * started for the class on a fresh database. Tests of a class share that app, so each one uses its
 * own scope, backup set or policies, or compares counts before and after.
 *
 * <p>Concrete classes carry {@code @ParameterizedClass(name = "on {0}") @EnumSource(TestDatabase.class)}.
 */
public abstract class AppScenario {

    /** The database of this invocation. */
    @Parameter
    protected TestDatabase database;

    /** The app of this invocation. */
    protected static RunningApp app;

    @BeforeParameterizedClassInvocation
    static void startApp(TestDatabase kind) {
        app = RunningApp.start(kind);
    }

    @AfterParameterizedClassInvocation
    static void stopApp() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    /**
     * After each test: dispatch held jobs and wait until no run is active, so the next test starts from
     * a quiet app. Classes whose fixture keeps runs queued on purpose return false from
     * {@link #quietAfterEach()}.
     */
    @AfterEach
    void releaseHeldJobs() {
        if (app != null && quietAfterEach()) {
            app.gate().release();
            app.awaitQuiet();
        }
    }

    /** @return true to release held jobs and wait for active runs after each test */
    protected boolean quietAfterEach() {
        return true;
    }

    /**
     * Starts drift generation for a scope.
     *
     * @param user the caller
     * @param tenant the tenant
     * @param scopeKey the scope
     * @return the response
     */
    protected static Reply startDrift(String user, String tenant, String scopeKey) {
        return app.post(user, "/api/tenants/" + tenant + "/drift/generate", "{\"scope_key\":\"" + scopeKey + "\"}");
    }

    /**
     * Adds policies to a backup set.
     *
     * @param user the caller
     * @param tenant the tenant
     * @param backupSetId the set
     * @param policyIds the policy ids
     * @return the response
     */
    protected static Reply addPolicies(String user, String tenant, Object backupSetId, String... policyIds) {
        StringBuilder json = new StringBuilder("{\"policy_ids\":[");
        for (int i = 0; i < policyIds.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(policyIds[i]).append('"');
        }
        return app.post(user, "/api/tenants/" + tenant + "/backup-sets/" + backupSetId + "/policies", json.append("]}").toString());
    }

    /**
     * @param user the caller
     * @param tenant the tenant
     * @return the tenant's bucket counts
     */
    protected static JsonNode counts(String user, String tenant) {
        Reply r = app.get(user, "/api/tenants/" + tenant + "/runs/counts");
        if (r.status() != 200) {
            throw new AssertionError("counts answered " + r);
        }
        return r.json();
    }
}
