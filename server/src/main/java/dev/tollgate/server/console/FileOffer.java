package dev.tollgate.server.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A credentials file offered once, on the page that answers the form that created it: a link with
 * a {@code data:} address and the {@code download} attribute saves it without JavaScript and
 * without the server keeping a copy to serve later. The page is {@code no-store}, like every page.
 */
public record FileOffer(String fileName, String json) {
    public String dataUrl() {
        return "data:application/json;base64," + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
