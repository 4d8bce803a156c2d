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

    @Test
    @Order(8)
    void the_statistics_page_draws_charts_whose_titles_agree_with_its_data_table() {
        signIn("alice");
        driver.findElement(By.cssSelector("a[data-statistics-link]")).click();
        chromium.await().until(ExpectedConditions.urlContains("/ops/tenants/contoso/statistics"));
        assertThat(h1()).isEqualTo("Statistics");
        WebElement drift = driver.findElement(By.cssSelector("section[data-run-type='drift.generate']"));
        WebElement bars = drift.findElement(By.cssSelector("figure[data-chart='ended'] svg.chart-svg"));
        assertThat(bars.getSize().getWidth()).as("drawn, not collapsed").isGreaterThan(300);
        List<WebElement> barGroups = bars.findElements(By.cssSelector("g.bar"));
        assertThat(barGroups).isNotEmpty();
        assertThat(js("var r = document.querySelector(\"section[data-run-type='drift.generate'] rect[data-bucket='failed']\");"
                + "return getComputedStyle(r).fill;")).as("the pattern fill applies under the CSP")
                .isEqualTo("url(\"#stats-fill-failed\")");

        java.util.Map<String, List<String>> table = new java.util.HashMap<>();
        for (WebElement row : drift.findElements(By.cssSelector("table[data-slots] tbody tr"))) {
            List<String> cells = row.findElements(By.cssSelector("th, td")).stream()
                    .map(c -> c.getDomProperty("textContent").trim()).toList();
            table.put(cells.get(0), cells.subList(1, cells.size()));
        }
        long endedInBars = 0;
        for (WebElement bar : barGroups) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "(.+): (\\d+) ended \\((\\d+) succeeded, (\\d+) partially succeeded, (\\d+) failed\\)")
                    .matcher(bar.findElement(By.tagName("title")).getDomProperty("textContent"));
            assertThat(m.matches()).isTrue();
            assertThat(table.get(m.group(1))).as("the data table's row of " + m.group(1))
                    .startsWith(m.group(3), m.group(4), m.group(5), m.group(2));
            assertThat(bar.getDomAttribute("data-total")).isEqualTo(m.group(2));
            endedInBars += Long.parseLong(m.group(2));
        }
        String ended = drift.findElement(By.cssSelector("tr[data-figure='ended'] td")).getText();
        assertThat(endedInBars).as("the bars add up to the ended figure").isEqualTo(Long.parseLong(ended));
        for (WebElement point : drift.findElements(By.cssSelector("figure[data-chart='p95'] g.point"))) {
            String title = point.findElement(By.tagName("title")).getDomProperty("textContent");
            String slot = title.substring(0, title.indexOf(": p95 duration "));
            String p95 = title.substring(title.indexOf(": p95 duration ") + 15, title.lastIndexOf(" ("));
            assertThat(table.get(slot).get(4)).as("p95 of " + slot).isEqualTo(p95);
        }
        long gaps = table.values().stream().filter(cells -> cells.get(3).equals("0")).count();
        assertThat(gaps).as("intervals without runs").isEqualTo(table.size() - barGroups.size());
        assertThat(table.values().stream().filter(cells -> cells.get(3).equals("0")).map(cells -> cells.get(4)))
                .as("and no duration there").containsOnly("—");
        chromium.screenshot("hub-statistics");

        driver.findElement(By.cssSelector("a[data-reason='graph.forbidden']")).click();
        chromium.await().until(ExpectedConditions.urlContains("reason=graph.forbidden"));
        assertThat(driver.findElements(By.cssSelector("tbody tr[data-run-id]"))).hasSize(1);
    }

    @Test
    @Order(9)
    void the_statistics_window_selector_shows_dates_only_for_a_custom_window_and_keeps_the_choice_in_the_url() {
        open("/ops/tenants/contoso/statistics");
        WebElement from = driver.findElement(By.id("s-from"));
        assertThat(from.isDisplayed()).isFalse();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("s-window"))).selectByValue("custom");
        assertThat(from.isDisplayed()).isTrue();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("s-window"))).selectByValue("7d");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("s-type"))).selectByValue("backup_set.add_policies");
        driver.findElement(By.cssSelector("form[data-filters] button[type='submit']")).click();
        chromium.await().until(ExpectedConditions.urlContains("window=7d"));
        assertThat(driver.getCurrentUrl()).endsWith("/statistics?window=7d&type=backup_set.add_policies");
        assertThat(driver.findElements(By.cssSelector("section[data-run-type]"))).hasSize(1);
        assertThat(text("[data-window]")).contains("in intervals of 6 h");
    }

    @Test
    @Order(10)
    void statistics_without_runs_show_an_empty_state_and_another_tenants_are_refused() {
        open("/ops/tenants/contoso/statistics?type=no.such");
        assertThat(text("[data-statistics-empty]")).contains("No run of type");
        assertThat(driver.findElements(By.cssSelector("svg.chart-svg"))).isEmpty();
        chromium.screenshot("hub-statistics-empty");
        open("/ops/tenants/contoso/statistics?window=custom&from=2020-01-01&to=2020-01-02");
        assertThat(text(".error-code")).isEqualTo("Error 400");
        assertThat(text(".message")).contains("ended runs are kept for 90 d only");
        open("/ops/tenants/fabrikam/statistics");
        assertThat(text(".error-code")).isEqualTo("Error 403");
        assertThat(driver.findElements(By.cssSelector("section[data-run-type]"))).isEmpty();
    }

    @Test
    @Order(11)
    void the_list_shows_new_failures_since_the_last_visit_and_links_to_them() {
        open("/ops/tenants/contoso/operations");
        assertThat(driver.findElements(By.cssSelector("[data-new-failures]"))).as("nothing failed since the last visit").isEmpty();
        RunId failed = scenario.startRunning("while-away");
        scenario.ledger().registry().fail(failed, dev.opsruns.core.ReasonCode.of("graph.throttled"), "throttled");
        open("/ops/tenants/contoso/operations");
        assertThat(text("[data-new-failures] strong")).isEqualTo("1 new failure since your last visit");
        chromium.screenshot("hub-new-failures");
        driver.findElement(By.cssSelector("a[data-new-failures-link]")).click();
        chromium.await().until(ExpectedConditions.urlContains("ended_from="));
        assertThat(driver.findElements(By.cssSelector("tbody tr[data-run-id]"))).extracting(r -> r.getDomAttribute("data-run-id"))
                .containsExactly(failed.toString());
        assertThat(driver.findElement(By.cssSelector("a.tab-failed")).getDomAttribute("aria-current")).isEqualTo("page");
        assertThat(driver.findElements(By.cssSelector("[data-new-failures]"))).as("seen now").isEmpty();
    }

    private static String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }
}
