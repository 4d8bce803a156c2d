package dev.opsruns.example.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error response.
 *
 * @param status the HTTP status
 * @param error a stable code ({@code invalid_request}, {@code forbidden}, {@code not_found}, ...)
 * @param message what was wrong and what is accepted
 * @param field the request field or parameter at fault, when there is one
 * @param errorId for unexpected errors: the id to find in the server log
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, String field, String errorId) {
}
