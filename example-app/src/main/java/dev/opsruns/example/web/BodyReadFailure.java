package dev.opsruns.example.web;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * Recognises a request whose body could not be read because of the client: the server gave up on a
 * body that stalled or arrived slower than its minimum data rate (408), or the client went away. Such
 * failures are the client's, so they are answered as 4xx and logged in one line, never as a 500.
 */
final class BodyReadFailure {

    private BodyReadFailure() {
    }

    /**
     * @param error anything a handler threw
     * @return the 4xx status to answer with, or 0 when the error is not a failed body read
     */
    static int statusOf(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return http.getCode();
            }
            if (t instanceof TimeoutException) {
                return 408;
            }
            if (t instanceof EofException) {
                return 400;
            }
        }
        return 0;
    }
}
