package dev.tollgate.server.http;

import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/** Errors Jetty answers before any handler runs (bad URIs, oversized headers) in Google's JSON body. */
public final class JettyJsonErrors extends ErrorHandler {

    public JettyJsonErrors() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        response.setContentType("application/json; charset=UTF-8");
        response.getOutputStream().write(body(code).getBytes(StandardCharsets.UTF_8));
        baseRequest.setHandled(true);
    }

    static String body(int status) {
        return Json.write(ApiErrorBody.of(forStatus(status).exception()));
    }

    public static ApiError forStatus(int status) {
        return switch (status) {
            case 400, 431 -> ApiError.INVALID_ARGUMENT;
            case 404 -> ApiError.NOT_FOUND;
            case 405 -> ApiError.METHOD_NOT_ALLOWED;
            case 413 -> ApiError.PAYLOAD_TOO_LARGE;
            default -> ApiError.INTERNAL;
        };
    }
}
