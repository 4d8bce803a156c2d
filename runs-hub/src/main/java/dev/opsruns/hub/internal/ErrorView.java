package dev.opsruns.hub.internal;

import java.util.List;

/**
 * An error page: the status, a title, a message written to be shown, and ways back. Never a stack trace.
 *
 * @param frame the page shell
 * @param status the HTTP status
 * @param heading the title
 * @param message what was wrong and what is accepted
 * @param links ways back
 */
public record ErrorView(Frame frame, int status, String heading, String message, List<DetailView.Link> links) {
}
