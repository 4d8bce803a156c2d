package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.CredentialScan;
import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import dev.opsruns.hub.host.HeadlessChromium;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Operations hub in a real browser (Debian's headless Chromium) against the app running in-process
 * on H2: sign in, start both producers from their pages, follow "View run", watch the detail refresh
 * itself to the end, follow the related links, filter the list, and see what a readonly user and a
 * stranger to a tenant get. Screenshots of the pages land in {@code target/screenshots/}.
 *
 * <p>The tests run in order and share one app, so later ones find the runs earlier ones made.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsHubBrowserTest {

    private static final By H1 = By.tagName("h1");
    private static final By DETAIL_BADGE = By.cssSelector(".h1-badge .badge");
    private static final By REFRESH_STATUS = By.cssSelector("[data-refresh-status]");

    private static RunningApp app;
    private static HeadlessChromium chromium;
    private static WebDriver driver;

    /** Keeps a screenshot and the page source of a failing step. */
    @RegisterExtension
    final TestWatcher keepFailures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (chromium != null) {
                String name = "failed-" + context.getRequiredTestMethod().getName();
                chromium.screenshot(name);
                try {
                    java.nio.file.Files.writeString(HeadlessChromium.SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
                } catch (java.io.IOException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    };

    @BeforeAll
    static void startAppAndBrowser() {
        HeadlessChromium.assumeInstalled();
        app = RunningApp.start(TestDatabase.H2);
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    @Order(1)
    void an_operator_generates_drift_follows_view_run_and_watches_it_succeed() {
        open("/tenants/contoso/operations");
        assertThat(driver.getCurrentUrl()).as("not signed in: sent to sign in, and back afterwards").contains("/sign-in?next=");
        chromium.screenshot("sign-in");
        click(By.cssSelector("button[value='contoso.operator']"));
        waitForHeading("Operations");
        assertThat(driver.getCurrentUrl()).endsWith("/tenants/contoso/operations");

        click(By.linkText("Drift"));
        waitForHeading("Drift");
        app.gate().hold(); // the run stays queued until released, so the page is seen refreshing
        click(By.cssSelector("form[data-scope='all_policies'] button"));
        WebElement notice = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-start-notice]")));
        assertThat(notice.getDomAttribute("data-start-notice")).isEqualTo("queued");
        assertThat(notice.getText()).contains("Drift generation queued").contains("Queued");
        chromium.screenshot("drift-landing");

        notice.findElement(By.linkText("View run")).click();
        waitForDetail("Drift generation");
        assertThat(driver.findElement(DETAIL_BADGE).getText()).isEqualTo("Queued");
        chromium.await().until(ExpectedConditions.textToBePresentInElementLocated(REFRESH_STATUS, "refresh every"));
        js("window.opsrunsSamePage = true;");

        app.gate().release();
        chromium.await().until(ExpectedConditions.textToBe(DETAIL_BADGE, "Succeeded"));
        assertThat(js("return window.opsrunsSamePage === true;")).as("refreshed in place, not reloaded").isEqualTo(true);
        chromium.await().until(ExpectedConditions.textToBePresentInElementLocated(REFRESH_STATUS, "refreshing stopped"));
        String detail = text(By.tagName("main"));
        assertThat(detail).contains("50 / 50").contains("Contoso Operator").contains("all_policies");
        chromium.screenshot("operations-detail");

        click(By.linkText("Drift findings"));
        waitForHeading("Drift findings");
        assertThat(text(By.cssSelector(".summary-counts"))).contains("4 added").contains("2 removed").contains("3 changed");
        assertThat(cells("table[data-change='added'] tbody th")).containsExactly("contoso-pol-047", "contoso-pol-048",
                "contoso-pol-049", "contoso-pol-050");
        assertThat(cells("table[data-change='removed'] tbody th")).containsExactly("contoso-pol-045", "contoso-pol-046");
        chromium.screenshot("drift-findings");
    }

    @Test
    @Order(2)
    void adding_policies_shows_a_partially_succeeded_run_with_sanitized_item_failures() {
        signIn("contoso.operator");
        open("/tenants/contoso/operations");
        click(By.linkText("Backup sets"));
        waitForHeading("Backup sets");
        click(By.linkText("Baseline before Windows 11 rollout"));
        waitForHeading("Baseline before Windows 11 rollout");
        for (String policy : List.of("contoso-pol-001", "contoso-pol-002", "contoso-pol-005", "contoso-pol-008", "contoso-pol-011")) {
            click(By.id("policy-" + policy));
        }
        click(By.xpath("//button[normalize-space()='Add policies']"));
        WebElement notice = chromium.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-start-notice]")));
        assertThat(notice.getText()).contains("Adding policies queued");

        notice.findElement(By.linkText("View run")).click();
        waitForDetail("Add policies to backup set");
        chromium.await().until(ExpectedConditions.textToBe(DETAIL_BADGE, "Partially succeeded"));
        assertThat(cells("table.item-failures tbody th")).containsExactly("contoso-pol-005", "contoso-pol-008", "contoso-pol-011");
        assertThat(driver.findElements(By.cssSelector("[data-reason-group]")).stream()
                .map(g -> g.getDomAttribute("data-reason-group")).toList())
                .as("one group per reason code").containsExactly("graph.not_found", "graph.forbidden", "graph.throttled");
        assertThat(text(By.cssSelector("table.runs, .facts"))).contains("2 ok").contains("3 failed");
        assertThat(text(By.cssSelector("[aria-labelledby='item-failures-h']"))).contains("404 Not Found").contains("403 Forbidden")
                .contains("429 Too Many Requests");
        assertThat(CredentialScan.leaksIn(List.of(driver.getPageSource()))).as("credentials on the page").isEmpty();
        chromium.screenshot("operations-detail-partially-succeeded");

        click(By.linkText("Backup set"));
        waitForHeading("Baseline before Windows 11 rollout");
        assertThat(cells("table.items tbody th")).containsExactly("contoso-pol-001", "contoso-pol-002");
        assertThat(cells("table.failed-items tbody th")).as("the policies that failed are listed too")
                .containsExactly("contoso-pol-005", "contoso-pol-008", "contoso-pol-011");
        chromium.screenshot("backup-set");
    }

    @Test
    @Order(3)
    void the_list_filters_by_bucket_and_type_and_keeps_the_filters_in_the_url() {
        String failed = app.post("contoso.operator", "/api/tenants/contoso/drift/generate", "{\"scope_key\":\"scripts\"}")
                .json().path("run").path("id").asText();
        app.awaitEnded("contoso.operator", "contoso", failed);
        signIn("contoso.operator");
        open("/tenants/contoso/operations/" + failed);
        waitForDetail("Drift generation");
        assertThat(driver.findElements(By.linkText("Drift findings"))).as("a failed run produced no findings").isEmpty();
        chromium.screenshot("operations-detail-failed");
        open("/tenants/contoso/operations/" + failed + "/drift-findings");
        assertThat(driver.findElements(By.cssSelector("[data-findings-unavailable]"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector(".summary-counts"))).as("no 0 / 0 / 0 that reads as no drift").isEmpty();
        open("/");
        waitForHeading("Your tenants");
        click(By.cssSelector("main a[href='/tenants/contoso/operations']"));
        waitForHeading("Operations");
        assertThat(buckets()).containsExactly("failed", "partially_succeeded", "succeeded");
        chromium.screenshot("operations-list");

        click(By.cssSelector("a.tab-succeeded"));
        waitForHeading("Operations");
        assertThat(driver.getCurrentUrl()).contains("bucket=succeeded");
        assertThat(buckets()).containsOnly("succeeded").isNotEmpty();
        assertThat(driver.findElement(By.cssSelector("a.tab-succeeded")).getDomAttribute("aria-current")).isEqualTo("page");

        new Select(driver.findElement(By.id("f-type"))).selectByVisibleText("Drift generation");
        click(By.xpath("//button[normalize-space()='Apply filters']"));
        chromium.await().until(ExpectedConditions.urlContains("type=drift.generate"));
        assertThat(driver.getCurrentUrl()).contains("bucket=succeeded").doesNotContain("from=").doesNotContain("tz=");
        assertThat(buckets()).containsExactly("succeeded");
        assertThat(cells("table.runs tbody th a")).allSatisfy(label -> assertThat(label).startsWith("Drift generation"));

        String shared = driver.getCurrentUrl();
        open("/tenants/contoso/operations");
        open(shared.substring(shared.indexOf("/tenants/")));
        assertThat(buckets()).as("a bookmarked view shows the same runs").containsExactly("succeeded");
        click(By.linkText("Clear filters"));
        waitForHeading("Operations");
        assertThat(buckets()).hasSize(3);

        click(By.cssSelector("a[data-statistics-link]"));
        waitForHeading("Statistics");
        assertThat(driver.findElements(By.cssSelector("section[data-run-type='drift.generate'] figure[data-chart='ended'] g.bar")))
                .as("the app's runs of the last 24 hours, charted").isNotEmpty();
        chromium.screenshot("operations-statistics");
    }

    @Test
    @Order(4)
    void the_list_refreshes_active_rows_in_place_and_stops_when_all_shown_runs_ended() {
        signIn("contoso.operator");
        open("/tenants/contoso/operations");
        waitForHeading("Operations");
        assertThat(driver.findElement(By.cssSelector("[data-live]")).getDomAttribute("data-active")).isEqualTo("false");
        assertThat(text(REFRESH_STATUS)).as("nothing refreshes while every shown run has ended").isEmpty();

        app.gate().hold();
        String id = app.post("contoso.operator", "/api/tenants/contoso/drift/generate", "{\"scope_key\":\"all_policies\"}")
                .json().path("run").path("id").asText();
        open("/tenants/contoso/operations");
        By row = By.cssSelector("tr[data-run-id='" + id + "']");
        assertThat(driver.findElement(row).getDomAttribute("data-bucket")).isEqualTo("queued");
        chromium.await().until(ExpectedConditions.textToBePresentInElementLocated(REFRESH_STATUS, "refresh every"));
        js("window.opsrunsSamePage = true;");

        app.gate().release();
        chromium.await().until(ExpectedConditions.attributeToBe(row, "data-bucket", "succeeded"));
        assertThat(driver.findElement(row).getText()).contains("Succeeded").contains("50 / 50");
        assertThat(text(By.cssSelector("[data-count-for='queued']"))).isEqualTo("0");
        chromium.await().until(ExpectedConditions.textToBePresentInElementLocated(REFRESH_STATUS, "refreshing stopped"));
        assertThat(js("return window.opsrunsSamePage === true;")).as("refreshed in place, not reloaded").isEqualTo(true);
    }

    @Test
    @Order(5)
    void the_notifications_menu_leads_to_the_runs() {
        signIn("contoso.operator");
        open("/tenants/contoso/operations");
        WebElement unread = driver.findElement(By.cssSelector("details.notifications"));
        assertThat(unread.findElement(By.cssSelector(".count")).getText()).endsWith("new");
        unread.findElement(By.tagName("summary")).click();
        chromium.await().until(d -> unread.getDomProperty("open").equals("true"));
        chromium.screenshot("notifications-menu");
        unread.findElement(By.cssSelector("[data-mark-all-read] button")).click();
        chromium.await().until(d -> d.findElements(By.cssSelector("details.notifications .count")).isEmpty());
        assertThat(driver.getCurrentUrl()).endsWith("/tenants/contoso/operations");
        WebElement menu = driver.findElement(By.cssSelector("details.notifications"));
        menu.findElement(By.tagName("summary")).click();
        chromium.await().until(d -> menu.getDomProperty("open").equals("true"));
        List<WebElement> links = menu.findElements(By.linkText("View run"));
        assertThat(links).isNotEmpty();
        links.get(0).click();
        chromium.await().until(ExpectedConditions.presenceOfElementLocated(DETAIL_BADGE));
        assertThat(driver.getCurrentUrl()).contains("/tenants/contoso/operations/");
    }

    @Test
    @Order(6)
    void a_readonly_user_gets_no_start_action_the_api_still_refuses_and_other_tenants_are_403() {
        signIn("contoso.readonly");
        open("/tenants/contoso/drift");
        waitForHeading("Drift");
        assertThat(driver.findElements(By.xpath("//button[contains(., 'Generate drift')]"))).isEmpty();
        assertThat(text(By.cssSelector(".notice-info"))).contains("READONLY");
        open("/tenants/contoso/backup-sets");
        click(By.linkText("Baseline before Windows 11 rollout"));
        waitForHeading("Baseline before Windows 11 rollout");
        assertThat(driver.findElements(By.xpath("//button[normalize-space()='Add policies']"))).isEmpty();
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/tenants/contoso/drift/generate', {method: 'POST', headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({scope_key: 'all_policies'})}).then(r => done(r.status), e => done(String(e)));
                """);
        assertThat(status).as("the API refuses the readonly session too").isEqualTo(403L);

        open("/tenants/fabrikam/operations");
        waitForHeading("Not allowed");
        assertThat(text(By.cssSelector(".error-code"))).isEqualTo("Error 403");
        assertThat(driver.getPageSource()).doesNotContain("Fabrikam").doesNotContain("at dev.opsruns");
        chromium.screenshot("error-403");
        click(By.linkText("Your tenants"));
        waitForHeading("Your tenants");

        open("/tenants/contoso/operations?bucket=done");
        waitForHeading("This page can't be shown");
        assertThat(text(By.cssSelector(".error-page .message"))).contains("\"done\"").contains("succeeded");
        click(By.linkText("Back to the operations list"));
        waitForHeading("Operations");
        assertThat(driver.getCurrentUrl()).endsWith("/tenants/contoso/operations");
    }

    @Test
    @Order(7)
    void a_user_of_two_tenants_switches_between_them() {
        signIn("morgan");
        open("/tenants/contoso/operations");
        WebElement switcher = driver.findElement(By.cssSelector("details.tenant-switcher"));
        switcher.findElement(By.tagName("summary")).click();
        switcher.findElement(By.partialLinkText("Fabrikam")).click();
        waitForHeading("Operations");
        assertThat(driver.getCurrentUrl()).endsWith("/tenants/fabrikam/operations");
        assertThat(text(By.cssSelector(".site-header .role"))).isEqualTo("READONLY");
    }

    private static void signIn(String userId) {
        open("/sign-in");
        driver.manage().deleteAllCookies();
        open("/sign-in");
        click(By.cssSelector("button[value='" + userId + "']"));
        chromium.await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/sign-in")));
    }

    private static void open(String path) {
        driver.get(app.uri(path).toString());
    }

    private static void click(By by) {
        chromium.await().until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static void waitForHeading(String heading) {
        chromium.await().until(ExpectedConditions.textToBe(H1, heading));
    }

    private static void waitForDetail(String title) {
        chromium.await().until(ExpectedConditions.presenceOfElementLocated(DETAIL_BADGE));
        chromium.await().until(d -> d.findElement(H1).getText().startsWith(title));
    }

    private static String text(By by) {
        return driver.findElement(by).getText();
    }

    private static List<String> cells(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static List<String> buckets() {
        return driver.findElements(By.cssSelector("table.runs tbody tr[data-bucket]")).stream()
                .map(row -> row.getDomAttribute("data-bucket")).toList();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }
}
