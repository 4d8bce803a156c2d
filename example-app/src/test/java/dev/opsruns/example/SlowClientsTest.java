package dev.opsruns.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.harness.RunningApp;
import dev.opsruns.example.harness.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow-body denial of service, no login needed: many clients that start a {@code POST /sign-in} with
 * {@code Content-Length: 5000} and then send one byte every few seconds must not take every server
 * thread. The app keeps answering its health probe while they dribble, and the server answers and cuts
 * off every one of them (408 for a body that stalls or arrives slower than the minimum data rate, 503
 * for sign-ins beyond the few whose bodies may be read at once).
 *
 * <p>The clients are bounded (300 connections, about 15 seconds, each stops by itself) and stay on
 * loopback: they connect to 127.0.0.1 from distinct 127.0.x.y source addresses, as a spread-out
 * attacker would, so the per-address sign-in limit does not turn them away before they send a body.
 * The database does not matter here, so it runs on H2 only.
 */
class SlowClientsTest {

    private static final int CLIENTS = 300;
    private static final Duration ATTACK = Duration.ofSeconds(15);
    private static final Duration DRIBBLE_EVERY = Duration.ofSeconds(5);
    /** Generous for a loaded build machine; without the server's limits no probe is answered until the clients stop. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(6);

    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.H2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void health_probes_are_answered_while_300_clients_dribble_sign_in_bodies() throws Exception {
        int port = app.server().port();
        List<Socket> sockets = new ArrayList<>();
        List<String> probeFailures = new CopyOnWriteArrayList<>();
        List<Long> probeMillis = new CopyOnWriteArrayList<>();
        List<String> stillOpen = new ArrayList<>();
        HttpClient probe = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        assertThat(probe(probe)).as("the probe before the slow clients").isEqualTo("200");
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + i / 200), (byte) (1 + i % 200)}), 0));
                s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:" + port
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\nu")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sockets.add(s);
            }
            long end = System.nanoTime() + ATTACK.toNanos();
            long nextDribble = System.nanoTime() + DRIBBLE_EVERY.toNanos();
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                String outcome = probe(probe);
                if (!outcome.equals("200")) {
                    probeFailures.add(outcome);
                }
                probeMillis.add((System.nanoTime() - t0) / 1_000_000);
                if (System.nanoTime() >= nextDribble) {
                    for (Socket s : sockets) {
                        dribble(s);
                    }
                    nextDribble = System.nanoTime() + DRIBBLE_EVERY.toNanos();
                }
                Thread.sleep(200);
            }
            // Well past the server's request idle timeout: every slow client has been answered and cut off.
            for (Socket s : sockets) {
                String answer = answerOf(s);
                if (!answer.startsWith("HTTP/1.1 408") && !answer.startsWith("HTTP/1.1 503") && !answer.equals("closed")) {
                    stillOpen.add(answer);
                }
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        System.out.printf("slow clients: %d probes, slowest %d ms, failures %s%n", probeMillis.size(),
                probeMillis.stream().mapToLong(Long::longValue).max().orElse(-1), probeFailures);
        assertThat(probeFailures).as("health probes that failed while the slow clients dribbled").isEmpty();
        assertThat(probeMillis).hasSizeGreaterThan(5);
        assertThat(stillOpen).as("slow clients the server neither answered nor cut off").isEmpty();
    }

    private static String probe(HttpClient client) throws InterruptedException {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(app.server().baseUrl() + "/health"))
                    .timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return Integer.toString(r.statusCode());
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** What the server sent a slow client: its status line, "closed", or what is wrong. */
    private static String answerOf(Socket s) {
        try {
            s.setSoTimeout(1_000);
            byte[] buf = new byte[12];
            int n = s.getInputStream().readNBytes(buf, 0, buf.length);
            return n <= 0 ? "closed" : new String(buf, 0, n, StandardCharsets.US_ASCII);
        } catch (java.net.SocketTimeoutException e) {
            return "still waiting for the body";
        } catch (IOException e) {
            return "closed";
        }
    }

    private static void dribble(Socket s) {
        try {
            OutputStream out = s.getOutputStream();
            out.write('x');
            out.flush();
        } catch (IOException closedByTheServer) {
            // what the server should do to a body this slow
        }
    }
}
