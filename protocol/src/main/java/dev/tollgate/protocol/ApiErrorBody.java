package dev.tollgate.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Google's JSON error body: {@code {"error":{"code","message","status","errors","details"}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiErrorBody(Status error) {

    public static final String ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";
    public static final String DOMAIN = "googleapis.com";

    public record Status(int code, String message, String status, List<LegacyError> errors, List<ErrorInfo> details) {}

    public record LegacyError(String message, String domain, String reason) {}

    public record ErrorInfo(@JsonProperty("@type") String type, String reason, String domain, Map<String, String> metadata) {}

    public static ApiErrorBody of(ApiException e) {
        ApiError kind = e.error();
        String message = e.getMessage() == null ? kind.defaultMessage() : e.getMessage();
        return new ApiErrorBody(new Status(kind.httpStatus(), message, kind.status(),
                List.of(new LegacyError(message, "global", kind.legacyReason())),
                List.of(new ErrorInfo(ERROR_INFO_TYPE, kind.reason(), DOMAIN, e.metadata()))));
    }
}
