package dev.opsruns.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.RunId;
import dev.opsruns.hub.host.HeadlessChromium;
import dev.opsruns.hub.host.HubScenario;
import dev.opsruns.hub.host.PlainServletHost;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The hub in a real browser (Debian's headless Chromium), mounted by the minimal plain-servlet host:
 * sign-in by the host, tenant isolation, hostile run data, the mark-read flow, and the list refreshing
 * while runs are active. Screenshots of every page land in {@code runs-hub/target/screenshots/}.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubBrowserTest {

    private static HubScenario scenario;
    private static PlainServletHost host;
    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @BeforeAll
    static void start() {
        HeadlessChromium.assumeInstalled();
        scenario = new HubScenario(Clock.systemUTC(), () -> { });
        host = PlainServletHost.start(scenario.ledger(), HubScenario.USERS, HubScenario.runTypes());
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (host != null) {
                host.close();
            }
        }
    }

    private static void open(String path) {
        driver.get(host.uri().resolve(path).toString());
    }

    private static void signIn(String user) {
        open("/sign-in");
        driver.manage().deleteAllCookies();
        open("/ops/tenants/contoso/operations");
        chromium.await().until(ExpectedConditions.urlContains("/sign-in?next="));
        driver.findElement(By.cssSelector("button[value='" + user + "']")).click();
        chromium.await().until(ExpectedConditions.not(ExpectedConditions.urlContains("/sign-in")));
    }

    private static String h1() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    @Test
    @Order(1)
    void the_host_signs_the_operator_in_and_the_list_shows_what_an_operator_needs() {
        signIn("alice");
        assertThat(driver.getCurrentUrl()).endsWith("/ops/tenants/contoso/operations");
        assertThat(h1()).isEqualTo("Operations");
        WebElement partial = driver.findElement(By.cssSelector("tr[data-run-id='" + scenario.partial.id() + "']"));
        assertThat(partial.getText()).contains("Partially succeeded").contains("38 ok").contains("12 failed");
        assertThat(partial.findElement(By.cssSelector("td.num")).getText()).isEqualTo("12");
        assertThat(partial.findElement(By.cssSelector("rect.bar-failed")).getDomAttribute("width")).isEqualTo("24.00");
        String created = partial.findElement(By.tagName("time")).getText();
        assertThat(created).as("absolute time in the viewer's zone, with how long ago").contains("GMT+5:30").contains("ago")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        assertThat(partial.findElement(By.tagName("time")).getDomAttribute("title")).as("the UTC text stays in the tooltip")
                .endsWith(" UTC");
        assertThat(text("[data-time-zone]")).isIn("your time zone (Asia/Kolkata)", "your time zone (Asia/Calcutta)");
        chromium.screenshot("hub-list");
    }

    @Test
    @Order(2)
    void the_detail_groups_item_failures_by_reason_and_filters_by_one() {
        open("/ops/tenants/contoso/operations/" + scenario.partial.id());
        assertThat(h1()).startsWith("Backup set: add policies");
        List<String> groups = driver.findElements(By.cssSelector("[data-reason-group]")).stream()
                .map(g -> g.getDomAttribute("data-reason-group")).toList();
        assertThat(groups).containsExactly("graph.forbidden", "graph.throttled", "graph.not_found");
        chromium.screenshot("hub-detail-partially-succeeded");
        driver.findElement(By.cssSelector("a[data-reason='graph.throttled']")).click();
        chromium.await().until(ExpectedConditions.urlContains("reason=graph.throttled"));
        assertThat(driver.findElements(By.cssSelector("[data-reason-group]"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("table.item-failures tbody tr"))).hasSize(4);
    }

    @Test
    @Order(3)
    void hostile_run_data_stays_text_and_runs_no_script() {
        open("/ops/tenants/contoso/operations/" + scenario.hostile.id());
        assertThat(text("main")).contains(HubScenario.SCRIPT).contains("<img src=x onerror=window.__pwned=3>");
        assertThat(js("return window.__pwned === undefined;")).isEqualTo(true);
        assertThat(driver.findElements(By.cssSelector("main script, main img"))).isEmpty();
        assertThat(driver.findElements(By.partialLinkText("Sneaky"))).isEmpty();
        chromium.screenshot("hub-detail-hostile");
        open("/ops/tenants/contoso/operations?initiator=mallory");
        assertThat(driver.findElements(By.cssSelector("tbody tr[data-run-id]"))).hasSize(1);
        assertThat(js("return window.__pwned === undefined;")).isEqualTo(true);
    }

    @Test
    @Order(4)
    void the_operator_marks_notifications_read_from_the_menu() {
        open("/ops/tenants/contoso/operations?bucket=failed");
        WebElement menu = driver.findElement(By.cssSelector("details.notifications"));
        assertThat(menu.findElement(By.cssSelector(".count")).getText()).isEqualTo("2 new");
        menu.findElement(By.tagName("summary")).click();
        chromium.await().until(d -> "true".equals(menu.getDomProperty("open")));
        assertThat(menu.findElement(By.cssSelector(".start-notes summary")).getText()).contains("start notices");
        chromium.screenshot("hub-notifications");
        menu.findElement(By.cssSelector("ul.notes li.unread button")).click();
        chromium.await().until(d -> d.findElement(By.cssSelector("details.notifications .count")).getText().equals("1 new"));
        assertThat(driver.getCurrentUrl()).as("back on the same view").endsWith("/operations?bucket=failed");
        driver.findElement(By.cssSelector("details.notifications summary")).click();
        driver.findElement(By.cssSelector("[data-mark-all-read] button")).click();
        chromium.await().until(d -> d.findElements(By.cssSelector("details.notifications .count")).isEmpty());
        assertThat(scenario.ledger().notifications().list(HubScenario.ALICE, HubScenario.CONTOSO, true, 50)).isEmpty();
    }

    @Test
    @Order(5)
    void the_list_refreshes_active_runs_in_place_until_they_end() {
        RunId id = scenario.startRunning("live");
        open("/ops/tenants/contoso/operations?type=drift.generate");
        By row = By.cssSelector("tr[data-run-id='" + id + "']");
        assertThat(driver.findElement(row).getDomAttribute("data-bucket")).isEqualTo("running");
        chromium.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-refresh-status]"),
                "refresh every"));
        js("window.samePage = true;");
        scenario.ledger().registry().recordProgress(id, ProgressDelta.succeeded(4));
        chromium.await().until(d -> d.findElement(row).getText().contains("4 / 10"));
        scenario.ledger().registry().recordProgress(id, ProgressDelta.succeeded(6));
        scenario.ledger().registry().finish(id);
        chromium.await().until(ExpectedConditions.attributeToBe(row, "data-bucket", "succeeded"));
        chromium.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-refresh-status]"),
                "refreshing stopped"));
        assertThat(js("return window.samePage === true;")).as("refreshed in place, not reloaded").isEqualTo(true);
        chromium.screenshot("hub-list-refreshed");
    }

    @Test
    @Order(6)
    void another_tenants_run_is_404_and_a_tenant_without_a_role_is_403() {
        open("/ops/tenants/contoso/operations/" + scenario.foreign.id());
        assertThat(text(".error-code")).isEqualTo("Error 404");
        chromium.screenshot("hub-error-404");
        open("/ops/tenants/fabrikam/operations");
        assertThat(text(".error-code")).isEqualTo("Error 403");
        assertThat(driver.getPageSource()).doesNotContain("fabrikam_scope");
        chromium.screenshot("hub-error-403");
        signIn("nora");
        assertThat(text(".error-code")).isEqualTo("Error 403");
        open("/ops/");
        assertThat(text("main")).contains("You have no role in any tenant.");
    }

    @Test
    @Order(7)
    void a_user_of_two_tenants_switches_between_them() {
        signIn("morgan");
        open("/ops/");
        chromium.screenshot("hub-tenants");
        driver.findElement(By.linkText("Contoso")).click();
        WebElement switcher = driver.findElement(By.cssSelector("details.tenant-switcher"));
        switcher.findElement(By.tagName("summary")).click();
        switcher.findElement(By.partialLinkText("Fabrikam")).click();
        chromium.await().until(ExpectedConditions.urlContains("/ops/tenants/fabrikam/operations"));
        assertThat(text(".site-header .role")).isEqualTo("READONLY");
        assertThat(driver.findElements(By.cssSelector("tr[data-run-id='" + scenario.foreign.id() + "']"))).hasSize(1);
    }

    private static String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }
}
